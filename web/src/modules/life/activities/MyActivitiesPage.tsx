import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyActivity } from '../../../../../contracts/life/activities.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { momentOf } from '../../../app/when.ts';
import { activityApi, activityKeys, useMyActivities } from './api.ts';
import './i18n.ts';

/**
 * 我的组织生活 (/m/activities): what is coming (ask for leave there) and what is past (signed in
 * or not). Light: no antd, big targets, text ≥ 16 px. Signing in is the QR code's page (SignPage).
 */
export default function MyActivitiesPage() {
  const { t } = useTranslation();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const list = useMyActivities(when);

  useEffect(() => {
    document.title = `${t('myActivities.title')} · ${t('app.short')}`;
  }, [t]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('myActivities.back')}
        </Link>
        <h1>{t('myActivities.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        <div className="hy-m-switch" role="tablist">
          {(['upcoming', 'past'] as const).map((w) => (
            <button
              key={w}
              type="button"
              role="tab"
              aria-selected={when === w}
              className={when === w ? 'hy-m-switch-on' : undefined}
              onClick={() => setWhen(w)}
              data-testid={`my-activities-${w}`}
            >
              {t(`myActivities.${w}`)}
            </button>
          ))}
        </div>
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.data && list.data.items.length === 0 && <p className="hy-m-none">{t('myActivities.none')}</p>}
        {list.data?.items.map((a) => (
          <ActivityCard key={a.id} a={a} />
        ))}
      </main>
    </div>
  );
}

function ActivityCard({ a }: { a: MyActivity }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <section className="hy-m-card hy-m-activity" data-testid={`my-activity-${a.id}`}>
      <p className="hy-m-activity-kind">
        {t(`activities.kind.${a.kind}`)}
        {a.status !== 'planned' && (
          <span className="hy-m-state"> · {t(`activities.status.${a.status}`)}</span>
        )}
      </p>
      <h2 className="hy-m-h2">{a.topic}</h2>
      <p className="hy-m-text">{t('myActivities.when', { time: momentOf(a.startsAt) })}</p>
      <p className="hy-m-text">{t('myActivities.where', { place: a.place })}</p>
      <p className="hy-m-text" data-testid={`my-activity-state-${a.id}`}>
        {a.signedInAt
          ? `✓ ${t('myActivities.signed', { time: momentOf(a.signedInAt) })}`
          : a.leave
            ? `${t(`activities.leave.${a.leave}`)}${a.leaveReason ? `：${a.leaveReason}` : ''}`
            : a.status === 'held' || a.status === 'cancelled'
              ? t('myActivities.notSigned')
              : ''}
      </p>
      {a.can.askLeave &&
        (asking ? (
          <LeaveForm a={a} onDone={() => setAsking(false)} />
        ) : (
          <button
            type="button"
            className="hy-btn hy-btn-block"
            onClick={() => setAsking(true)}
            data-testid={`my-activity-leave-${a.id}`}
          >
            {t('myActivities.askLeave')}
          </button>
        ))}
    </section>
  );
}

function LeaveForm({ a, onDone }: { a: MyActivity; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState(a.leaveReason ?? '');
  const [missing, setMissing] = useState(false);
  const ask = useMutation({
    mutationFn: () => activityApi.askLeave(a.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: activityKeys.all });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!reason.trim());
    if (reason.trim()) ask.mutate();
  };
  return (
    <form className="hy-m-form" onSubmit={submit} noValidate>
      <div className="hy-field">
        <label htmlFor={id}>{t('myActivities.leaveReason')}</label>
        <textarea
          id={id}
          className="hy-textarea"
          rows={3}
          maxLength={200}
          value={reason}
          placeholder={t('myActivities.leavePlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={missing || undefined}
          data-testid="my-activity-leave-reason"
        />
        {missing && (
          <p className="hy-error" role="alert">
            {t('activities.required', { field: t('myActivities.leaveReason') })}
          </p>
        )}
      </div>
      {ask.isError && (
        <p className="hy-error" role="alert">
          {errorMessage(ask.error)}
        </p>
      )}
      <button
        type="submit"
        className="hy-btn hy-btn-primary hy-btn-block"
        disabled={ask.isPending}
        data-testid="my-activity-leave-send"
      >
        {t('myActivities.sendLeave')}
      </button>
      <button type="button" className="hy-btn hy-btn-block" onClick={onDone}>
        {t('myActivities.cancel')}
      </button>
    </form>
  );
}
