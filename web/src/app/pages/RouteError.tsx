import { useTranslation } from 'react-i18next';
import { StatusPage } from './StatusPage.tsx';

/** Shown when a screen fails to load or render (for example an old chunk after a new release). */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <StatusPage code="error" title={t('status.loadFailed')} description={t('error.unknown')}>
      <div className="hy-status-actions">
        <button type="button" className="hy-btn hy-btn-primary" onClick={() => window.location.reload()}>
          {t('status.retry')}
        </button>
      </div>
    </StatusPage>
  );
}
