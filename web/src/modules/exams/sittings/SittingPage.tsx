import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AnswerValue, Attempt, SlotView } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { choose, classifyFailure, isAnswered, letterAt, unansweredNumbers } from './answers.ts';
import { myExamKeys, sittingApi, useAttempt } from './api.ts';
import { clockOffset, formatCountdown, HURRY_MS, remainingMs } from './countdown.ts';
import { SaveQueue, type SaveState, storageKey } from './save-queue.ts';
import { Stem } from './Stem.tsx';
import './i18n.ts';
import './sitting.css';

/** A text answer is sent once the member pauses typing (and when the box is left). */
const TYPING_PAUSE_MS = 800;
/** Once time is up, how often the page asks whether the server has handed the paper in. */
const POLL_MS = 2000;

const browserStorage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

/**
 * 答题 (/m/exams/attempts/:id): one question at a time, a strip of numbered squares to jump, the
 * time left counted down on the server's clock. Every answer is saved as it is given (save-queue.ts:
 * kept on the phone until the server has it); when time is up the server hands the paper in and
 * the page follows it to the result.
 */
export default function SittingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const attempt = useAttempt(id);
  const a = attempt.data;
  const over = a && a.status !== 'open';

  useEffect(() => {
    document.title = `${a?.examTitle ?? t('sitting.title')} · ${t('app.short')}`;
  }, [a?.examTitle, t]);

  // submitted already (by the member elsewhere, or by the clock): the result is what is left to see
  useEffect(() => {
    if (!over) return;
    browserStorage()?.removeItem(storageKey(id));
    navigate(`/m/exams/results/${id}`, { replace: true });
  }, [over, id, navigate]);

  // back from another app or a locked screen: ask the server's clock again (a phone asleep may
  // have stopped or moved its own)
  const { refetch } = attempt;
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refetch();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refetch]);

  return (
    <div className="hy-m hy-x-sitting">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m/exams">
          ‹ {t('sitting.title')}
        </Link>
        <h1 className="hy-x-header-title">{a?.examTitle ?? t('sitting.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      {attempt.isError && (
        <main className="hy-m-main">
          <p className="hy-error" role="alert">
            {errorMessage(attempt.error)}
          </p>
        </main>
      )}
      {attempt.isPending && (
        <main className="hy-m-main">
          <p className="hy-m-muted">{t('sitting.sit.loading')}</p>
        </main>
      )}
      {a && !over && <Sitting key={a.id} a={a} receivedAt={attempt.dataUpdatedAt} />}
    </div>
  );
}

type Phase = 'sitting' | 'confirm' | 'submitting' | 'timeUp' | 'closed';

