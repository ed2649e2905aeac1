import { useTranslation } from 'react-i18next';
import { toggleLang } from '../i18n.ts';

/** A plain button naming the other language, as bilingual Chinese sites do. */
export function LangSwitch({ className = 'hy-link-btn' }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={className}
      onClick={toggleLang}
      aria-label={t('lang.label')}
      data-testid="lang-switch"
    >
      {t('lang.switchTo')}
    </button>
  );
}
