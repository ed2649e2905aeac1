import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AnswerSet } from '../../../../contracts/surveys/definition.ts';
import type { SurveyForm } from '../../../../contracts/surveys/surveys.ts';
import { errorMessage, isApiError } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';
import { AnswerForm } from './AnswerForm.tsx';
import { answerApi, mySurveyKeys, useMemberForm, usePublicForm } from './member-api.ts';
import './member-i18n.ts';
import './survey.css';

/** The question a refusal names (details[0].path = answers.<id>), to show beside it. */
function problemOf(e: unknown): { id: string; message: string } | null {
  if (!isApiError(e)) return null;
  const path = e.fieldErrors[0]?.path ?? '';
  return path.startsWith('answers.') ? { id: path.slice(8), message: e.message } : null;
}

/**
 * One survey being answered, by a member (/m/surveys/:id: answers can be saved and resumed) or
 * through the public link (/p/surveys/:token: no login, one response per device).
 */
function Answering({ form, who }: { form: SurveyForm; who: { memberId: string } | { token: string } }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<AnswerSet>(form.draft);
  const [done, setDone] = useState(form.answered);
  const [saved, setSaved] = useState(false);
  const submit = useMutation({
    mutationFn: () =>
      'token' in who
        ? answerApi.submitPublic(who.token, form.version, answers)
        : answerApi.submit(who.memberId, form.version, answers),
    onSuccess: () => {
      setDone(true);
      void queryClient.invalidateQueries({ queryKey: mySurveyKeys.list });
    },
    onError: (e) => {
      // the questions changed since the form was opened: load them again, keep what still fits
      if (isApiError(e) && e.code === 'survey_changed')
        void queryClient.invalidateQueries({
          queryKey: 'token' in who ? mySurveyKeys.public(who.token) : mySurveyKeys.form(who.memberId),
        });
    },
  });
  const draft = useMutation({
    mutationFn: () => answerApi.saveDraft((who as { memberId: string }).memberId, answers),
    onSuccess: () => setSaved(true),
  });
  const error = submit.error ?? draft.error;
  return (
    <>
      {form.description && (
        <p className="hy-sv-anon" style={{ background: '#fff', color: 'inherit' }}>
          {form.description}
        </p>
      )}
      {form.anonymous && <p className="hy-sv-anon">{t('mySurvey.anonymous')}</p>}
      {done ? (
        <p className="hy-success" role="status" data-testid="survey-thanks">
          {t('mySurvey.thanks')}
        </p>
      ) : !form.open ? (
        <p className="hy-m-muted">{t('mySurvey.closed')}</p>
      ) : (
        <>
          <AnswerForm
            form={form}
            answers={answers}
            onChange={(a) => {
              setAnswers(a);
              setSaved(false);
            }}
            problem={problemOf(submit.error)}
          />
          <div className="hy-sv-actions">
            {error && !problemOf(error) && (
              <p className="hy-error" role="alert">
                {isApiError(error) && error.code === 'survey_changed'
                  ? t('mySurvey.changed')
                  : errorMessage(error)}
              </p>
            )}
            {problemOf(submit.error) && (
              <p className="hy-error" role="alert">
                {errorMessage(submit.error)}
              </p>
            )}
            <button
              type="button"
              className="hy-btn hy-btn-primary hy-btn-block"
              disabled={submit.isPending}
              onClick={() => submit.mutate()}
              data-testid="survey-submit"
            >
              {submit.isPending ? t('mySurvey.submitting') : t('mySurvey.submit')}
            </button>
            {'memberId' in who && (
              <button
                type="button"
                className="hy-btn hy-btn-block"
                disabled={draft.isPending}
                onClick={() => draft.mutate()}
                data-testid="survey-save-draft"
              >
                {saved ? `✓ ${t('mySurvey.saved')}` : t('mySurvey.saveDraft')}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

function Shell({ title, back, children }: { title: string; back?: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.short')}`;
  }, [t, title]);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        {back ? (
          <Link className="hy-m-header-btn hy-m-back" to="/m/surveys">
            ‹ {t('mySurvey.title')}
          </Link>
        ) : (
          <span aria-hidden="true" className="hy-m-header-spacer" />
        )}
        <h1>{title}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">{children}</main>
    </div>
  );
}

/** /m/surveys/:id */
export default function AnswerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const form = useMemberForm(id);
  return (
    <Shell title={form.data?.title ?? t('mySurvey.title')} back>
      {form.isError && (
        <p className="hy-error" role="alert">
          {errorMessage(form.error)}
        </p>
      )}
      {form.data && <Answering key={form.data.version} form={form.data} who={{ memberId: id }} />}
    </Shell>
  );
}

/** /p/surveys/:token — the public link (the QR code opens it). */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const form = usePublicForm(token);
  return (
    <Shell title={form.data?.title ?? t('mySurvey.publicTitle')}>
      {form.data && (
        <p className="hy-sv-meta" style={{ textAlign: 'center' }}>
          {form.data.orgName}
        </p>
      )}
      {form.isError && (
        <p className="hy-error" role="alert">
          {errorMessage(form.error)}
        </p>
      )}
      {form.data && <Answering key={form.data.version} form={form.data} who={{ token }} />}
    </Shell>
  );
}
