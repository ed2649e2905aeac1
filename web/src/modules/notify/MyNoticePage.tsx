import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { FullPageLoading } from '../../app/pages/Loading.tsx';
import { useReadNotice } from './api.ts';
import './i18n.ts';
import { when } from '../../app/when.ts';

/** One notice in the member app: opening it marks it read; its link opens the thing it is about. */
export default function MyNoticePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const notice = useReadNotice(id);
  const n = notice.data;

  useEffect(() => {
    document.title = `${n?.title ?? t('notices.detail')} · ${t('app.short')}`;
  }, [t, n?.title]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link to="/m/notices" className="hy-m-header-btn hy-m-back" data-testid="notice-back">
          ‹ {t('notices.back')}
        </Link>
        <h1>{t('notices.detail')}</h1>
        <span className="hy-m-header-gap" aria-hidden="true" />
      </header>
      <main className="hy-m-main">
        {notice.isPending && <FullPageLoading />}
        {notice.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(notice.error)}
          </p>
        )}
        {n && (
          <article className="hy-m-card" data-testid="notice-open">
            <h2 className="hy-m-h2">{n.title}</h2>
            <p className="hy-m-muted">
              {n.kindLabel} · {t('notices.from', { org: n.orgName })}
              <br />
              {when(n.sentAt)}
            </p>
            {n.body && <p className="hy-m-notice-body">{n.body}</p>}
            {n.link && (
              <Link to={n.link} className="hy-btn hy-btn-primary hy-btn-block" data-testid="notice-link">
                {t('notices.openLink')}
              </Link>
            )}
          </article>
        )}
      </main>
    </div>
  );
}
