import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AnswerValue, SlotView } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { answerText, choose, isAnswered, letterAt } from '../sittings/answers.ts';
import { Stem } from '../sittings/Stem.tsx';
import {
  type Feedback,
  type PracticeQuestion,
  practiceApi,
  practiceKeys,
  usePracticeCategories,
  useWrongBook,
} from './api.ts';
import './i18n.ts';
import './practice.css';

/**
 * 练习 (/m/practice): the categories of the member's banks as a big list; one tapped
 * (?categoryId=…), or the book (?book=true, from 错题本's 再练一遍), one question at a time: a single
 * choice or true/false is sent as it is tapped, a multiple choice or a typed answer with 提交; then
 * 回答正确 / 回答错误 big, the key and the 解析, and 下一题. Light: no antd, targets ≥ 48 px.
 */
export default function PracticePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const categoryId = params.get('categoryId') ?? undefined;
  const book = params.get('book') === 'true';
  const practising = book || !!categoryId;
  useEffect(() => {
    document.title = `${t(book ? 'practice.fromBook' : 'practice.title')} · ${t('app.short')}`;
  }, [t, book]);
  return (
    <div className="hy-m hy-p">
      <header className="hy-m-header">
        <Link
          className="hy-m-header-btn hy-m-back hy-p-header-btn"
          to={book ? '/m/practice/wrong' : practising ? '/m/practice' : '/m'}
        >
          ‹ {book ? t('practice.book.title') : practising ? t('practice.title') : t('practice.back')}
        </Link>
        <h1>{t(book ? 'practice.fromBook' : 'practice.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {practising ? (
          <Session key={`${categoryId ?? ''}:${book}`} categoryId={categoryId} book={book} />
        ) : (
          <Categories />
        )}
      </main>
    </div>
  );
}

function BookButton() {
  const { t } = useTranslation();
  const wrong = useWrongBook(1);
  return (
    <Link className="hy-btn hy-btn-block hy-p-bookbtn" to="/m/practice/wrong" data-testid="practice-book">
      {wrong.data ? t('practice.bookCount', { count: wrong.data.total }) : t('practice.bookButton')}
    </Link>
  );
}

