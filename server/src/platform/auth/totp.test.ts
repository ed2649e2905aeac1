import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchStep, otpauthUri, stepAt, totpAt, wasUsed } from './totp.ts';

// RFC 6238 appendix B's SHA-1 key and RFC 4226 appendix D's HOTP values
const RFC_KEY = Buffer.from('12345678901234567890');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('TOTP (RFC 6238)', () => {
  it('base32 round-trips and reads the RFC 4648 test vector', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
    expect(base32Decode(RFC_SECRET)).toEqual(RFC_KEY);
  });

  it('gives RFC 4226 HOTP values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583'];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it('gives RFC 6238 TOTP values (last six digits of the eight-digit table)', () => {
    expect(totpAt(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpAt(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpAt(RFC_SECRET, new Date(1_234_567_890_000))).toBe('005924');
    expect(totpAt(RFC_SECRET, new Date(2_000_000_000_000))).toBe('279037');
  });

  it('accepts the step before and after now, not two away', () => {
    const now = new Date(1_700_000_000_000);
    const at = (s: number) => new Date(now.getTime() + s * 30_000);
    expect(matchStep(RFC_SECRET, totpAt(RFC_SECRET, at(-1)), now, null)).toBe(stepAt(now) - 1);
    expect(matchStep(RFC_SECRET, totpAt(RFC_SECRET, at(1)), now, null)).toBe(stepAt(now) + 1);
    expect(matchStep(RFC_SECRET, totpAt(RFC_SECRET, at(-2)), now, null)).toBeNull();
    expect(matchStep(RFC_SECRET, totpAt(RFC_SECRET, at(2)), now, null)).toBeNull();
  });

  it('refuses a code once used, and anything older than the last one used', () => {
    const now = new Date(1_700_000_000_000);
    const code = totpAt(RFC_SECRET, now);
    const step = matchStep(RFC_SECRET, code, now, null);
    expect(step).toBe(stepAt(now));
    expect(matchStep(RFC_SECRET, code, now, step)).toBeNull();
    expect(wasUsed(RFC_SECRET, code, now, step)).toBe(true);
    expect(wasUsed(RFC_SECRET, '000000', now, step)).toBe(code === '000000');
    const earlier = totpAt(RFC_SECRET, new Date(now.getTime() - 30_000));
    expect(matchStep(RFC_SECRET, earlier, now, step)).toBeNull();
  });

  it('ignores spaces between digit groups and refuses anything but six digits', () => {
    const now = new Date(1_700_000_000_000);
    const code = totpAt(RFC_SECRET, now);
    expect(matchStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(stepAt(now));
    expect(matchStep(RFC_SECRET, `${code}0`, now, null)).toBeNull();
    expect(matchStep(RFC_SECRET, 'abcdef', now, null)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    const uri = otpauthUri('红云', 'admin', 'JBSWY3DPEHPK3PXP');
    expect(uri.startsWith('otpauth://totp/%E7%BA%A2%E4%BA%91%3Aadmin?')).toBe(true);
    const q = new URL(uri).searchParams;
    expect(q.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(q.get('issuer')).toBe('红云');
    expect(q.get('period')).toBe('30');
  });
});
