import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, SecondFactorStep } from '../../../../contracts/index.ts';
import { errorMessage } from '../api.ts';
import { useLoginCode } from '../auth.tsx';
import { QrCode } from '../QrCode.tsx';
import './second-factor.css';

// The login's second step (两步验证), shown in the login card after the right password of an
// account that owes one: the code from the authenticator, or a recovery code; for an account that
// must enrol first, the QR code to scan, and after the first code the recovery codes, once.
// Loaded only when needed: the QR encoder stays out of the login page's first load.

type Props = { step: SecondFactorStep; onDone: (me: Me) => void; onRestart: () => void };

export default function SecondFactor({ step, onDone, onRestart }: Props) {
  const { t } = useTranslation();
  const pass = useLoginCode();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [remember, setRemember] = useState(false);
  const [missing, setMissing] = useState(false);
  const [codes, setCodes] = useState<{ list: string[]; me: Me } | null>(null);
  const ids = { code: useId(), err: useId(), remember: useId() };

  if (codes) return <RecoveryCodes codes={codes.list} onContinue={() => onDone(codes.me)} />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = code.trim();
    if (!typed) return setMissing(true);
    setMissing(false);
    pass.mutate(
      recovery
        ? { ticket: step.ticket, recoveryCode: typed, remember }
        : { ticket: step.ticket, code: typed, remember },
      {
        onSuccess: ({ recoveryCodes, ...me }) =>
          recoveryCodes ? setCodes({ list: recoveryCodes, me }) : onDone(me),
      },
    );
  };
  // an expired ticket can only start over
  const gone = pass.isError && (pass.error as { code?: string }).code === 'ticket_expired';
  const error = missing
    ? t(recovery ? 'totp.needRecovery' : 'totp.needCode')
    : pass.isError
      ? errorMessage(pass.error)
      : null;

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? ids.err : undefined}>
      <h2 className="hy-totp-title">{t('totp.title')}</h2>
      {step.step === 'enrol' && step.otpauthUri && step.secret ? (
        <div className="hy-totp-enrol">
          <p>{t('totp.enrolIntro')}</p>
          <div className="hy-totp-qr" data-testid="totp-qr">
            <QrCode text={step.otpauthUri} size="12rem" label={t('totp.qrLabel')} />
          </div>
          <p className="hy-totp-manual">
            {t('totp.manual')}
            <br />
            <code data-testid="totp-secret">{step.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </div>
      ) : (
        <p>{t('totp.codeIntro')}</p>
      )}
      <div className="hy-field">
        <label htmlFor={ids.code}>{t(recovery ? 'totp.recoveryCode' : 'totp.code')}</label>
        <input
          id={ids.code}
          className="hy-input hy-totp-code"
          name={recovery ? 'recoveryCode' : 'code'}
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          maxLength={recovery ? 9 : 7}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!error || undefined}
          data-testid="login-code"
        />
      </div>
      <label className="hy-check" htmlFor={ids.remember}>
        <input
          id={ids.remember}
          type="checkbox"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
          data-testid="login-remember"
        />
        <span>{t('totp.remember')}</span>
      </label>
      {error && (
        <p id={ids.err} className="hy-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      {gone ? (
        <button type="button" className="hy-btn hy-btn-primary hy-btn-block" onClick={onRestart}>
          {t('totp.restart')}
        </button>
      ) : (
        <button
          type="submit"
          className="hy-btn hy-btn-primary hy-btn-block"
          disabled={pass.isPending}
          data-testid="login-code-submit"
        >
          {pass.isPending ? t('totp.submitting') : t('totp.submit')}
        </button>
      )}
      <div className="hy-totp-links">
        {step.step === 'totp' && (
          <button
            type="button"
            className="hy-link-btn"
            onClick={() => {
              setRecovery(!recovery);
              setCode('');
              pass.reset();
            }}
          >
            {t(recovery ? 'totp.useCode' : 'totp.useRecovery')}
          </button>
        )}
        <button type="button" className="hy-link-btn" onClick={onRestart}>
          {t('totp.restart')}
        </button>
      </div>
    </form>
  );
}

/** The recovery codes, once: read, written down or downloaded, then on. */
export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue?: () => void }) {
  const { t } = useTranslation();
  const download = () => {
    const blob = new Blob([`${t('totp.recoveryTitle')}\r\n\r\n${codes.join('\r\n')}\r\n`], {
      type: 'text/plain;charset=utf-8',
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = t('totp.fileName');
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <section className="hy-totp-recovery" aria-labelledby="hy-recovery-title">
      <h2 id="hy-recovery-title" className="hy-totp-title">
        {t('totp.recoveryTitle')}
      </h2>
      <p>{t('totp.recoveryIntro')}</p>
      <ol className="hy-recovery-list" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="hy-btn hy-btn-block" onClick={download}>
        {t('totp.download')}
      </button>
      {onContinue && (
        <button
          type="button"
          className="hy-btn hy-btn-primary hy-btn-block"
          onClick={onContinue}
          data-testid="recovery-continue"
        >
          {t('totp.saved')}
        </button>
      )}
    </section>
  );
}
