import { describe, expect, it } from 'vitest';
import { checkDigit, makeIdCard, parseIdCard } from './id-card.ts';

describe('ID-card numbers (GB 11643)', () => {
  it('computes the check character, including X', () => {
    // the standard's own example
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(parseIdCard('11010519491231002x')).toEqual({
      ok: true,
      value: '11010519491231002X',
      info: { birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('derives birth date and gender', () => {
    const id = makeIdCard('510104', '1990-03-07', 123, 'male');
    const r = parseIdCard(id);
    expect(r).toMatchObject({ ok: true, info: { birthDate: '1990-03-07', gender: 'male' } });
  });

  it.each([
    ['51010419900307123', 'format'],
    ['5101041990030712345', 'format'],
    ['99010419900307123X', 'region'],
    ['510104199002301234', 'birth_date'], // 30 February
    ['510104230001011234', 'birth_date'], // the future
  ])('%s is refused for its %s', (id, problem) => {
    expect(parseIdCard(id, new Date('2026-11-25'))).toEqual({ ok: false, problem });
  });

  it('refuses a wrong check digit', () => {
    const good = makeIdCard('330102', '1985-06-15', 42, 'female');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(parseIdCard(bad)).toEqual({ ok: false, problem: 'check_digit' });
  });
});
