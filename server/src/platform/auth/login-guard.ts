import { AppError, type Text } from '../http/errors.ts';
import { maskPhone, type Pii } from '../pii/index.ts';
import { CARD_NUMBER } from './study-card.ts';

/** A wait said in the reader's words: "35 秒" / "35 seconds", "15 分钟" / "15 minutes". */
export function waitText(ms: number): Text {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds <= 90) return { zh: `${seconds} 秒`, en: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `${minutes} 分钟`, en: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}

/**
 * Failed logins per login name, whatever address they come from (the per-address limit alone is
 * beaten by an attacker with many addresses). An attempt takes its place before the password is
 * checked, so a parallel burst cannot slip past the count, and gives it back when it succeeds:
 * only failures count, so a busy shared account (a station's kiosk, a benchmark) is never held
 * back. Kept in memory, per process, like the per-address limit: behind several processes the
 * lockout in the database (service.ts) is what binds across all of them.
 */
export class LoginNameLimit {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(max: number, windowMinutes: number, now: () => number = Date.now) {
    this.max = max;
    this.windowMs = windowMinutes * 60_000;
    this.now = now;
  }

  /** Takes a place for an attempt on `name`; the milliseconds to wait when there is none left. */
  reserve(name: string): { ok: true; release: () => void } | { ok: false; waitMs: number } {
    const key = name.trim().toLowerCase();
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.evict(now);
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    if (w.count >= this.max) return { ok: false, waitMs: w.resetAt - now };
    w.count++;
    const held = w;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        held.count = Math.max(0, held.count - 1);
      },
    };
  }

  /** Random names must not grow the map without bound: expired windows go, then the oldest. */
  private evict(now: number) {
    if (this.windows.size < 50_000) return;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size < 50_000) break;
      this.windows.delete(k);
    }
  }
}

export function tooManyForName(waitMs: number): AppError {
  const wait = waitText(waitMs);
  return new AppError(429, 'rate_limited', {
    zh: `该账号登录失败次数过多，请 ${wait.zh}后再试`,
    en: `Too many failed logins for this account; retry in ${wait.en}`,
  });
}

const PHONE = /^1[3-9]\d{9}$/;

/**
 * What the audit log keeps of a login name that named no account. People type their phone, their
 * card number, a mistyped username, and sometimes their password into the name box, and the audit
 * log is read by every admin above them and kept for years. So:
 * - a phone number is masked the usual way (138****5678) and a card number likewise, keeping
 *   enough to recognise one's own when asked "was that you?";
 * - anything else is not kept at all, not even a first letter (that would be part of a password):
 *   only a short keyed hash of it, so that an admin can still see one name tried a hundred times
 *   from many addresses. The key is the data key's index key, so the tag cannot be reversed by
 *   hashing a dictionary without it.
 */
export function loginNameForAudit(pii: Pii, name: string): string {
  const n = name.trim();
  if (PHONE.test(n)) return maskPhone(n);
  if (CARD_NUMBER.test(n)) return `${n.slice(0, 3)}*****${n.slice(-4)}`;
  const tag = Buffer.from(pii.blindIndex('login-name', n), 'base64url').toString('hex').slice(0, 8);
  return `未知账号#${tag}`;
}

/** Accounts made for a study card are named card<number>: the audit log names them masked. */
export function accountNameForAudit(username: string): string {
  const card = /^card(\d{12})$/.exec(username);
  return card ? `card${card[1].slice(0, 3)}*****${card[1].slice(-4)}` : username;
}