function Sitting({ a, receivedAt }: { a: Attempt; receivedAt: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [phase, setPhase] = useState<Phase>('sitting');
  const [error, setError] = useState<string | null>(null);
  const toResult = useCallback(() => {
    browserStorage()?.removeItem(storageKey(a.id));
    void queryClient.invalidateQueries({ queryKey: myExamKeys.all });
    navigate(`/m/exams/results/${a.id}`, { replace: true });
  }, [a.id, navigate]);

  // ── the answers: the server's, then those this phone kept and the server never got ──────────
  const [queue] = useState(
    () =>
      new SaveQueue({
        key: storageKey(a.id),
        storage: browserStorage(),
        send: (slot, answer) => sittingApi.save(a.id, slot, answer),
        classify: classifyFailure,
        onClosed: () => setPhase((p) => (p === 'timeUp' ? p : 'closed')),
      }),
  );
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(() => ({ ...a.answers }));
  const answersRef = useRef(answers);
  answersRef.current = answers;
  useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);

  // text answers wait for a pause in typing; choices go at once
  const typing = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const sendNow = useCallback(
    (slot: number) => {
      const timer = typing.current.get(slot);
      if (timer === undefined) return;
      clearTimeout(timer);
      typing.current.delete(slot);
      const answer = answersRef.current[String(slot)];
      if (answer) queue.put(slot, answer);
    },
    [queue],
  );
  const sendAllNow = useCallback(() => {
    for (const slot of [...typing.current.keys()]) sendNow(slot);
  }, [sendNow]);
  useEffect(() => {
    const kept = queue.restore();
    if (Object.keys(kept).length > 0) setAnswers((now) => ({ ...now, ...kept }));
    const online = () => queue.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      // leaving mid-word: the words are kept on the phone (and sent on the next visit)
      sendAllNow();
      queue.stop();
    };
  }, [queue, sendAllNow]);

  const locked = phase !== 'sitting' && phase !== 'confirm';
  const answer = (slot: number, value: AnswerValue, wait = false) => {
    if (locked) return;
    setAnswers((now) => ({ ...now, [String(slot)]: value }));
    answersRef.current = { ...answersRef.current, [String(slot)]: value };
    const timer = typing.current.get(slot);
    if (timer !== undefined) clearTimeout(timer);
    typing.current.delete(slot);
    // (what is typed reaches the phone's storage with the pause: at most the last second is at risk)
    if (wait)
      typing.current.set(
        slot,
        setTimeout(() => sendNow(slot), TYPING_PAUSE_MS),
      );
    else queue.put(slot, value);
  };

  const stateOf = (slot: number): SaveState | 'typing' | undefined =>
    typing.current.has(slot)
      ? 'typing'
      : (queue.stateOf(slot) ?? (isAnswered(answers[String(slot)]) ? 'saved' : undefined));

  // ── the clock: the server's, through the offset taken when the attempt arrived ──────────────
  const offset = useMemo(() => clockOffset(a.serverNow, receivedAt), [a.serverNow, receivedAt]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, []);
  const left = remainingMs(a.dueAt, offset, now);
  const hurry = left > 0 && left <= HURRY_MS;

  useEffect(() => {
    if (left === 0 && (phase === 'sitting' || phase === 'confirm')) setPhase('timeUp');
  }, [left, phase]);

  // time is up, or the server said the attempt takes no more: send what is left (the server allows
  // a short grace), then wait for the server to hand the paper in and show the result
  useEffect(() => {
    if (phase !== 'timeUp' && phase !== 'closed') return;
    sendAllNow();
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (phase === 'timeUp') await queue.flush();
      try {
        const fresh = await sittingApi.fetch(a.id);
        if (fresh.status !== 'open') {
          if (!cancelled) toResult();
          return;
        }
      } catch {
        // the network again: keep asking
      }
      if (!cancelled) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [phase, a.id, queue, sendAllNow, toResult]);

  // ── where the member is: ?q=3 (kept in the address, so a reload opens the same question) ─────
  const count = a.slots.length;
  const at = Math.min(Math.max(0, Number(params.get('q') ?? '1') - 1 || 0), Math.max(0, count - 1));
  const go = (i: number) => {
    sendAllNow();
    setParams({ q: String(i + 1) }, { replace: true });
    setError(null);
  };
  const slot = a.slots[at];

  // ── 交卷 ───────────────────────────────────────────────────────────────────────────────────
  const submit = async () => {
    setPhase('submitting');
    setError(null);
    sendAllNow();
    const saved = await queue.flush();
    if (!saved) {
      setPhase((p) => (p === 'submitting' ? 'sitting' : p));
      setError(t('sitting.sit.notSaved'));
      return;
    }
    try {
      const result = await sittingApi.submit(a.id);
      queryClient.setQueryData(myExamKeys.result(a.id), result);
      toResult();
    } catch (e) {
      if (isApiError(e, 409)) toResult();
      else {
        setPhase((p) => (p === 'submitting' ? 'sitting' : p));
        setError(errorMessage(e));
      }
    }
  };

  const missing = unansweredNumbers(a.slots, answers);
  const unsaved = queue.unsaved().length;

  return (
    <>
      <div className={hurry ? 'hy-x-clock hy-x-clock-hurry' : 'hy-x-clock'}>
        <span className="hy-x-clock-label">{t('sitting.sit.left')}</span>
        <span
          className="hy-x-clock-time"
          role="timer"
          aria-label={t('sitting.sit.leftAria', { time: formatCountdown(left) })}
          data-testid="sitting-countdown"
        >
          {formatCountdown(left)}
        </span>
      </div>
      <main className="hy-m-main">
        {hurry && (
          <p className="hy-notice" role="status">
            {t('sitting.sit.hurry')}
          </p>
        )}
        {(phase === 'timeUp' || phase === 'closed') && (
          <p className="hy-notice hy-x-timeup" role="status" data-testid="sitting-time-up">
            {phase === 'timeUp' ? t('sitting.sit.timeUp') : t('sitting.sit.closed')}
          </p>
        )}
        {phase === 'sitting' && a.slots.some((s) => queue.stateOf(s.slot) === 'unsaved') && (
          <p className="hy-notice" role="status" data-testid="sitting-offline">
            {t('sitting.sit.offline')}
          </p>
        )}

        <nav className="hy-x-strip" aria-label={t('sitting.sit.strip')} data-testid="sitting-strip">
          {a.slots.map((s, i) => {
            const done = isAnswered(answers[String(s.slot)]);
            const cls = ['hy-x-square', done ? 'hy-x-square-done' : '', i === at ? 'hy-x-square-on' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <button
                key={s.slot}
                type="button"
                className={cls}
                aria-current={i === at ? 'step' : undefined}
                aria-label={t('sitting.sit.square', {
                  n: i + 1,
                  state: done ? t('sitting.sit.answered') : t('sitting.sit.unanswered'),
                })}
                onClick={() => go(i)}
                data-testid={`sitting-square-${i + 1}`}
                data-answered={done ? 'true' : 'false'}
              >
                {i + 1}
              </button>
            );
          })}
        </nav>

        {slot && (
          <Question
            key={slot.slot}
            n={at + 1}
            count={count}
            slot={slot}
            value={answers[String(slot.slot)]}
            locked={locked}
            state={stateOf(slot.slot)}
            reason={queue.reasonOf(slot.slot)}
            onAnswer={(v, wait) => answer(slot.slot, v, wait)}
            onLeave={() => sendNow(slot.slot)}
            onRetry={() => queue.retryNow()}
          />
        )}

        <div className="hy-x-nav">
          <button
            type="button"
            className="hy-btn"
            disabled={at === 0}
            onClick={() => go(at - 1)}
            data-testid="sitting-prev"
          >
            ‹ {t('sitting.sit.prev')}
          </button>
          <button
            type="button"
            className="hy-btn"
            disabled={at >= count - 1}
            onClick={() => go(at + 1)}
            data-testid="sitting-next"
          >
            {t('sitting.sit.next')} ›
          </button>
        </div>

        {error && (
          <p className="hy-error" role="alert" data-testid="sitting-error">
            {error}
          </p>
        )}
        {!locked && (
          <button
            type="button"
            className="hy-btn hy-btn-primary hy-btn-block hy-x-submit"
            onClick={() => {
              sendAllNow();
              setPhase('confirm');
            }}
            data-testid="sitting-submit"
          >
            {t('sitting.sit.submit')}
          </button>
        )}
        {phase === 'submitting' && <p className="hy-m-muted">{t('sitting.sit.submitting')}</p>}
        {unsaved > 0 && phase === 'sitting' && (
          <p className="hy-hint">{t('sitting.sit.unsavedCount', { count: unsaved })}</p>
        )}
      </main>

      {phase === 'confirm' && (
        <div className="hy-x-overlay">
          <div
            className="hy-x-dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="hy-x-confirm-title"
            data-testid="sitting-confirm"
          >
            <h2 id="hy-x-confirm-title" className="hy-m-h2">
              {t('sitting.sit.confirmTitle')}
            </h2>
            <p data-testid="sitting-confirm-missing">
              {missing.length === 0
                ? t('sitting.sit.confirmAll')
                : t('sitting.sit.confirmSome', { count: missing.length, list: missing.join('、') })}
            </p>
            <button
              type="button"
              className="hy-btn hy-btn-primary hy-btn-block"
              onClick={() => void submit()}
              data-testid="sitting-confirm-yes"
            >
              {t('sitting.sit.confirmYes')}
            </button>
            <button
              type="button"
              className="hy-btn hy-btn-block"
              onClick={() => setPhase('sitting')}
              data-testid="sitting-confirm-no"
              // biome-ignore lint/a11y/noAutofocus: the dialog's safe choice takes the focus
              autoFocus
            >
              {t('sitting.sit.confirmNo')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}

type QuestionProps = {
  n: number;
  count: number;
  slot: SlotView;
  value: AnswerValue | undefined;
  locked: boolean;
  state: SaveState | 'typing' | undefined;
  reason: string | undefined;
  onAnswer: (v: AnswerValue, wait?: boolean) => void;
  onLeave: () => void;
  onRetry: () => void;
};

/** One question: its text, then the way to answer it in big targets, then whether it is saved. */
export function Question({
  n,
  count,
  slot,
  value,
  locked,
  state,
  reason,
  onAnswer,
  onLeave,
  onRetry,
}: QuestionProps) {
  const { t } = useTranslation();
  const textId = `hy-x-answer-${slot.slot}`;
  return (
    <section className="hy-x-question" data-testid="sitting-question" data-slot={slot.slot}>
      <p className="hy-x-qhead">
        <span data-testid="sitting-position">{t('sitting.sit.of', { n, count })}</span>
        <span>
          {t(`sitting.type.${slot.type}`)} · {t('sitting.sit.points', { points: slot.points })}
        </span>
      </p>
      <Stem text={slot.stem} format={slot.format} className="hy-x-stem" />
      {slot.type === 'multiple' && <p className="hy-hint">{t('sitting.sit.multipleHint')}</p>}

      {(slot.type === 'single' || slot.type === 'multiple') && (
        <div className="hy-x-choices">
          {(slot.choices ?? []).map((c, pos) => {
            const on = value?.choices?.includes(c.index) ?? false;
            return (
              <button
                key={c.index}
                type="button"
                className={on ? 'hy-x-choice hy-x-choice-on' : 'hy-x-choice'}
                aria-pressed={on}
                disabled={locked}
                onClick={() => onAnswer(choose(slot, value, c.index))}
                data-testid={`choice-${pos}`}
              >
                <span className="hy-x-letter" aria-hidden="true">
                  {on && slot.type === 'multiple' ? '✓' : letterAt(pos)}
                </span>
                <span className="hy-x-choice-text">{c.text}</span>
              </button>
            );
          })}
        </div>
      )}

      {slot.type === 'truefalse' && (
        <div className="hy-x-truth">
          {[true, false].map((truth) => {
            const on = value?.truth === truth;
            return (
              <button
                key={String(truth)}
                type="button"
                className={on ? 'hy-x-choice hy-x-choice-on' : 'hy-x-choice'}
                aria-pressed={on}
                disabled={locked}
                onClick={() => onAnswer({ truth })}
                data-testid={truth ? 'truth-yes' : 'truth-no'}
              >
                <span className="hy-x-letter" aria-hidden="true">
                  {truth ? '✓' : '✗'}
                </span>
                <span className="hy-x-choice-text">{truth ? t('sitting.sit.yes') : t('sitting.sit.no')}</span>
              </button>
            );
          })}
        </div>
      )}

      {(slot.type === 'fill' || slot.type === 'numeric') && (
        <input
          id={textId}
          className="hy-input hy-x-text"
          value={value?.text ?? ''}
          inputMode={slot.type === 'numeric' ? 'decimal' : 'text'}
          autoComplete="off"
          placeholder={
            slot.type === 'numeric' ? t('sitting.sit.numericPlaceholder') : t('sitting.sit.fillPlaceholder')
          }
          aria-label={t('sitting.sit.of', { n, count })}
          disabled={locked}
          maxLength={5000}
          onChange={(e) => onAnswer({ text: e.target.value }, true)}
          onBlur={onLeave}
          data-testid="answer-text"
        />
      )}
      {slot.type === 'short' && (
        <textarea
          id={textId}
          className="hy-input hy-textarea hy-x-text hy-x-long"
          value={value?.text ?? ''}
          placeholder={t('sitting.sit.shortPlaceholder')}
          aria-label={t('sitting.sit.of', { n, count })}
          disabled={locked}
          maxLength={5000}
          onChange={(e) => onAnswer({ text: e.target.value }, true)}
          onBlur={onLeave}
          data-testid="answer-text"
        />
      )}

      <SaveLine state={state} reason={reason} onRetry={onRetry} />
    </section>
  );
}

function SaveLine({
  state,
  reason,
  onRetry,
}: {
  state: QuestionProps['state'];
  reason?: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (!state) return <p className="hy-x-save" data-testid="save-state" data-state="none" />;
  if (state === 'unsaved')
    return (
      <p className="hy-x-save hy-x-save-bad" role="status" data-testid="save-state" data-state="unsaved">
        {t('sitting.sit.unsaved')}
        <button type="button" className="hy-btn hy-x-retry" onClick={onRetry} data-testid="save-retry">
          {t('sitting.sit.retry')}
        </button>
      </p>
    );
  if (state === 'refused')
    return (
      <p className="hy-x-save hy-x-save-bad" role="alert" data-testid="save-state" data-state="refused">
        {t('sitting.sit.unsaved')}
        {reason ? `：${reason}` : ''}
      </p>
    );
  const saving = state === 'saving' || state === 'typing';
  return (
    <p
      className={saving ? 'hy-x-save' : 'hy-x-save hy-x-save-ok'}
      data-testid="save-state"
      data-state={saving ? 'saving' : 'saved'}
    >
      {saving ? t('sitting.sit.saving') : `✓ ${t('sitting.sit.saved')}`}
    </p>
  );
}
