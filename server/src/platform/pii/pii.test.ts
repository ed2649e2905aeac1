import { describe, expect, it } from 'vitest';
import { createPii, maskIdNumber, maskPhone } from './index.ts';

const pii = createPii('ab'.repeat(32));

describe('personal data protection', () => {
  it('encrypts with a fresh nonce each time and decrypts back', () => {
    const a = pii.encrypt('13912345678');
    const b = pii.encrypt('13912345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13912345678');
    expect(pii.decrypt(a)).toBe('13912345678');
  });

  it('detects tampering', () => {
    const c = pii.encrypt('110101199003071234');
    const tampered = `${c.slice(0, -2)}${c.endsWith('A') ? 'B' : 'A'}${c.slice(-1)}`;
    expect(() => pii.decrypt(tampered)).toThrow();
  });

  it('blind index is stable, case-insensitive for the X check digit, and separates kinds', () => {
    expect(pii.blindIndex('id', '11010119900307123x')).toBe(pii.blindIndex('id', '11010119900307123X'));
    expect(pii.blindIndex('phone', '13912345678')).not.toBe(pii.blindIndex('id', '13912345678'));
    expect(createPii('cd'.repeat(32)).blindIndex('phone', '13912345678')).not.toBe(
      pii.blindIndex('phone', '13912345678'),
    );
  });

  it('masks as the lists show them', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskIdNumber('510104199003071234')).toBe('5101**********1234');
  });
});
