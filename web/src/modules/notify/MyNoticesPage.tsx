import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { FullPageLoading } from '../../app/pages/Loading.tsx';
import { useMyNotices, useUnreadCount } from './api.ts';
import './i18n.ts';
import { when } from '../../app/when.ts';

const STEP = 20;

/** 我的通知 in the member app: the unread first, each a big row; one tap opens it (and marks it read). */
export default function MyNoticesPage() {
  const { t } = useTranslation();
  const [size, setSize] = useState(STEP);
  const list = useMyNotices({ page: 1, pageSize: size, unreadFirst: true });
  const unread = useUnreadCount();

  useEffect(() => {
    document.title = `${t('notices.mine')} · ${t('app.short')}`;
  }, [t]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link to="/m" className="hy-m-header-btn hy-m-back" data-testid="notices-back">
          ‹ {t('notices.back')}
        </Link>
        <h1>{t('notices.mine')}</h1>
        <span className="hy-m-header-gap" aria-hidden="true" />
      </header>
      <main className="hy-m-main">
        {unread.data && unread.data.count > 0 && (
          <p className="hy-m-muted" role="status" data-testid="notices-unread">
            {t('notices.unreadCount', { count: unread.data.count })}
          </p>
        )}
        {list.isPending && <FullPageLoading />}
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.data && list.data.items.length === 0 && (
          <p className="hy-m-card hy-m-none">{t('notices.empty')}</p>
        )}
        {list.data && list.data.items.length > 0 && (
          <ul className="hy-m-card hy-m-notices" data-testid="my-notices">
            {list.data.items.map((n) => (
              <li key={n.id}>
                <Link
                  to={`/m/notices/${n.id}`}
                  className={`hy-m-notice${n.readAt ? '' : ' hy-m-notice-unread'}`}
                  data-testid={`my-notice-${n.id}`}
                >
                  <span className="hy-m-notice-title">
                    {!n.readAt && <span className="hy-m-dot">{t('notices.unread')}</span>}
                    {n.title}
                  </span>
                  <span className="hy-m-notice-meta">
                    {n.kindLabel} · {n.orgName} · {when(n.remindedAt ?? n.sentAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {list.data && list.data.total > size && (
          <button
            type="button"
            className="hy-btn hy-btn-block"
            onClick={() => setSize((s) => Math.min(200, s + STEP))}
          >
            {t('notices.more')}
          </button>
        )}
      </main>
    </div>
  );
}
