import { useTranslation } from 'react-i18next';
import { setElder, useElder } from './elder.ts';
import { addTranslations } from './i18n.ts';
import { strings } from './modules.ts';

addTranslations(
  strings(
    {
      elder: {
        on: '长辈版',
        off: '标准版',
        hintOn: '切换到长辈版：字更大，按钮更大',
        hintOff: '切换回标准版',
      },
    },
    {
      elder: {
        on: 'Elder mode',
        off: 'Standard mode',
        hintOn: 'Switch to elder mode: bigger text and buttons',
        hintOff: 'Switch back to the standard mode',
      },
    },
  ),
);

/**
 * The 长辈版 switch (elder.ts): a plain button naming the mode it switches to, as LangSwitch names
 * the other language. Its accessible name is its visible text (the hint is a description).
 */
export function ElderSwitch({ className = 'hy-link-btn' }: { className?: string }) {
  const { t } = useTranslation();
  const elder = useElder();
  return (
    <button
      type="button"
      className={className}
      onClick={() => setElder(!elder)}
      title={t(elder ? 'elder.hintOff' : 'elder.hintOn')}
      data-testid="elder-switch"
      data-elder={elder ? 'on' : 'off'}
    >
      {t(elder ? 'elder.off' : 'elder.on')}
    </button>
  );
}
