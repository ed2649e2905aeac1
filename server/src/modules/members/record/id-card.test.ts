import { describe, expect, it } from 'vitest';
import { checkDigit, idProblemText, makeIdCard, parseIdCard, upgradeIdCard15 } from './id-card.ts';

const today = new Date('2026-11-25');

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
    ['51010419900307123', 'length'],
    ['5101041990030712345', 'length'],
    ['99010419900307123X', 'region'],
    ['510104199002301234', 'birth_date'], // 30 February
    ['510104230001011234', 'birth_date'], // the future
  ])('%s is refused for its %s', (id, problem) => {
    expect(parseIdCard(id, today)).toMatchObject({ ok: false, problem });
  });

  it('refuses a wrong check digit', () => {
    const good = makeIdCard('330102', '1985-06-15', 42, 'female');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(parseIdCard(bad)).toEqual({ ok: false, problem: 'check_digit' });
  });
});

describe('saying what is wrong with a number that has 18 characters', () => {
  const good = makeIdCard('330102', '1985-06-15', 42, 'female');

  it('given full-width digits, when checked, then the full-width character and its place are named, not the length', () => {
    const wide = `${good.slice(0, 6)}１${good.slice(7)}`;
    const r = parseIdCard(wide, today);
    expect(r).toEqual({ ok: false, problem: 'full_width', at: 7, char: '１' });
    if (!r.ok)
      expect(idProblemText(r).zh).toBe('身份证号第 7 位“１”是全角字符，请改用半角数字（或末位的 X）重新输入');
  });

  it('given a letter inside, when checked, then the letter and its place are named: only the last may be X', () => {
    const r = parseIdCard(`${good.slice(0, 10)}O${good.slice(11)}`, today);
    expect(r).toEqual({ ok: false, problem: 'letter', at: 11, char: 'O' });
    if (!r.ok) expect(idProblemText(r).zh).toContain('只有最后一位可以是字母 X，第 11 位是“O”');
    expect(parseIdCard(`X${good.slice(1)}`, today)).toMatchObject({ problem: 'letter', at: 1 });
  });

  it('given a dash, when checked, then it is named as a character that does not belong', () => {
    expect(parseIdCard(`${good.slice(0, 6)}-${good.slice(7)}`, today)).toMatchObject({
      problem: 'characters',
      at: 7,
      char: '-',
    });
  });

  it('given a number of the wrong length, then its length is said', () => {
    const r = parseIdCard(good.slice(0, 17), today);
    expect(r).toEqual({ ok: false, problem: 'length', length: 17 });
    if (!r.ok) expect(idProblemText(r).zh).toBe('身份证号须为 18 位（末位可为 X），现有 17 位');
  });
});

describe('old 15-digit numbers (GB 11643-1989)', () => {
  it('given a 15-digit number, when upgraded, then 19 is inserted before the birth date and the check character added', () => {
    // 11010549123100 2 → 110105 19 491231 002 + X (the standard's example, born 1949-12-31)
    expect(upgradeIdCard15('110105491231002')).toBe('11010519491231002X');
    expect(upgradeIdCard15('11010549123100')).toBeNull();
  });
  it('given a 15-digit number on a form, then it is refused as old, saying how to write the new one', () => {
    expect(parseIdCard('110105491231002', today)).toEqual({ ok: false, problem: 'old_15' });
  });
});

describe('province codes (GB/T 2260 as issued today)', () => {
  const withRegion = (region: string) => makeIdCard(region, '1990-01-01', 11, 'male');
  it('every province-level region that issues resident ID cards is accepted', () => {
    for (const p of ['11', '15', '23', '37', '46', '50', '54', '65'])
      expect(parseIdCard(withRegion(`${p}0102`), today).ok).toBe(true);
  });
  it('the residence permits of Hong Kong (81), Macao (82) and Taiwan (83) residents are accepted', () => {
    for (const p of ['810000', '820000', '830000']) expect(parseIdCard(withRegion(p), today).ok).toBe(true);
  });
  it('71 (Taiwan) is a region code but issues no resident ID cards: refused, saying 83 is the permit', () => {
    const r = parseIdCard(withRegion('710000'), today);
    expect(r).toEqual({ ok: false, problem: 'no_resident_cards' });
    if (!r.ok) expect(idProblemText(r).zh).toContain('83');
  });
  it('codes no region has (10, 16, 24, 39, 47, 66, 84, 91) are refused', () => {
    for (const p of ['10', '16', '24', '39', '47', '66', '84', '91'])
      expect(parseIdCard(withRegion(`${p}0102`), today)).toMatchObject({ problem: 'region', char: p });
  });
});
