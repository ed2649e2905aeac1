import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CORRECTABLE, DEGREES, EDUCATIONS } from '../../../contracts/members/enums.ts';
import type { CorrectionList, Member } from '../../../contracts/index.ts';
import { ApiError, api, errorMessage } from '../app/api.ts';
import { yuan } from '../app/format.ts';
import { queryClient } from '../app/queryClient.ts';
import { MyDues } from './MyDues.tsx';

// The member app stays without zod and antd (first load ≤ 200 KB): its lists come from the zod-free
// contracts/members/enums.ts.
const FIELDS = CORRECTABLE;

type Field = (typeof FIELDS)[number];
type Correction = z.infer<typeof CorrectionList>['items'][number];
type Errors = Partial<Record<'field' | 'value' | 'reason', string>>;

const myKeys = {
  record: ['me', 'member'] as const,
  corrections: ['me', 'corrections'] as const,
};

/** My record (masked), a form to ask for a correction, and my requests with their state in words. */
export function MyRecord() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [sent, setSent] = useState(false);
  const record = useQuery({ queryKey: myKeys.record, queryFn: () => api.get<Member>('/me/member') });
  const requests = useQuery({
    queryKey: myKeys.corrections,
    queryFn: () => api.get<z.infer<typeof CorrectionList>>('/me/corrections').then((r) => r.items),
    enabled: record.isSuccess,
  });

  if (record.isPending) return null;
  if (record.error) {
    const notLinked = record.error instanceof ApiError && [403, 404].includes(record.error.status);
    return (
      <section className="hy-m-card" aria-label={t('myRecord.title')}>
        <h2 className="hy-m-h2">{t('myRecord.title')}</h2>
        <p className={notLinked ? 'hy-notice' : 'hy-error'} role="status">
          {notLinked ? t('myRecord.notLinked') : errorMessage(record.error)}
        </p>
      </section>
    );
  }
  const m = record.data;
  const none = <span className="hy-m-none">{t('myRecord.none')}</span>;
  const rows: [string, React.ReactNode, string?][] = [
    [t('myRecord.field.status'), t(`memberStatus.${m.status}`)],
    [t('myRecord.field.org'), m.orgName],
    [t('myRecord.field.gender'), t(`gender.${m.gender}`)],
    [t('myRecord.field.ethnicity'), m.ethnicity],
    [t('myRecord.field.birthDate'), m.birthDate],
    [t('myRecord.field.idNumber'), m.idNumber, 'my-idNumber'],
    [t('myRecord.field.phone'), m.phone ?? none, 'my-phone'],
    [t('myRecord.field.education'), m.education],
    [t('myRecord.field.degree'), m.degree ?? none],
    [t('myRecord.field.joinedOn'), m.joinedOn ?? none],
    [t('myRecord.field.fullOn'), m.fullOn ?? none],
    [t('myRecord.field.workUnit'), m.workUnit ?? none],
    ...(m.mobile
      ? [[t('myRecord.field.mobileLocation'), m.mobileLocation ?? none] as [string, React.ReactNode]]
      : []),
    [
      t('myRecord.field.duesStandard'),
      m.duesStandardFen === null ? none : t('myRecord.perMonth', { amount: yuan(m.duesStandardFen) }),
    ],
    [t('myRecord.field.studyCardNo'), m.studyCardNo ?? none],
  ];

  return (
    <>
      <section className="hy-m-card hy-m-record" aria-labelledby="my-record-title" data-testid="my-record">
        <h2 className="hy-m-h2" id="my-record-title">
          {t('myRecord.title')}
        </h2>
        <dl className="hy-m-dl-big">
          <div className="hy-m-dl-row">
            <dt>{t('myRecord.field.name')}</dt>
            <dd data-testid="my-name">{m.name}</dd>
          </div>
          {rows.map(([label, value, testId]) => (
            <div key={label} className="hy-m-dl-row">
              <dt>{label}</dt>
              <dd data-testid={testId}>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="hy-hint">{t('myRecord.masked')}</p>
        {sent && !asking && (
          <p className="hy-success" role="status" data-testid="correction-sent">
            {t('myRecord.submitted')}
          </p>
        )}
        {asking ? (
          <CorrectionForm
            member={m}
            onDone={() => {
              setAsking(false);
              setSent(true);
            }}
            onCancel={() => setAsking(false)}
          />
        ) : (
          <button
            type="button"
            className="hy-btn hy-btn-primary hy-btn-block"
            onClick={() => {
              setSent(false);
              setAsking(true);
            }}
            data-testid="correction-open"
          >
            {t('myRecord.correct')}
          </button>
        )}
      </section>
      <MyDues />
      <section className="hy-m-card" aria-labelledby="my-requests-title" data-testid="my-corrections">
        <h2 className="hy-m-h2" id="my-requests-title">
          {t('myRecord.requests')}
        </h2>
        {requests.error && (
          <p className="hy-error" role="alert">
            {errorMessage(requests.error)}
          </p>
        )}
        {requests.data && requests.data.length === 0 && (
          <p className="hy-m-none">{t('myRecord.noRequests')}</p>
        )}
        {requests.data && requests.data.length > 0 && (
          <ul className="hy-m-requests">
            {requests.data.map((c) => (
              <Request key={c.id} c={c} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function fieldLabel(t: (k: string) => string, field: string) {
  return (FIELDS as readonly string[]).includes(field) ? t(`myRecord.field.${field}`) : field;
}

function Request({ c }: { c: Correction }) {
  const { t } = useTranslation();
  // The branch's reason for saying no; the server sends it although the contract does not list it yet.
  const decisionReason = (c as Correction & { decisionReason?: string | null }).decisionReason;
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <li className={`hy-m-request hy-m-request-${c.status}`} data-testid="my-correction">
      <p className="hy-m-request-head">
        <strong>{fieldLabel(t, c.field)}</strong>
        {/* The state in words (and a symbol), never by colour alone. */}
        <span className="hy-m-state" data-testid="my-correction-state">
          {c.status === 'approved' ? '✓ ' : c.status === 'rejected' ? '✕ ' : '… '}
          {c.status === 'approved'
            ? t('myRecord.approved', { status: t('myRecord.status.approved') })
            : t(`myRecord.status.${c.status}`)}
        </span>
      </p>
      <p>{t('myRecord.to', { value: c.value })}</p>
      <p className="hy-m-muted">{t('myRecord.because', { reason: c.reason })}</p>
      {c.status === 'rejected' && decisionReason && (
        <p data-testid="my-correction-answer">{t('myRecord.answer', { reason: decisionReason })}</p>
      )}
      <p className="hy-m-muted">
        {t('myRecord.askedOn', { date: day(c.createdAt) })}
        {c.decidedAt && ` · ${t('myRecord.decidedOn', { date: day(c.decidedAt) })}`}
      </p>
    </li>
  );
}

function CorrectionForm({
  member,
  onDone,
  onCancel,
}: {
  member: Member;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { field: useId(), value: useId(), reason: useId() };
  const [field, setField] = useState<Field | ''>('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const send = useMutation({
    mutationFn: (body: { field: Field; value: string; reason: string }) => api.post('/me/corrections', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myKeys.corrections }),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    if (!field) next.field = t('myRecord.pickField');
    if (!value.trim()) next.value = t('myRecord.required');
    if (!reason.trim()) next.reason = t('myRecord.required');
    setErrors(next);
    if (Object.keys(next).length > 0 || !field) return;
    send.mutate(
      { field, value: value.trim(), reason: reason.trim() },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (err instanceof ApiError && err.fieldErrors.length > 0)
            setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.path.split('.')[0], f.message])));
        },
      },
    );
  };
  const general =
    send.isError && !(send.error instanceof ApiError && send.error.fieldErrors.length > 0)
      ? errorMessage(send.error)
      : null;

  // Education and degree have fixed values: a list to pick from rather than free typing.
  const choices = field === 'education' ? EDUCATIONS : field === 'degree' ? DEGREES : null;
  const current = field ? (member[field] ?? '') : '';

  const error = (k: keyof Errors) =>
    errors[k] && (
      <p className="hy-error" role="alert" id={`${ids[k]}-err`}>
        {errors[k]}
      </p>
    );

  return (
    <form className="hy-m-form" onSubmit={onSubmit} noValidate data-testid="correction-form">
      <h3 className="hy-m-h3">{t('myRecord.correctTitle')}</h3>
      <p className="hy-hint">{t('myRecord.correctHint')}</p>
      <div className="hy-field">
        <label htmlFor={ids.field}>{t('myRecord.fieldLabel')}</label>
        <select
          id={ids.field}
          className="hy-input"
          value={field}
          onChange={(e) => {
            setField(e.target.value as Field | '');
            setValue('');
          }}
          aria-invalid={errors.field ? true : undefined}
          aria-describedby={errors.field ? `${ids.field}-err` : undefined}
          data-testid="correction-field"
        >
          <option value="">{t('myRecord.pickField')}</option>
          {FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`myRecord.field.${f}`)}
            </option>
          ))}
        </select>
        {error('field')}
        {field && (
          <p className="hy-hint">
            {t(`myRecord.field.${field}`)}：{current || t('myRecord.none')}
          </p>
        )}
      </div>
      <div className="hy-field">
        <label htmlFor={ids.value}>{t('myRecord.value')}</label>
        {choices ? (
          <select
            id={ids.value}
            className="hy-input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={errors.value ? `${ids.value}-err` : undefined}
            data-testid="correction-value"
          >
            <option value="">{t('myRecord.pickField')}</option>
            {choices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={ids.value}
            className="hy-input"
            value={value}
            maxLength={100}
            inputMode={field === 'phone' ? 'tel' : undefined}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={errors.value ? `${ids.value}-err` : undefined}
            data-testid="correction-value"
          />
        )}
        {error('value')}
      </div>
      <div className="hy-field">
        <label htmlFor={ids.reason}>{t('myRecord.reason')}</label>
        <textarea
          id={ids.reason}
          className="hy-input hy-textarea"
          value={reason}
          maxLength={200}
          rows={3}
          placeholder={t('myRecord.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${ids.reason}-err` : undefined}
          data-testid="correction-reason"
        />
        {error('reason')}
      </div>
      {general && (
        <p className="hy-error" role="alert">
          {general}
        </p>
      )}
      <button
        type="submit"
        className="hy-btn hy-btn-primary hy-btn-block"
        disabled={send.isPending}
        data-testid="correction-submit"
      >
        {send.isPending ? t('myRecord.submitting') : t('myRecord.submit')}
      </button>
      <button type="button" className="hy-btn hy-btn-block" onClick={onCancel}>
        {t('myRecord.cancel')}
      </button>
    </form>
  );
}
