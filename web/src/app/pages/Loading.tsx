import { useTranslation } from 'react-i18next';

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <div className="hy-loading" role="status" aria-live="polite">
      <span className="hy-spinner" aria-hidden="true" />
      <span>{t('status.loading')}</span>
    </div>
  );
}

export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="hy-status">
      <h1 className="hy-status-title" role="alert">
        {t('status.loadFailed')}
      </h1>
      <p className="hy-status-desc">{t('error.network')}</p>
      <div className="hy-status-actions">
        <button type="button" className="hy-btn hy-btn-primary" onClick={onRetry}>
          {t('status.retry')}
        </button>
      </div>
    </div>
  );
}
