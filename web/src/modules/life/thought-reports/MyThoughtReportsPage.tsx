import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lang } from '../../../../../contracts/labels.ts';
import { periodWords } from '../../../../../contracts/life/thought-report-periods.ts';
import type { MyThoughtReports, ThoughtReport } from '../../../../../contracts/life/thought-reports.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { dayOf, momentOf } from '../../../app/when.ts';
import { reportApi, reportKeys, useMyReports } from './api.ts';
import './i18n.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.wps,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * 我的思想汇报 (/m/thought-reports): write this period's report (big boxes; a photo of a
 * handwritten one will do), see past ones and the branch's comments. Light: no antd, big targets,
 * text ≥ 16 px. Shown to every member: someone who need not report is told who does.
 */
export default function MyThoughtReportsPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const mine = useMyReports();
  const d = mine.data;

  useEffect(() => {
    document.title = `${t('myReports.title')} · ${t('app.short')}`;
  }, [t]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('myReports.back')}
        </Link>
        <h1>{t('myReports.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {mine.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(mine.error)}
          </p>
        )}
        {d && !d.mustReport && (
          <p className="hy-notice" data-testid="my-reports-not-writer">
            {t('myReports.notWriter', { stage: t(`thoughtReports.stage.${d.stage}`) })}
          </p>
        )}
        {d?.mustReport && <ThisPeriod d={d} lang={lang} />}
        {d && (
          <section className="hy-m-card" aria-labelledby="my-reports-past">
            <h2 className="hy-m-h2" id="my-reports-past">
              {t('myReports.past')}
            </h2>
            {d.items.length === 0 ? (
              <p className="hy-m-none">{t('myReports.none')}</p>
            ) : (
              <ul className="hy-m-requests" data-testid="my-reports">
                {d.items.map((r) => (
                  <MyReport key={r.id} r={r} lang={lang} />
                ))}
              </ul>
            )}
          </section>
        )}
      </main>
    </div>
  );
}

/** The period now running: handed in or not, and the form while it may still be (re)written. */
function ThisPeriod({ d, lang }: { d: MyThoughtReports; lang: Lang }) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const current = d.current;
  const open = !current || current.can.replace;
  const period = periodWords(d.period.label, lang);
  return (
    <section className="hy-m-card" aria-labelledby="my-reports-now" data-testid="my-reports-now">
      <h2 className="hy-m-h2" id="my-reports-now">
        {t('myReports.period', { period })}
      </h2>
      <p className="hy-hint">
        {t('myReports.periodHint', {
          org: d.orgName,
          frequency: t(`thoughtReports.frequencyName.${d.period.frequency}`),
          last: d.period.last,
        })}
      </p>
      <p className={current ? 'hy-success' : 'hy-notice'} data-testid="my-reports-state">
        {current ? t('myReports.handedIn') : t('myReports.notYet')}
      </p>
      {current && !current.can.replace && <p className="hy-m-muted">{t('myReports.closed')}</p>}
      {open &&
        (writing || !current ? (
          <ReportForm
            placeholder={t('myReports.titlePlaceholder', { period })}
            current={current}
            onDone={() => setWriting(false)}
          />
        ) : (
          <button
            type="button"
            className="hy-btn hy-btn-block"
            onClick={() => setWriting(true)}
            data-testid="my-report-replace"
          >
            {t('myReports.replace')}
          </button>
        ))}
    </section>
  );
}

type Fields = 'title' | 'body' | 'attachment';

