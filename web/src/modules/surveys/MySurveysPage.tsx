import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { momentOf } from '../../app/when.ts';
import { useMySurveys } from './member-api.ts';
import './member-i18n.ts';
import './survey.css';

/**
 * 问卷 (/m/surveys): the surveys the member was asked, what is still to do first, each with one big
 * button: answer, continue (answers saved earlier), or why not (answered, closed). Light: no antd.
 */
export default function MySurveysPage() {
  const { t } = useTranslation();
  const list = useMySurveys();
  useEffect(() => {
    document.title = `${t('mySurvey.title')} · ${t('app.short')}`;
  }, [t]);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('mySurvey.back')}
        </Link>
        <h1>{t('mySurvey.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main" data-testid="my-surveys">
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.isPending && <p className="hy-m-muted">…</p>}
        {list.data?.items.length === 0 && <p className="hy-m-muted">{t('mySurvey.none')}</p>}
        {list.data?.items.map((s) => (
          <section key={s.id} className="hy-sv-card" data-testid={`my-survey-${s.id}`}>
            <h2>{s.title}</h2>
            <p className="hy-sv-meta">
              {s.orgName}
              {s.closesAt && ` · ${t('mySurvey.closesAt', { at: momentOf(s.closesAt) })}`}
            </p>
            {s.answered ? (
              <p className="hy-success">{t('mySurvey.answered')}</p>
            ) : !s.open ? (
              <p className="hy-m-muted">{t('mySurvey.closed')}</p>
            ) : (
              <Link
                className="hy-btn hy-btn-primary hy-btn-block"
                to={`/m/surveys/${s.id}`}
                data-testid={`my-survey-action-${s.id}`}
              >
                {s.started ? t('mySurvey.resume') : t('mySurvey.answer')}
              </Link>
            )}
          </section>
        ))}
      </main>
    </div>
  );
}
