import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingCommand, TerminalSelf } from '../../../contracts/kiosk/terminals.ts';
import { ApiError, api, errorMessage } from '../app/api.ts';
import { addTranslations } from '../app/i18n.ts';
import { type KioskHall, kioskHallsOf } from '../app/modules.ts';
import { webModules } from '../modules/index.ts';
import { kioskStrings } from './i18n.ts';
import { ACTIVITY_EVENTS, IdleClock } from './idle.ts';
import { DigitPad, LetterPad } from './Keypad.tsx';
import { groupCard } from './keypad.ts';
import {
  ackCommand,
  pollCommands,
  registerTerminal,
  saveToken,
  savedToken,
  sendHeartbeat,
  terminalSelf,
  whoIsIn,
} from './terminal.ts';
import './kiosk.css';

// The touch kiosk (/kiosk) of a village service centre: a 1080×1920 portrait screen read from a
// metre away. No antd and nothing of the admin console: plain React, big type, every target at
// least 96 px. The halls come from the modules' manifests; a hall opens an existing public or
// member screen inside the kiosk's frame, under a big 返回首页 bar.

addTranslations(kioskStrings);
for (const m of webModules) addTranslations(m.strings);
const HALLS = kioskHallsOf(webModules);

const HEARTBEAT_MS = 60_000;
const POLL_MS = 10_000;
/** The phone-first screens a hall opens, enlarged to fill the 1080 px width and be read from a metre away. */
const FRAME_ZOOM = 2;

type View =
  | { kind: 'home' }
  | { kind: 'hall'; hall: KioskHall }
  | { kind: 'signin'; after: KioskHall | null };
type Member = { displayName: string };

const hallUrl = (hall: KioskHall, self: TerminalSelf) => hall.to.replace('{orgId}', self.orgId);

