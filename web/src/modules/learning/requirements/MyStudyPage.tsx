import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyStudyProgress } from '../../../../../contracts/learning/requirements.ts';
import { errorMessage } from '../../../app/api.ts';
import { useMyProgress } from './api.ts';
import './i18n.ts';
import './requirements.css';

/**
 * 我的学时 (/m/study): this year's class hours against the member's own requirement, as a ring and
 * in words; where they came from (online, approved offline study, station sessions); today's
 * online study against the daily cap. The member's own progress only: nobody else's is shown.
 */
export default function MyStudyPage() {
  const { t } = useTranslation();
  const q = useMyProgress();

  useEffect(() => {
    document.title = `${t('myStudy.title')} · ${t('app.short')}`;
  }, [t]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('myStudy.back')}
        </Link>
        <h1>{t('myStudy.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {q.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(q.error)}
          </p>
        )}
        {q.data && !q.data.member && <p className="hy-notice">{t('myStudy.notMember')}</p>}
        {q.data?.member && <Year p={q.data} />}
      </main>
    </div>
  );
}

/** Minutes, or hours and minutes, in words. */
function Duration({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return <>{t('myStudy.minutes', { count: minutes })}</>;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return (
    <>
      {t('myStudy.hours', { count: h })}
      {m > 0 && ` ${t('myStudy.minutes', { count: m })}`}
    </>
  );
}

function Year({ p }: { p: MyStudyProgress }) {
  const { t } = useTranslation();
  const left = Math.max(0, Math.round((p.requiredClassHours - p.classHours) * 10) / 10);
  return (
    <>
      <section className="hy-m-card hy-study-year" aria-labelledby="my-study-year">
        <h2 className="hy-m-h2" id="my-study-year">
          {t('myStudy.year', { year: p.year })}
        </h2>
        <Ring progress={p.progress} met={p.met} label={`${p.classHours} / ${p.requiredClassHours}`} />
        <p className="hy-study-line" data-testid="my-study-done">
          {t('myStudy.done', { hours: p.classHours })}
        </p>
        <p className="hy-study-line">
          {t(p.kind === 'leader' ? 'myStudy.requiredLeader' : 'myStudy.required', {
            hours: p.requiredClassHours,
          })}
          {p.proratedMonths != null && (
            <>
              <br />
              <span data-testid="my-study-prorated">
                {t('myStudy.prorated', { months: p.proratedMonths })}
              </span>
            </>
          )}
        </p>
        <p className={p.met ? 'hy-study-line hy-study-met' : 'hy-study-line'} data-testid="my-study-left">
          {p.met ? `✓ ${t('myStudy.met')}` : t('myStudy.left', { hours: left })}
        </p>
        <p className="hy-m-none">{t('myStudy.classHour', { minutes: p.classHourMinutes })}</p>
      </section>
      <section className="hy-m-card" aria-labelledby="my-study-sources">
        <h2 className="hy-m-h2" id="my-study-sources">
          {t('myStudy.bySource')}
        </h2>
        <dl className="hy-m-dl">
          <dt>{t('myStudy.online')}</dt>
          <dd data-testid="my-study-online">
            <Duration seconds={p.seconds.online} />
          </dd>
          <dt>{t('myStudy.offline')}</dt>
          <dd>
            <Duration seconds={p.seconds.offline} />
          </dd>
          <dt>{t('myStudy.station')}</dt>
          <dd>
            <Duration seconds={p.seconds.station} />
          </dd>
          <dt>{t('myStudy.today')}</dt>
          <dd data-testid="my-study-today">
            {t('myStudy.todayOf', {
              done: t('myStudy.minutes', { count: Math.floor(p.today.seconds / 60) }),
              cap: t('myStudy.hours', { count: Math.round((p.today.capSeconds / 3600) * 10) / 10 }),
            })}
          </dd>
        </dl>
        <Link className="hy-btn hy-btn-primary hy-btn-block" to="/m/learning">
          {t('myStudy.study')}
        </Link>
      </section>
    </>
  );
}

/** A ring filled to the share done, the figures in its middle (and for screen readers, a progressbar). */
function Ring({ progress, met, label }: { progress: number; met: boolean; label: string }) {
  const { t } = useTranslation();
  const r = 52;
  const c = 2 * Math.PI * r;
  return (
    <div
      className="hy-study-ring"
      role="progressbar"
      aria-label={t('myStudy.title')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(progress * 100)}
      aria-valuetext={label}
      data-testid="my-study-ring"
    >
      <svg viewBox="0 0 120 120" width="160" height="160" aria-hidden="true">
        <circle cx="60" cy="60" r={r} fill="none" stroke="#eee" strokeWidth="12" />
        <circle
          cx="60"
          cy="60"
          r={r}
          fill="none"
          stroke={met ? '#389e0d' : '#c8161d'}
          strokeWidth="12"
          strokeLinecap="round"
          strokeDasharray={`${c * progress} ${c}`}
          transform="rotate(-90 60 60)"
        />
      </svg>
      <span className="hy-study-ring-text">
        <strong>{Math.round(progress * 100)}%</strong>
        <span>{label}</span>
      </span>
    </div>
  );
}
