import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Time-based one-time passwords (TOTP, RFC 6238 over HOTP, RFC 4226): HMAC-SHA1, six digits, a
// 30-second step — what every authenticator app (微信小程序 "腾讯身份验证器", Google
// Authenticator, Microsoft Authenticator, FreeOTP) reads from an otpauth:// QR code. Pure
// functions; the account's secret and its last used step live in user_totp (second-factor.ts).

export const STEP_SECONDS = 30;
const DIGITS = 6;
/** The steps on either side of now that still count: a phone's clock may be 30 s off. */
export const DRIFT_STEPS = 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: the form authenticator apps take a secret in. */
export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
export const newSecret = () => base32Encode(randomBytes(20));

/** RFC 4226 HOTP: the code for one counter value. */
export function hotp(secret: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The step a moment falls in (RFC 6238's T). */
export const stepAt = (at: Date) => Math.floor(at.getTime() / 1000 / STEP_SECONDS);

/** The code an authenticator shows at `at` for a base32 secret. */
export const totpAt = (secret: string, at: Date) => hotp(base32Decode(secret), stepAt(at));

/**
 * The step a typed code matches, within DRIFT_STEPS of now and after `lastStep` (the step of the
 * last code accepted for the account: a code is good once, RFC 6238 §5.2); null when it matches
 * none. Spaces a user types between the digit groups are ignored.
 */
export function matchStep(secret: string, typed: string, at: Date, lastStep: number | null): number | null {
  const code = typed.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const now = stepAt(at);
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
    if (lastStep != null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step;
  }
  return null;
}

/** Was the code right but already used (so the message can say so rather than "wrong code")? */
export function wasUsed(secret: string, typed: string, at: Date, lastStep: number | null): boolean {
  if (lastStep == null) return false;
  return matchStep(secret, typed, at, null) != null && matchStep(secret, typed, at, lastStep) == null;
}

/** The otpauth:// URI a QR code carries: 红云 as issuer, the account name as label. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: '30' });
  return `otpauth://totp/${label}?${q}`;
}
