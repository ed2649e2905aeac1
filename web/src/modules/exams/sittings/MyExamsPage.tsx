import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MyExam } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { momentOf } from '../../../app/when.ts';
import { myExamKeys, sittingApi, useMyExams } from './api.ts';
import './i18n.ts';
import './sitting.css';

/**
 * 在线考试 (/m/exams): each exam the member is a candidate of, with its window and rules, and one
 * big button for what can be done now: start, continue the open attempt, see the result, or why
 * not (not open yet: when it opens; closed). Light: no antd, text ≥ 16 px.
 */
export default function MyExamsPage() {
  const { t } = useTranslation();
  const list = useMyExams();
  useEffect(() => {
    document.title = `${t('sitting.title')} · ${t('app.short')}`;
  }, [t]);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('sitting.back')}
        </Link>
        <h1>{t('sitting.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main" data-testid="my-exams">
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.isPending && <p className="hy-m-muted">…</p>}
        {list.data && list.data.items.length === 0 && <p className="hy-m-muted">{t('sitting.none')}</p>}
        {list.data?.items.map((e) => (
          <ExamCard key={e.id} e={e} />
        ))}
      </main>
    </div>
  );
}

export function ExamCard({ e }: { e: MyExam }) {
  const { t } = useTranslation();
  const left = e.attemptsAllowed - e.attemptsUsed;
  return (
    <section className="hy-x-card" data-testid={`my-exam-${e.id}`}>
      <h2 className="hy-x-title">{e.title}</h2>
      <p className="hy-x-meta">{e.orgName}</p>
      <p className="hy-x-meta">
        {t('sitting.card.window', { from: momentOf(e.opensAt), to: momentOf(e.closesAt) })}
      </p>
      <p className="hy-x-meta">
        {t('sitting.card.rules', {
          minutes: e.durationMinutes,
          count: e.questionCount,
          total: e.totalPoints,
          pass: e.passScore,
        })}
      </p>
      {e.attemptsAllowed > 1 && (
        <p className="hy-x-meta">
          {t('sitting.card.attempts', { allowed: e.attemptsAllowed, used: e.attemptsUsed })}
        </p>
      )}
      {e.bestScore !== null && (
        <p className="hy-x-best" data-testid={`my-exam-best-${e.id}`}>
          {t('sitting.card.best', { score: e.bestScore })}
          {e.passed !== null && (
            <span className={e.passed ? 'hy-x-pass' : 'hy-x-fail'}>
              {' · '}
              {e.passed ? t('sitting.card.passed') : t('sitting.card.failed')}
            </span>
          )}
        </p>
      )}
      <CardAction e={e} left={left} />
    </section>
  );
}

/** The one thing to do with the exam now. */
function CardAction({ e, left }: { e: MyExam; left: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => sittingApi.start(e.id),
    onSuccess: (attempt) => {
      queryClient.setQueryData(myExamKeys.attempt(attempt.id), attempt);
      void queryClient.invalidateQueries({ queryKey: myExamKeys.list });
      navigate(`/m/exams/attempts/${attempt.id}`);
    },
  });
  const testId = `my-exam-action-${e.id}`;
  if (e.openAttemptId)
    return (
      <Link
        className="hy-btn hy-btn-primary hy-btn-block"
        to={`/m/exams/attempts/${e.openAttemptId}`}
        data-testid={testId}
      >
        {t('sitting.card.resume')}
      </Link>
    );
  if (e.phase === 'open' && left > 0)
    return (
      <>
        <p className="hy-hint hy-x-hint">{t('sitting.card.startHint', { minutes: e.durationMinutes })}</p>
        <button
          type="button"
          className="hy-btn hy-btn-primary hy-btn-block"
          onClick={() => start.mutate()}
          disabled={start.isPending}
          data-testid={testId}
        >
          {start.isPending
            ? t('sitting.card.starting')
            : e.attemptsUsed > 0
              ? t('sitting.card.again')
              : t('sitting.card.start')}
        </button>
        {start.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(start.error)}
          </p>
        )}
        {e.lastAttemptId && (
          <Link className="hy-btn hy-btn-block" to={`/m/exams/results/${e.lastAttemptId}`}>
            {t('sitting.card.lastResult')}
          </Link>
        )}
      </>
    );
  if (e.lastAttemptId)
    return (
      <Link
        className="hy-btn hy-btn-primary hy-btn-block"
        to={`/m/exams/results/${e.lastAttemptId}`}
        data-testid={testId}
      >
        {t('sitting.card.result')}
      </Link>
    );
  if (e.phase === 'upcoming')
    return (
      <button
        type="button"
        className="hy-btn hy-btn-block"
        disabled
        aria-disabled="true"
        data-testid={testId}
      >
        {t('sitting.card.upcoming')} · {t('sitting.card.opensAt', { at: momentOf(e.opensAt) })}
      </button>
    );
  return (
    <button type="button" className="hy-btn hy-btn-block" disabled aria-disabled="true" data-testid={testId}>
      {t('sitting.card.closed')}
    </button>
  );
}