function ReportForm({
  placeholder,
  current,
  onDone,
}: {
  placeholder: string;
  current: ThoughtReport | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const ids = { title: useId(), body: useId(), file: useId(), bodyHint: useId(), fileHint: useId() };
  const [title, setTitle] = useState(current?.title ?? '');
  const [body, setBody] = useState(current?.body ?? '');
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  const handIn = useMutation({
    mutationFn: () => reportApi.handIn({ title, body, file }),
    onSuccess: () => {
      setSent(true);
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: reportKeys.mine });
      onDone();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])));
        setGeneral(null);
      } else setGeneral(errorMessage(e));
    },
  });

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null;
    setErrors((x) => ({ ...x, attachment: f && f.size > MAX_BYTES ? t('myReports.tooBig') : undefined }));
    setFile(f && f.size <= MAX_BYTES ? f : null);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    if (!body.trim() && !file && !current?.attachment) {
      setErrors({ body: t('myReports.empty') });
      return;
    }
    setErrors({});
    handIn.mutate();
  };

  return (
    <form className="hy-m-form" onSubmit={onSubmit} noValidate data-testid="my-report-form">
      {current && <p className="hy-hint">{t('myReports.replaceHint')}</p>}
      <div className="hy-field">
        <label htmlFor={ids.title}>{t('myReports.titleLabel')}</label>
        <input
          id={ids.title}
          className="hy-input"
          maxLength={100}
          value={title}
          placeholder={placeholder}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="my-report-title"
        />
      </div>
      <div className="hy-field">
        <label htmlFor={ids.body}>{t('myReports.bodyLabel')}</label>
        <p id={ids.bodyHint} className="hy-hint">
          {t('myReports.bodyHint')}
        </p>
        <textarea
          id={ids.body}
          className="hy-input hy-textarea hy-m-report-body"
          rows={10}
          maxLength={20000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={ids.bodyHint}
          data-testid="my-report-body"
        />
        {errors.body && (
          <p className="hy-error" role="alert">
            {errors.body}
          </p>
        )}
      </div>
      <div className="hy-field">
        <label htmlFor={ids.file}>{t('myReports.fileLabel')}</label>
        <p id={ids.fileHint} className="hy-hint">
          {t('myReports.fileHint')}
        </p>
        <input
          id={ids.file}
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          className="hy-input hy-m-file"
          onChange={onFile}
          aria-invalid={errors.attachment ? true : undefined}
          aria-describedby={ids.fileHint}
          data-testid="my-report-file"
        />
        {file && (
          <p className="hy-m-muted">
            {t('myReports.chosen', { name: file.name })}{' '}
            <button
              type="button"
              className="hy-link-btn"
              onClick={() => {
                setFile(null);
                if (fileInput.current) fileInput.current.value = '';
              }}
            >
              {t('myReports.removeFile')}
            </button>
          </p>
        )}
        {!file && current?.attachment && (
          <p className="hy-m-muted">{t('myReports.attachment', { name: current.attachment.name })}</p>
        )}
        {errors.attachment && (
          <p className="hy-error" role="alert">
            {errors.attachment}
          </p>
        )}
      </div>
      {general && (
        <p className="hy-error" role="alert">
          {general}
        </p>
      )}
      {sent && (
        <p className="hy-success" role="status">
          {t('myReports.sent')}
        </p>
      )}
      <button
        type="submit"
        className="hy-btn hy-btn-primary hy-btn-block"
        disabled={handIn.isPending}
        data-testid="my-report-submit"
      >
        {handIn.isPending ? t('myReports.submitting') : t('myReports.submit')}
      </button>
    </form>
  );
}

/** One past report: its period, state in words, text (folded when long), attachment, the comment. */
function MyReport({ r, lang }: { r: ThoughtReport; lang: Lang }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const long = r.body.length > 160;
  const state = r.state === 'reviewed' ? 'approved' : 'pending';
  return (
    <li className={`hy-m-request hy-m-request-${state}`} data-testid={`my-report-${r.id}`}>
      <div className="hy-m-request-head">
        <span>{periodWords(r.period, lang)}</span>
        <span className="hy-m-state">{t(`thoughtReports.state.${r.state}`)}</span>
      </div>
      <p className="hy-m-big">{r.title}</p>
      <p className="hy-m-muted">{momentOf(r.submittedAt)}</p>
      {r.body && <p className="hy-m-text">{all || !long ? r.body : `${r.body.slice(0, 160)}…`}</p>}
      {long && (
        <button type="button" className="hy-link-btn" onClick={() => setAll((x) => !x)}>
          {all ? t('myReports.less') : t('myReports.more')}
        </button>
      )}
      {r.attachment && (
        <p>
          <button
            type="button"
            className="hy-link-btn"
            onClick={() => void reportApi.myAttachment(r.id)}
            data-testid={`my-report-attachment-${r.id}`}
          >
            {t('myReports.attachment', { name: r.attachment.name })}
          </button>
        </p>
      )}
      {r.state === 'reviewed' ? (
        <div className="hy-m-reply hy-m-reply-org" data-testid={`my-report-comment-${r.id}`}>
          <p className="hy-m-muted">
            {t('myReports.comment')} ·{' '}
            {t('myReports.reviewedBy', { name: r.reviewerName ?? '', at: dayOf(r.reviewedAt!) })}
          </p>
          <p className="hy-m-text">{r.comment}</p>
        </div>
      ) : (
        <p className="hy-m-muted">{t('myReports.waiting')}</p>
      )}
    </li>
  );
}
