import { type FormEvent, lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me, SecondFactorStep } from '../../../../contracts/index.ts';
import { errorMessage } from '../api.ts';
import { hasAdminRole, homeOf, signIn, takeIdleSignOut, useLogin, useMe } from '../auth.tsx';
import { clearSessionExpired, wasSessionExpired } from '../queryClient.ts';
import { PasswordInput } from '../PasswordInput.tsx';
import { ElderSwitch } from '../ElderSwitch.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { FullPageLoading } from './Loading.tsx';

const SecondFactor = lazy(() => import('./SecondFactor.tsx'));

/** Only same-site paths are followed after login, never another origin. */
function safeNext(next: string | null, me: Me): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return homeOf(me);
  // A member without an admin role would only meet a refusal in the console.
  // a sub-platform's sign-in (single sign-on) goes back to the provider, whoever logs in
  if (next.startsWith('/oidc/')) return next;
  if (!hasAdminRole(me) && !next.startsWith('/m')) return '/m';
  return next;
}

/** The provider's pages are the server's, not the web app's: a full page load takes them. */
function Go({ to }: { to: string }) {
  useEffect(() => window.location.replace(to), [to]);
  return <FullPageLoading />;
}

export function Logo({ size = 56 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" className="hy-logo">
      <rect width="64" height="64" rx="14" fill="#c8161d" />
      <path
        d="M32 12l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L32 42.1l-11.7 6.2 2.2-13.1-9.5-9.3 13.1-1.9z"
        fill="#ffd54f"
      />
    </svg>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLogin();
  // A study card's QR code opens /login?card=<number>: the number is filled in, the holder types
  // only the password (the code never carries it).
  const card = params.get('card');
  const [username, setUsername] = useState(() => (card && /^\d{12}$/.test(card) ? card : ''));
  const passwordRef = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on arrival from a card's QR code
  useEffect(() => {
    if (username) passwordRef.current?.focus();
  }, []);
  const [password, setPassword] = useState('');
  // after the right password of an account that owes a second factor (两步验证)
  const [step, setStep] = useState<SecondFactorStep | null>(null);
  const [missing, setMissing] = useState<'username' | 'password' | null>(null);
  // the session ended on the server, or (a study card at a shared PC) on this screen's idle timer
  const [expired] = useState(() => wasSessionExpired() || takeIdleSignOut());
  const ids = { user: useId(), pass: useId(), err: useId() };

  useEffect(() => {
    document.title = t('app.title');
    clearSessionExpired();
  }, [t]);

  if (me && !login.isPending) {
    const to = safeNext(params.get('next'), me);
    return to.startsWith('/oidc/') ? <Go to={to} /> : <Navigate to={to} replace />;
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim()) return setMissing('username');
    if (!password) return setMissing('password');
    setMissing(null);
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (result) => {
          if ('step' in result) return setStep(result);
          const to = safeNext(params.get('next'), result);
          // a sub-platform's sign-in is a page of the server: <Go> loads it, once (two loads of
          // the same interaction race each other and the second finds it finished)
          if (!to.startsWith('/oidc/')) navigate(to, { replace: true });
        },
      },
    );
  };

  const error = missing
    ? t(missing === 'username' ? 'login.needUsername' : 'login.needPassword')
    : login.isError
      ? errorMessage(login.error)
      : null;

  return (
    <div className="hy-login">
      <div className="hy-login-top">
        <ElderSwitch />
        <LangSwitch />
      </div>
      <main className="hy-login-card">
        <div className="hy-login-brand">
          <Logo />
          <div>
            <h1 className="hy-login-title">{t('app.title')}</h1>
            <p className="hy-login-subtitle">{t('login.subtitle')}</p>
          </div>
        </div>
        {expired && !error && (
          <p className="hy-notice" role="status">
            {t('login.expired')}
          </p>
        )}
        {step ? (
          <Suspense fallback={<p>{t('status.loading')}</p>}>
            <SecondFactor
              step={step}
              onDone={signIn}
              onRestart={() => {
                setStep(null);
                setPassword('');
                login.reset();
              }}
            />
          </Suspense>
        ) : (
          <form onSubmit={onSubmit} noValidate aria-describedby={error ? ids.err : undefined}>
            <div className="hy-field">
              <label htmlFor={ids.user}>{t('login.username')}</label>
              <input
                id={ids.user}
                className="hy-input"
                name="username"
                autoComplete="username"
                inputMode="text"
                placeholder={t('login.usernamePlaceholder')}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                aria-invalid={missing === 'username' || undefined}
                data-testid="login-username"
              />
            </div>
            <div className="hy-field">
              <label htmlFor={ids.pass}>{t('login.password')}</label>
              <PasswordInput
                id={ids.pass}
                name="password"
                autoComplete="current-password"
                ref={passwordRef}
                placeholder={t('login.passwordPlaceholder')}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={missing === 'password' || undefined}
                data-testid="login-password"
                toggleTestId="login-password-toggle"
              />
            </div>
            {error && (
              <p id={ids.err} className="hy-error" role="alert" data-testid="login-error">
                {error}
              </p>
            )}
            <button
              type="submit"
              className="hy-btn hy-btn-primary hy-btn-block"
              disabled={login.isPending}
              data-testid="login-submit"
            >
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        )}
        <p className="hy-login-footer">{t('login.footer')}</p>
      </main>
    </div>
  );
}
