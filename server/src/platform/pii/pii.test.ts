import { describe, expect, it } from 'vitest';
import { bind, createPii, maskIdNumber, maskPhone } from './index.ts';

const pii = createPii('ab'.repeat(32));

describe('personal data protection', () => {
  const here = bind('members', 'phone', 7);

  it('encrypts with a fresh nonce each time and decrypts back', () => {
    const a = pii.encrypt('13912345678', here);
    const b = pii.encrypt('13912345678', here);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13912345678');
    expect(pii.decrypt(a, here)).toBe('13912345678');
  });

  it('detects tampering', () => {
    const c = pii.encrypt('110101199003071234', here);
    // one character of the ciphertext changed (not the last: its low bits may be padding)
    const i = c.length - 2;
    const tampered = `${c.slice(0, i)}${c[i] === 'A' ? 'B' : 'A'}${c.slice(i + 1)}`;
    expect(() => pii.decrypt(tampered, here)).toThrow();
  });

  it('a ciphertext copied to another row or another column does not decrypt there', () => {
    const mine = pii.encrypt('110101199003071234', bind('members', 'id_number', 7));
    expect(pii.decrypt(mine, bind('members', 'id_number', 7))).toBe('110101199003071234');
    expect(() => pii.decrypt(mine, bind('members', 'id_number', 8))).toThrow();
    expect(() => pii.decrypt(mine, bind('members', 'phone', 7))).toThrow();
    expect(() => pii.decrypt(mine, bind('users', 'id_number', 7))).toThrow();
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