export default function KioskApp() {
  const { t } = useTranslation();
  const [token, setToken] = useState<string | null>(() => savedToken());
  const [self, setSelf] = useState<TerminalSelf | null>(null);
  const [member, setMember] = useState<Member | null>(null);
  const [view, setView] = useState<View>({ kind: 'home' });
  const [notice, setNotice] = useState<string | null>(null);
  const [countdown, setCountdown] = useState<number | null>(null);
  const [offline, setOffline] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const framePath = useRef<string>('');
  const done = useRef(new Set<string>());
  const idle = useRef(new IdleClock(60, Date.now()));
  const memberRef = useRef<Member | null>(null);
  memberRef.current = member;

  useEffect(() => {
    document.title = t('kiosk.title');
  }, [t]);

  // who this terminal is (a revoked or unknown token: back to the registration screen)
  useEffect(() => {
    if (!token) return;
    terminalSelf(token)
      .then((s) => {
        setSelf(s);
        idle.current.setSeconds(s.idleSeconds);
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) {
          saveToken(null);
          setToken(null);
        }
      });
    whoIsIn()
      .then(setMember)
      .catch(() => setMember(null));
  }, [token]);

  /**
   * Home. `signOut` (an idle timeout, the console's 返回首页, the 退出登录 button): nobody signed in
   * either. The villager's own 返回首页 keeps them signed in for the next hall.
   */
  const goHome = useCallback(async (signOut = true) => {
    setView({ kind: 'home' });
    setCountdown(null);
    framePath.current = '';
    if (signOut) {
      if (memberRef.current) void api.post('/auth/logout').catch(() => undefined);
      memberRef.current = null;
      setMember(null);
    }
    idle.current.touch(Date.now());
  }, []);

  const screenRef = useRef('home');
  screenRef.current =
    view.kind === 'home'
      ? 'home'
      : view.kind === 'signin'
        ? `signin${view.after ? `:${view.after.key}` : ''}`
        : `hall:${view.hall.key} ${framePath.current || view.hall.to}`;

  const forgetTerminal = useCallback(() => {
    saveToken(null);
    setToken(null);
    setSelf(null);
  }, []);

  const run = useCallback(
    async (commands: PendingCommand[]) => {
      if (!token) return;
      for (const c of commands) {
        if (!done.current.has(c.id)) {
          done.current.add(c.id);
          if (c.kind === 'reload') {
            await ackCommand(token, c.id).catch(() => undefined);
            window.location.reload();
            return;
          }
          if (c.kind === 'home') await goHome();
          if (c.kind === 'notice') setNotice(c.text);
        }
        // an ack that fails is sent again: the command stays pending and comes back at the next poll
        await ackCommand(token, c.id).catch(() => undefined);
      }
    },
    [token, goHome],
  );

  // the heartbeat (once a minute, with what the screen shows) and the poll for commands (every 10 s)
  useEffect(() => {
    if (!token || !self) return;
    const onError = (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) forgetTerminal();
      else setOffline(true);
    };
    const beat = () =>
      sendHeartbeat(token, screenRef.current.slice(0, 200))
        .then((a) => {
          setOffline(false);
          idle.current.setSeconds(a.idleSeconds);
          return run(a.commands);
        })
        .catch(onError);
    const poll = () =>
      pollCommands(token)
        .then((a) => {
          setOffline(false);
          return run(a.commands);
        })
        .catch(onError);
    void beat();
    const h = setInterval(beat, HEARTBEAT_MS);
    const p = setInterval(poll, POLL_MS);
    return () => {
      clearInterval(h);
      clearInterval(p);
    };
  }, [token, self, run, forgetTerminal]);

  // the idle clock: touches anywhere (inside the hall's frame too) restart it
  const busy = view.kind !== 'home' || !!member;
  useEffect(() => {
    const touch = () => idle.current.touch(Date.now());
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true, capture: true });
    const tick = setInterval(() => {
      const s = idle.current.state(Date.now());
      if (!busy) {
        idle.current.touch(Date.now());
        setCountdown(null);
      } else if (s.expired) void goHome();
      else setCountdown(s.warning ? s.remaining : null);
    }, 250);
    return () => {
      clearInterval(tick);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
    };
  }, [busy, goHome]);

  const onFrameLoad = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    try {
      framePath.current = w.location.pathname;
      // the member and public screens are phone-first (16 px type): twice the size, read from a metre away
      w.document.documentElement.style.setProperty('zoom', String(FRAME_ZOOM));
      const touch = () => idle.current.touch(Date.now());
      for (const e of ACTIVITY_EVENTS) w.addEventListener(e, touch, { passive: true, capture: true });
      // the member screens sent the frame to the login page: the session ended there
      if (w.location.pathname.startsWith('/login')) void goHome();
    } catch {
      // not same-origin (never for our own screens)
    }
  };

  const openHall = (hall: KioskHall) => {
    idle.current.touch(Date.now());
    if (hall.signIn && !member) setView({ kind: 'signin', after: hall });
    else setView({ kind: 'hall', hall });
  };

  if (!token || !self)
    return (
      <main className="kiosk">
        {token ? (
          <p className="kiosk-loading">{t('kiosk.loading')}</p>
        ) : (
          <RegisterScreen
            onRegistered={(tok, s) => {
              saveToken(tok);
              setSelf(s);
              setToken(tok);
            }}
          />
        )}
      </main>
    );

  return (
    <main className="kiosk" data-testid="kiosk" data-view={view.kind}>
      {view.kind === 'home' ? (
        <>
          <header className="kiosk-header">
            <h1>{t('kiosk.title')}</h1>
            <p className="kiosk-place">
              {self.orgName} · {self.place}
            </p>
          </header>
          <div className="kiosk-member">
            {member ? (
              <>
                <span data-testid="kiosk-member">{t('kiosk.hello', { name: member.displayName })}</span>
                <button
                  type="button"
                  className="kiosk-button kiosk-button-light"
                  onClick={() => void goHome()}
                >
                  {t('kiosk.signOut')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="kiosk-button"
                data-testid="kiosk-signin"
                onClick={() => setView({ kind: 'signin', after: null })}
              >
                {t('kiosk.signIn')}
              </button>
            )}
          </div>
          <nav className="kiosk-halls" data-testid="kiosk-home" aria-label={t('kiosk.title')}>
            {HALLS.map((hall) => (
              <button
                key={hall.key}
                type="button"
                className="kiosk-hall"
                data-testid={`kiosk-hall-${hall.key}`}
                onClick={() => openHall(hall)}
              >
                <span className="kiosk-hall-label">{t(hall.label)}</span>
                {hall.hint && <span className="kiosk-hall-hint">{t(hall.hint)}</span>}
                <span className={`kiosk-hall-tag${hall.signIn ? ' kiosk-hall-tag-in' : ''}`}>
                  {hall.signIn ? t('kiosk.needSignIn') : t('kiosk.open')}
                </span>
              </button>
            ))}
          </nav>
        </>
      ) : (
        <>
          <div className="kiosk-bar">
            <button
              type="button"
              className="kiosk-button kiosk-home-button"
              data-testid="kiosk-home-button"
              onClick={() => void goHome(false)}
            >
              ‹ {t('kiosk.home')}
            </button>
            <h1 className="kiosk-bar-title">
              {view.kind === 'hall' ? t(view.hall.label) : t('kiosk.signIn')}
            </h1>
          </div>
          {view.kind === 'hall' ? (
            <iframe
              ref={frame}
              className="kiosk-frame"
              title={t('kiosk.screenOf', { hall: t(view.hall.label) })}
              src={hallUrl(view.hall, self)}
              onLoad={onFrameLoad}
              data-testid="kiosk-frame"
            />
          ) : (
            <SignInScreen
              onSignedIn={(m) => {
                setMember(m);
                setView(view.after ? { kind: 'hall', hall: view.after } : { kind: 'home' });
              }}
            />
          )}
        </>
      )}
      {offline && <p className="kiosk-offline">{t('kiosk.offline')}</p>}
      {countdown != null && (
        <div className="kiosk-overlay" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-idle-text">
          <div className="kiosk-dialog" data-testid="kiosk-idle">
            <p id="kiosk-idle-text" className="kiosk-dialog-text" aria-live="assertive">
              {t('kiosk.idle', { n: countdown })}
            </p>
            <button type="button" className="kiosk-button" onClick={() => idle.current.touch(Date.now())}>
              {t('kiosk.stay')}
            </button>
          </div>
        </div>
      )}
      {notice != null && (
        <div className="kiosk-overlay" role="dialog" aria-modal="true" aria-labelledby="kiosk-notice-title">
          <div className="kiosk-dialog" data-testid="kiosk-notice">
            <h2 id="kiosk-notice-title">{t('kiosk.notice')}</h2>
            <p className="kiosk-dialog-text">{notice}</p>
            <button type="button" className="kiosk-button" onClick={() => setNotice(null)}>
              {t('kiosk.gotIt')}
            </button>
          </div>
        </div>
      )}
    </main>
  );
}

