import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AttemptResult } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { momentOf } from '../../../app/when.ts';
import { answerText, letterAt, markOf } from './answers.ts';
import { useAttemptResult } from './api.ts';
import { Stem } from './Stem.tsx';
import './i18n.ts';
import './sitting.css';

/**
 * 考试成绩 (/m/exams/results/:id): the score against the total, 合格 / 不合格 in large type (or 待阅卷
 * while a short answer waits for a grader), how the paper was handed in; once the exam has closed,
 * every question with the member's answer, the right one and the explanation.
 */
export default function ResultPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const result = useAttemptResult(id);
  useEffect(() => {
    document.title = `${t('sitting.result.title')} · ${t('app.short')}`;
  }, [t]);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m/exams">
          ‹ {t('sitting.result.back')}
        </Link>
        <h1>{t('sitting.result.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {result.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(result.error)}
          </p>
        )}
        {result.data && <Result r={result.data} />}
      </main>
    </div>
  );
}

export function Result({ r }: { r: AttemptResult }) {
  const { t } = useTranslation();
  const words = { yes: t('sitting.sit.yes'), no: t('sitting.sit.no') };
  return (
    <>
      <section className="hy-m-card hy-x-score" data-testid="result-summary">
        <h2 className="hy-m-h2">{r.examTitle}</h2>
        <p className="hy-x-score-label">{t('sitting.result.score')}</p>
        <p className="hy-x-score-value" data-testid="result-score">
          {r.score === null
            ? t('sitting.result.pendingScore')
            : t('sitting.result.of', { score: r.score, total: r.totalPoints })}
        </p>
        {r.passed !== null && (
          <p
            className={r.passed ? 'hy-x-verdict hy-x-pass' : 'hy-x-verdict hy-x-fail'}
            data-testid="result-verdict"
          >
            {r.passed ? `✓ ${t('sitting.result.passed')}` : t('sitting.result.failed')}
          </p>
        )}
        <p className="hy-x-meta">{t('sitting.result.passScore', { pass: r.passScore })}</p>
        {r.pending > 0 && (
          <p className="hy-notice" data-testid="result-pending">
            {t('sitting.result.pending', { count: r.pending })}
          </p>
        )}
        <dl className="hy-m-dl hy-x-dl">
          <dt>{t('sitting.result.how')}</dt>
          <dd data-testid="result-how">
            {r.submittedBy === 'clock' ? t('sitting.result.byClock') : t('sitting.result.byMember')}
          </dd>
          <dt>{t('sitting.result.submittedAt')}</dt>
          <dd>{momentOf(r.submittedAt)}</dd>
        </dl>
      </section>

      {!r.reviewOpen && <p className="hy-m-muted">{t('sitting.result.reviewLater')}</p>}
      {r.reviewOpen && (
        <section aria-label={t('sitting.result.review')} data-testid="result-review">
          <h2 className="hy-m-h2">{t('sitting.result.review')}</h2>
          {r.slots.map((s, i) => {
            const mark = markOf(s.score, s.points);
            const given = answerText(s, s.answer, words);
            return (
              <article
                key={s.slot}
                className={`hy-x-review hy-x-review-${mark}`}
                data-testid={`result-slot-${i + 1}`}
              >
                <p className="hy-x-qhead">
                  <span>
                    {t('sitting.result.number', { n: i + 1 })} · {t(`sitting.type.${s.type}`)}
                  </span>
                  <span className="hy-x-mark" data-mark={mark}>
                    {mark === 'pending' ? t('sitting.result.toGrade') : t(`sitting.result.${mark}`)}
                  </span>
                </p>
                <Stem text={s.stem} format={s.format} className="hy-x-stem" />
                {s.choices && (
                  <ol className="hy-x-review-choices">
                    {s.choices.map((c, pos) => (
                      <li key={c.index}>
                        {letterAt(pos)}. {c.text}
                      </li>
                    ))}
                  </ol>
                )}
                <dl className="hy-m-dl hy-x-dl">
                  <dt>{t('sitting.result.yourAnswer')}</dt>
                  <dd className="hy-x-pre">{given || t('sitting.result.noAnswer')}</dd>
                  {s.keyText && (
                    <>
                      <dt>{t('sitting.result.key')}</dt>
                      <dd>{s.keyText}</dd>
                    </>
                  )}
                  {s.score !== null && (
                    <>
                      <dt>{t('sitting.result.score')}</dt>
                      <dd>{t('sitting.result.scoreOf', { score: s.score, points: s.points })}</dd>
                    </>
                  )}
                </dl>
                {s.explanation && (
                  <p className="hy-x-explain">
                    <strong>{t('sitting.result.explanation')}：</strong>
                    {s.explanation}
                  </p>
                )}
              </article>
            );
          })}
        </section>
      )}
    </>
  );
}
