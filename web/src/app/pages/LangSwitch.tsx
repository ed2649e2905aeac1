import { useTranslation } from 'react-i18next';
import { toggleLang } from '../i18n.ts';

/** A plain button naming the other language, as bilingual Chinese sites do. */
export function LangSwitch({ className = 'hy-link-btn' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className={className}
      onClick={toggleLang}
      // the name read out is the text seen (WCAG 2.5.3, axe label-content-name-mismatch): the
      // purpose is a description, and the other language is spoken in its own voice
      title={t('lang.label')}
      lang={i18n.language === 'en' ? 'zh-CN' : 'en'}
      data-testid="lang-switch"
    >
      {t('lang.switchTo')}
    </button>
  );
}