function Categories() {
  const { t } = useTranslation();
  const list = usePracticeCategories();
  return (
    <>
      <p className="hy-p-hint">{t('practice.chooseHint')}</p>
      <BookButton />
      <h2 className="hy-p-h2">{t('practice.categories')}</h2>
      {list.isError && (
        <p className="hy-error" role="alert">
          {errorMessage(list.error)}
        </p>
      )}
      {list.data && list.data.items.length === 0 && <p className="hy-m-muted">{t('practice.none')}</p>}
      <ul className="hy-p-cats" data-testid="practice-categories">
        {list.data?.items.map((c) => (
          <li key={c.id}>
            {c.questionCount > 0 ? (
              <Link
                className="hy-p-cat"
                to={`/m/practice?categoryId=${c.id}`}
                data-testid={`practice-category-${c.id}`}
              >
                <span className="hy-p-cat-name">
                  {c.name}
                  <small>{c.orgName}</small>
                </span>
                <span className="hy-p-cat-count">{t('practice.count', { count: c.questionCount })} ›</span>
              </Link>
            ) : (
              <span className="hy-p-cat hy-p-cat-empty">
                <span className="hy-p-cat-name">
                  {c.name}
                  <small>{c.orgName}</small>
                </span>
                <span className="hy-p-cat-count">{t('practice.noQuestions')}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Today's right/answered of this browser session, kept across the pages of the session. */
function useTally() {
  const key = `hy-practice-tally-${new Date().toISOString().slice(0, 10)}`;
  const [tally, setTally] = useState<{ right: number; answered: number }>(() => {
    try {
      const kept = JSON.parse(sessionStorage.getItem(key) ?? 'null');
      if (kept && typeof kept.right === 'number' && typeof kept.answered === 'number') return kept;
    } catch {
      // no storage (private mode): the tally lives with the page
    }
    return { right: 0, answered: 0 };
  });
  const count = (right: boolean) =>
    setTally((was) => {
      const now = { right: was.right + (right ? 1 : 0), answered: was.answered + 1 };
      try {
        sessionStorage.setItem(key, JSON.stringify(now));
      } catch {
        // as above
      }
      return now;
    });
  return { tally, count };
}

function Session({ categoryId, book }: { categoryId?: string; book: boolean }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const { tally, count } = useTally();
  // one question per round: 下一题 asks for a new one, a return to the tab does not
  const next = useQuery({
    queryKey: [...practiceKeys.all, 'next', categoryId ?? '', book, round],
    queryFn: () => practiceApi.next({ categoryId, book }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const q = next.data?.question;
  return (
    <>
      <p className="hy-p-tally" data-testid="practice-tally" aria-live="polite">
        {t('practice.tally', tally)}
      </p>
      {next.isError && (
        <p className="hy-error" role="alert">
          {errorMessage(next.error)}
        </p>
      )}
      {next.isPending && <p className="hy-m-muted">{t('practice.loading')}</p>}
      {next.data && !q && (
        <div className="hy-p-done" data-testid="practice-none">
          <p className="hy-p-big">{book ? t('practice.bookEmpty') : t('practice.allDone')}</p>
          {!book && (
            <button
              type="button"
              className="hy-btn hy-btn-primary hy-btn-block"
              onClick={() => setRound((r) => r + 1)}
            >
              {t('practice.again')}
            </button>
          )}
          <Link className="hy-btn hy-btn-block" to="/m/practice">
            {t('practice.otherCategory')}
          </Link>
        </div>
      )}
      {q && (
        <Question
          key={`${q.questionId}:${round}`}
          q={q}
          book={book}
          onAnswered={count}
          onNext={() => setRound((r) => r + 1)}
        />
      )}
      {!book && q && (
        <nav className="hy-p-foot">
          <Link className="hy-btn" to="/m/practice">
            {t('practice.otherCategory')}
          </Link>
          <Link className="hy-btn" to="/m/practice/wrong">
            {t('practice.bookButton')}
          </Link>
        </nav>
      )}
      {book && (
        <nav className="hy-p-foot">
          <Link className="hy-btn" to="/m/practice/wrong">
            {t('practice.bookButton')}
          </Link>
        </nav>
      )}
    </>
  );
}

/** Whether an answer is sent as soon as it is tapped (one tap, one answer). */
const sentAtOnce = (type: SlotView['type']) => type === 'single' || type === 'truefalse';

function Question({
  q,
  book,
  onAnswered,
  onNext,
}: {
  q: PracticeQuestion;
  book: boolean;
  onAnswered: (right: boolean) => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const slot = q.view;
  const [value, setValue] = useState<AnswerValue | undefined>();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verdict = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (feedback) verdict.current?.focus();
  }, [feedback]);

  const send = async (answer: AnswerValue | undefined) => {
    if (sending || feedback) return;
    if (!answer || !isAnswered(answer)) {
      setError(slot.type === 'multiple' ? t('practice.chooseFirst') : t('practice.typeFirst'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const f = await practiceApi.answer(q.questionId, answer);
      setFeedback(f);
      if (f.percent !== null) onAnswered(f.correct);
      void queryClient.invalidateQueries({ queryKey: [...practiceKeys.all, 'book'] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const pick = (v: AnswerValue) => {
    if (feedback || sending) return;
    setValue(v);
    setError(null);
    if (sentAtOnce(slot.type)) void send(v);
  };

  const keyChoices = new Set(feedback?.key?.choices ?? []);
  const choiceClass = (on: boolean, index: number) => {
    if (!feedback) return on ? 'hy-p-choice hy-p-choice-on' : 'hy-p-choice';
    if (keyChoices.has(index)) return 'hy-p-choice hy-p-choice-key';
    return on ? 'hy-p-choice hy-p-choice-wrong' : 'hy-p-choice';
  };
  const truthClass = (on: boolean, truth: boolean) => {
    if (!feedback) return on ? 'hy-p-choice hy-p-choice-on' : 'hy-p-choice';
    if (feedback.key?.truth === truth) return 'hy-p-choice hy-p-choice-key';
    return on ? 'hy-p-choice hy-p-choice-wrong' : 'hy-p-choice';
  };
  const locked = !!feedback || sending;

  return (
    <section className="hy-p-question" data-testid="practice-question" data-question={q.questionId}>
      <p className="hy-p-qhead">
        <span>{t(`practice.type.${slot.type}`)}</span>
        <span>{q.categoryName}</span>
      </p>
      <Stem text={slot.stem} format={slot.format} className="hy-p-stem" />
      {slot.type === 'multiple' && !feedback && <p className="hy-p-hint">{t('practice.multipleHint')}</p>}

      {(slot.type === 'single' || slot.type === 'multiple') && (
        <div className="hy-p-choices">
          {(slot.choices ?? []).map((c, pos) => {
            const on = value?.choices?.includes(c.index) ?? false;
            return (
              <button
                key={c.index}
                type="button"
                className={choiceClass(on, c.index)}
                aria-pressed={on}
                disabled={locked}
                onClick={() => pick(choose(slot, value, c.index))}
                data-testid={`practice-choice-${c.index}`}
              >
                <span className="hy-p-letter" aria-hidden="true">
                  {on && slot.type === 'multiple' && !feedback ? '✓' : letterAt(pos)}
                </span>
                <span className="hy-p-choice-text">{c.text}</span>
              </button>
            );
          })}
        </div>
      )}

      {slot.type === 'truefalse' && (
        <div className="hy-p-truth">
          {[true, false].map((truth) => {
            const on = value?.truth === truth;
            return (
              <button
                key={String(truth)}
                type="button"
                className={truthClass(on, truth)}
                aria-pressed={on}
                disabled={locked}
                onClick={() => pick({ truth })}
                data-testid={truth ? 'practice-truth-yes' : 'practice-truth-no'}
              >
                <span className="hy-p-letter" aria-hidden="true">
                  {truth ? '✓' : '✗'}
                </span>
                <span className="hy-p-choice-text">{truth ? t('practice.yes') : t('practice.no')}</span>
              </button>
            );
          })}
        </div>
      )}

      {(slot.type === 'fill' || slot.type === 'numeric' || slot.type === 'short') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send(value);
          }}
        >
          <input
            className="hy-input hy-p-text"
            value={value?.text ?? ''}
            inputMode={slot.type === 'numeric' ? 'decimal' : 'text'}
            autoComplete="off"
            placeholder={
              slot.type === 'numeric' ? t('practice.numericPlaceholder') : t('practice.fillPlaceholder')
            }
            aria-label={t(`practice.type.${slot.type}`)}
            disabled={locked}
            maxLength={500}
            onChange={(e) => pick({ text: e.target.value })}
            data-testid="practice-text"
          />
        </form>
      )}

      {!feedback && !sentAtOnce(slot.type) && (
        <button
          type="button"
          className="hy-btn hy-btn-primary hy-btn-block hy-p-submit"
          disabled={sending}
          onClick={() => void send(value)}
          data-testid="practice-submit"
        >
          {t('practice.submit')}
        </button>
      )}

      {error && (
        <p className="hy-error" role="alert" data-testid="practice-error">
          {error}
        </p>
      )}

      {feedback && (
        <div
          ref={verdict}
          tabIndex={-1}
          className={feedback.correct ? 'hy-p-verdict hy-p-verdict-right' : 'hy-p-verdict hy-p-verdict-wrong'}
          data-testid="practice-feedback"
          data-correct={feedback.correct}
          role="status"
        >
          {feedback.percent !== null && (
            <p className="hy-p-verdict-word" data-testid="practice-verdict">
              {feedback.correct ? `✓ ${t('practice.right')}` : `✗ ${t('practice.wrong')}`}
            </p>
          )}
          {feedback.percent !== null && !feedback.correct && feedback.percent > 0 && (
            <p>{t('practice.partly', { percent: feedback.percent })}</p>
          )}
          {!feedback.correct && value && feedback.percent !== null && (
            <p>
              {t('practice.yours', {
                answer:
                  answerText(slot, value, { yes: t('practice.yes'), no: t('practice.no') }) ||
                  t('practice.noAnswer'),
              })}
            </p>
          )}
          {feedback.keyText && (
            <p className="hy-p-key" data-testid="practice-key">
              {t('practice.key', { key: feedback.keyText })}
            </p>
          )}
          {feedback.explanation && (
            <div className="hy-p-explanation">
              <strong>{t('practice.explanation')}</strong>
              <p className="hy-p-pre">{feedback.explanation}</p>
            </div>
          )}
          {feedback.percent !== null && (book || !feedback.correct) && (
            <p className="hy-p-note">
              {feedback.inBook ? t('practice.addedToBook') : t('practice.leftBook')}
            </p>
          )}
        </div>
      )}

      {feedback && (
        <button
          type="button"
          className="hy-btn hy-btn-primary hy-btn-block hy-p-next"
          onClick={onNext}
          data-testid="practice-next"
        >
          {t('practice.next')} ›
        </button>
      )}
    </section>
  );
}
