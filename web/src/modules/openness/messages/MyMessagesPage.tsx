import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MessageThread } from '../../../../../contracts/openness/messages.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { messageApi, messageKeys, useMyMessages } from './api.ts';
import './i18n.ts';
import { dayOf, momentOf } from '../../../app/when.ts';

/**
 * 我的留言 (/m/messages): leave a message for my branch, read the answers, follow up. Light: no
 * antd, big targets, text ≥ 16 px.
 */
export default function MyMessagesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const mine = useMyMessages();

  useEffect(() => {
    document.title = `${t('myMessages.title')} · ${t('app.short')}`;
  }, [t]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('myMessages.back')}
        </Link>
        <h1>{t('myMessages.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {me.orgId ? (
          <LeaveForm orgId={me.orgId} orgName={me.orgName ?? ''} />
        ) : (
          <p className="hy-notice">{t('myMessages.noOrg')}</p>
        )}
        {mine.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(mine.error)}
          </p>
        )}
        {mine.data && mine.data.items.length === 0 && <p className="hy-m-muted">{t('myMessages.none')}</p>}
        <ul className="hy-m-requests" data-testid="my-messages">
          {mine.data?.items.map((m) => (
            <MyMessage key={m.id} m={m} />
          ))}
        </ul>
      </main>
    </div>
  );
}

function LeaveForm({ orgId, orgName }: { orgId: string; orgName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const leave = useMutation({
    mutationFn: () => messageApi.leave(orgId, body),
    onSuccess: () => {
      setBody('');
      setError(null);
      void queryClient.invalidateQueries({ queryKey: messageKeys.mine });
    },
    onError: (e) =>
      setError(e instanceof ApiError && e.fieldErrors[0] ? e.fieldErrors[0].message : errorMessage(e)),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError(t('publicMessage.required'));
    leave.mutate();
  };
  return (
    <form className="hy-m-card" onSubmit={onSubmit} noValidate>
      <h2 className="hy-m-h2">{t('myMessages.leave')}</h2>
      <p className="hy-hint">{t('myMessages.leaveHint', { org: orgName })}</p>
      <div className="hy-field">
        <label htmlFor={id}>{t('myMessages.body')}</label>
        <textarea
          id={id}
          className="hy-input hy-textarea"
          rows={4}
          maxLength={2000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          data-testid="my-message-body"
        />
      </div>
      {error && (
        <p className="hy-error" role="alert">
          {error}
        </p>
      )}
      {leave.isSuccess && (
        <p className="hy-success" role="status">
          {t('myMessages.sent')}
        </p>
      )}
      <button
        type="submit"
        className="hy-btn hy-btn-primary hy-btn-block"
        disabled={leave.isPending}
        data-testid="my-message-send"
      >
        {t('myMessages.send')}
      </button>
    </form>
  );
}

/** One message with its thread, the state in words, and a follow-up box while it is open. */
function MyMessage({ m }: { m: MessageThread }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const follow = useMutation({
    mutationFn: () => messageApi.followUp(m.id, body),
    onSuccess: () => {
      setBody('');
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: messageKeys.mine });
    },
  });
  const state = m.status === 'closed' ? 'rejected' : m.status === 'answered' ? 'approved' : 'pending';
  return (
    <li className={`hy-m-request hy-m-request-${state} hy-m-card`} data-testid={`my-message-${m.id}`}>
      <div className="hy-m-request-head">
        <span>{m.orgName}</span>
        <span className="hy-m-state">{t(`messages.status.${m.status}`)}</span>
      </div>
      <p className="hy-m-muted">{momentOf(m.createdAt)}</p>
      <p className="hy-m-text">{m.body}</p>
      {m.replies.map((r) => (
        <div key={r.id} className={`hy-m-reply hy-m-reply-${r.byKind}`}>
          <p className="hy-m-muted">
            {r.byKind === 'org' ? t('myMessages.answeredBy', { name: r.byName }) : t('myMessages.you')}{' '}
            {momentOf(r.createdAt)}
          </p>
          <p className="hy-m-text">{r.body}</p>
        </div>
      ))}
      {m.status === 'open' && (
        <p className="hy-m-muted">{t('myMessages.waiting', { due: dayOf(m.dueAt) })}</p>
      )}
      {m.status === 'closed' && m.closeReason && (
        <p className="hy-m-muted">{t('messages.closedBecause', { reason: m.closeReason })}</p>
      )}
      {m.can.followUp &&
        (open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (body.trim()) follow.mutate();
            }}
          >
            <label htmlFor={id} className="hy-m-muted">
              {t('myMessages.followUp')}
            </label>
            <textarea
              id={id}
              className="hy-input hy-textarea"
              rows={3}
              maxLength={2000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
            {follow.isError && (
              <p className="hy-error" role="alert">
                {errorMessage(follow.error)}
              </p>
            )}
            <button type="submit" className="hy-btn hy-btn-primary hy-btn-block" disabled={follow.isPending}>
              {t('myMessages.followUpSend')}
            </button>
          </form>
        ) : (
          <button type="button" className="hy-btn hy-btn-block" onClick={() => setOpen(true)}>
            {t('myMessages.followUp')}
          </button>
        ))}
    </li>
  );
}
