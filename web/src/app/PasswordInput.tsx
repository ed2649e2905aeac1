import { type InputHTMLAttributes, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A password box with a show/hide button beside it (the light pages: login, the member app): on a
 * phone, a password typed blind is the one typed wrong. The button is a large target and says
 * what it does; the value is never changed by it.
 */
export function PasswordInput({
  ref,
  toggleTestId,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  ref?: Ref<HTMLInputElement>;
  toggleTestId?: string;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <div className="hy-password">
      <input {...props} ref={ref} type={shown ? 'text' : 'password'} className="hy-input" />
      <button
        type="button"
        className="hy-password-toggle"
        aria-pressed={shown}
        aria-label={shown ? t('password.hide') : t('password.show')}
        aria-controls={props.id}
        onClick={() => setShown((s) => !s)}
        data-testid={toggleTestId}
      >
        {shown ? t('password.hideShort') : t('password.showShort')}
      </button>
    </div>
  );
}
