import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIGIT_KEYS, LETTER_ROWS, press } from './keypad.ts';

/** A number pad: 0–9, clear and delete, each key a big target. */
export function DigitPad({
  value,
  onChange,
  max,
}: {
  value: string;
  onChange: (v: string) => void;
  max: number;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="kiosk-pad kiosk-pad-digits" aria-label={t('kiosk.cardNo')}>
      {DIGIT_KEYS.map((k) => (
        <button
          key={k}
          type="button"
          className={`kiosk-key${k.length > 1 ? ' kiosk-key-fn' : ''}`}
          data-testid={`key-${k}`}
          onClick={() => onChange(press(value, k, max))}
        >
          {k === 'clear' ? t('kiosk.clear') : k === 'back' ? t('kiosk.del') : k}
        </button>
      ))}
    </fieldset>
  );
}

/** Letters and digits for a password, with a shift key for capitals. */
export function LetterPad({
  value,
  onChange,
  max,
}: {
  value: string;
  onChange: (v: string) => void;
  max: number;
}) {
  const { t } = useTranslation();
  const [upper, setUpper] = useState(false);
  return (
    <fieldset className="kiosk-pad kiosk-pad-letters" aria-label={t('kiosk.password')}>
      {LETTER_ROWS.map((row) => (
        <div className="kiosk-pad-row" key={row.join('')}>
          {row.map((k) => (
            <button
              key={k}
              type="button"
              className={`kiosk-key${k.length > 1 ? ' kiosk-key-fn' : ''}`}
              data-testid={`pw-key-${k}`}
              aria-pressed={k === 'shift' ? upper : undefined}
              onClick={() => (k === 'shift' ? setUpper(!upper) : onChange(press(value, k, max, upper)))}
            >
              {k === 'shift' ? t('kiosk.shift') : k === 'back' ? t('kiosk.del') : upper ? k.toUpperCase() : k}
            </button>
          ))}
        </div>
      ))}
    </fieldset>
  );
}
