import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { LangSwitch } from '../../../app/pages/LangSwitch.tsx';
import { messageApi } from './api.ts';
import './i18n.ts';
import { dayOf } from '../../../app/when.ts';

type Field = 'name' | 'phone' | 'body' | 'challengeAnswer';
const EMPTY: Record<Field, string> = { name: '', phone: '', body: '', challengeAnswer: '' };

/**
 * 给党组织留言, without login (/p/orgs/:orgId/message): a name, a phone, the message and a simple
 * question; once sent, the promise of an answer within the working days the department set.
 * Light: no antd, big fields, text ≥ 16 px, for a cheap phone or the kiosk.
 */
export default function PublicMessagePage() {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  const ids = { name: useId(), phone: useId(), body: useId(), answer: useId(), phoneHint: useId() };
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const form = useQuery({
    queryKey: ['public', 'message-form', orgId],
    queryFn: () => messageApi.form(orgId),
  });
  const challenge = useQuery({
    queryKey: ['public', 'challenge'],
    queryFn: () => messageApi.challenge(),
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const send = useMutation({
    mutationFn: () =>
      messageApi.leavePublic(orgId, { ...values, challengeToken: challenge.data?.token ?? '' }),
  });

  useEffect(() => {
    document.title = `${t('publicMessage.title')} · ${t('app.short')}`;
  }, [t]);

  const set = (k: Field) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing = (Object.keys(EMPTY) as Field[]).filter((k) => !values[k].trim());
    setErrors(Object.fromEntries(missing.map((k) => [k, t('publicMessage.required')])));
    if (missing.length) return;
    send.mutate(undefined, {
      onError: (err) => {
        if (err instanceof ApiError && err.fieldErrors.length > 0) {
          setErrors(
            Object.fromEntries(
              err.fieldErrors.map((f) => [
                f.path === 'challengeToken' ? 'challengeAnswer' : f.path,
                f.message,
              ]),
            ),
          );
        }
        // a question is good for one try at most: a fresh one after any refusal
        setValues((v) => ({ ...v, challengeAnswer: '' }));
        void challenge.refetch();
      },
    });
  };

  const general =
    send.isError && !(send.error instanceof ApiError && send.error.fieldErrors.length > 0)
      ? errorMessage(send.error)
      : null;

  const field = (k: Exclude<Field, 'body'>, id: string, label: string, extra: object = {}) => (
    <div className="hy-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="hy-input"
        value={values[k]}
        onChange={set(k)}
        aria-invalid={errors[k] ? true : undefined}
        data-testid={`public-message-${k}`}
        {...extra}
      />
      {errors[k] && (
        <p className="hy-error" role="alert">
          {errors[k]}
        </p>
      )}
    </div>
  );

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <h1>{t('publicMessage.title')}</h1>
        <LangSwitch className="hy-m-header-btn" />
      </header>
      <main className="hy-m-main">
        {form.isError ? (
          <p className="hy-error" role="alert">
            {form.error instanceof ApiError && form.error.status === 404
              ? t('publicMessage.notFound')
              : errorMessage(form.error)}
          </p>
        ) : send.isSuccess ? (
          <section className="hy-m-card" data-testid="public-message-received">
            <p className="hy-success hy-m-big" role="status">
              {t('publicMessage.received', { days: send.data.answerWithinDays })}
            </p>
            <p>{t('publicMessage.receipt', { id: send.data.id, due: dayOf(send.data.dueAt) })}</p>
            <button
              type="button"
              className="hy-btn hy-btn-block"
              onClick={() => {
                setValues(EMPTY);
                send.reset();
                void challenge.refetch();
              }}
            >
              {t('publicMessage.another')}
            </button>
          </section>
        ) : (
          <form className="hy-m-card" onSubmit={onSubmit} noValidate>
            {form.data && (
              <>
                <p className="hy-m-h3" data-testid="public-message-org">
                  {t('publicMessage.to', { org: form.data.orgName })}
                </p>
                <p className="hy-hint">{t('publicMessage.promise', { days: form.data.answerWithinDays })}</p>
              </>
            )}
            {field('name', ids.name, t('publicMessage.name'), { autoComplete: 'name', maxLength: 30 })}
            <div className="hy-field">
              <label htmlFor={ids.phone}>{t('publicMessage.phone')}</label>
              <p id={ids.phoneHint} className="hy-hint">
                {t('publicMessage.phoneHint')}
              </p>
              <input
                id={ids.phone}
                className="hy-input"
                type="tel"
                inputMode="numeric"
                autoComplete="tel"
                maxLength={11}
                value={values.phone}
                onChange={set('phone')}
                aria-invalid={errors.phone ? true : undefined}
                aria-describedby={ids.phoneHint}
                data-testid="public-message-phone"
              />
              {errors.phone && (
                <p className="hy-error" role="alert">
                  {errors.phone}
                </p>
              )}
            </div>
            <div className="hy-field">
              <label htmlFor={ids.body}>{t('publicMessage.body')}</label>
              <textarea
                id={ids.body}
                className="hy-input hy-textarea"
                rows={5}
                maxLength={2000}
                value={values.body}
                onChange={set('body')}
                aria-invalid={errors.body ? true : undefined}
                data-testid="public-message-body"
              />
              {errors.body && (
                <p className="hy-error" role="alert">
                  {errors.body}
                </p>
              )}
            </div>
            {field(
              'challengeAnswer',
              ids.answer,
              t('publicMessage.challenge', { question: challenge.data?.question ?? '…' }),
              { inputMode: 'numeric', autoComplete: 'off', maxLength: 4 },
            )}
            <p className="hy-hint">
              {t('publicMessage.challengeHint')}{' '}
              <button type="button" className="hy-link-btn" onClick={() => void challenge.refetch()}>
                {t('publicMessage.newChallenge')}
              </button>
            </p>
            {general && (
              <p className="hy-error" role="alert" data-testid="public-message-error">
                {general}
              </p>
            )}
            <button
              type="submit"
              className="hy-btn hy-btn-primary hy-btn-block"
              disabled={send.isPending || !challenge.data}
              data-testid="public-message-send"
            >
              {send.isPending ? t('publicMessage.sending') : t('publicMessage.send')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