/** The first screen of a new terminal: the registration code on the number pad. */
function RegisterScreen({ onRegistered }: { onRegistered: (token: string, self: TerminalSelf) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (code.length !== 8) return setError(t('kiosk.codeShort'));
    setBusy(true);
    setError(null);
    try {
      const r = await registerTerminal(code);
      onRegistered(r.token, r.terminal);
    } catch (e) {
      setError(errorMessage(e));
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="kiosk-form">
      <h1>{t('kiosk.registerTitle')}</h1>
      <p className="kiosk-form-hint" id="kiosk-code-hint">
        {t('kiosk.registerHint')}
      </p>
      <output className="kiosk-entry" data-testid="kiosk-register-code" aria-describedby="kiosk-code-hint">
        <span className="kiosk-entry-label">{t('kiosk.registerCode')}</span>
        <span className="kiosk-entry-value">{code || '\u00a0'}</span>
      </output>
      {error && (
        <p className="kiosk-error" role="alert">
          {error}
        </p>
      )}
      <DigitPad value={code} onChange={setCode} max={8} />
      <button
        type="button"
        className="kiosk-button kiosk-submit"
        data-testid="kiosk-register"
        disabled={busy}
        onClick={() => void submit()}
      >
        {t('kiosk.register')}
      </button>
    </section>
  );
}

/** 刷卡登录: the study card's number on the number pad, then its password on the letter pad. */
function SignInScreen({ onSignedIn }: { onSignedIn: (m: Member) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'card' | 'password'>('card');
  const [card, setCard] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Member>('/auth/login', { username: card, password });
      if (!me?.displayName) throw new Error('no session');
      onSignedIn(me);
    } catch (e) {
      setError(`${t('kiosk.loginFailed')}：${errorMessage(e)}`);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="kiosk-form">
      {step === 'card' ? (
        <>
          <p className="kiosk-form-hint" id="kiosk-card-hint">
            {t('kiosk.cardHint')}
          </p>
          <output className="kiosk-entry" data-testid="kiosk-card" aria-describedby="kiosk-card-hint">
            <span className="kiosk-entry-label">{t('kiosk.cardNo')}</span>
            <span className="kiosk-entry-value">{groupCard(card) || '\u00a0'}</span>
          </output>
          {error && (
            <p className="kiosk-error" role="alert">
              {error}
            </p>
          )}
          <DigitPad value={card} onChange={setCard} max={12} />
          <button
            type="button"
            className="kiosk-button kiosk-submit"
            data-testid="kiosk-next"
            onClick={() => {
              if (card.length !== 12) return setError(t('kiosk.cardShort'));
              setError(null);
              setStep('password');
            }}
          >
            {t('kiosk.next')}
          </button>
        </>
      ) : (
        <>
          <p className="kiosk-form-hint" id="kiosk-password-hint">
            {t('kiosk.passwordHint')}
          </p>
          <output className="kiosk-entry" data-testid="kiosk-password" aria-describedby="kiosk-password-hint">
            <span className="kiosk-entry-label">{t('kiosk.password')}</span>
            <span className="kiosk-entry-value">{'●'.repeat(password.length) || '\u00a0'}</span>
          </output>
          {error && (
            <p className="kiosk-error" role="alert">
              {error}
            </p>
          )}
          <LetterPad value={password} onChange={setPassword} max={32} />
          <div className="kiosk-form-actions">
            <button
              type="button"
              className="kiosk-button kiosk-button-light"
              onClick={() => {
                setStep('card');
                setPassword('');
                setError(null);
              }}
            >
              {t('kiosk.back')}
            </button>
            <button
              type="button"
              className="kiosk-button kiosk-submit"
              data-testid="kiosk-login"
              disabled={busy || !password}
              onClick={() => void submit()}
            >
              {t('kiosk.login')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
