import { describe, expect, it } from 'vitest';
import { idCardInfo, upgradeIdCard15 } from './idCard.ts';

// 11010519491231002X is the GB 11643 standard's own example: born 1949-12-31, a woman (17th digit 2).
describe('what an ID-card number tells the member form as it is typed', () => {
  it('gives the birth date and gender of a valid number', () => {
    expect(idCardInfo('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
  });
  it('reads an odd 17th digit as a man and accepts a lower-case x and spaces around', () => {
    expect(idCardInfo('110105197001010011')?.gender).toBe('male');
    expect(idCardInfo(' 11010519491231002x ')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
  });
  it('gives nothing for a wrong check character, so a mistyped number fills in nothing', () => {
    expect(idCardInfo('110105194912310021')).toBeNull();
  });
  it('gives nothing for a number still being typed or of the wrong shape', () => {
    expect(idCardInfo('1101051949')).toBeNull();
    expect(idCardInfo('11010519491231002Y')).toBeNull();
    expect(idCardInfo('')).toBeNull();
  });
});

describe('an old 15-digit ID number', () => {
  it('becomes the 18-digit one: 19 before the birth date, and the check character (GB 11643)', () => {
    expect(upgradeIdCard15('110105491231002')).toBe('11010519491231002X');
    expect(upgradeIdCard15('11010519491231002X')).toBeNull();
  });
});
