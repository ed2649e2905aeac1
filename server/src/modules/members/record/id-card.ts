import { ID_NUMBER_REGIONS } from '../../../../../contracts/members/codes.ts';

/**
 * Resident ID-card numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
 * whose last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character.
 * The region's first two digits are a province of GB/T 2260 (contracts/members/codes.ts); the
 * residence permits of Hong Kong, Macao and Taiwan residents use the same form with 81, 82, 83.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdCardInfo = { birthDate: string; gender: 'male' | 'female' };
export type IdCardProblem =
  | 'full_width'
  | 'letter'
  | 'characters'
  | 'old_15'
  | 'length'
  | 'region'
  | 'no_resident_cards'
  | 'birth_date'
  | 'check_digit';
/** What is wrong, and where: the character and its place, or how many characters there are. */
export type IdCardFailure = {
  ok: false;
  problem: IdCardProblem;
  at?: number;
  char?: string;
  length?: number;
};

/**
 * Says the actual problem: "must be 18 characters" to someone whose number has 18 characters
 * with a full-width digit or a letter inside sends them looking for a missing digit.
 */
export function idProblemText(f: Omit<IdCardFailure, 'ok'>): { zh: string; en: string } {
  const at = f.at ?? 0;
  switch (f.problem) {
    case 'full_width':
      return {
        zh: `身份证号第 ${at} 位“${f.char}”是全角字符，请改用半角数字（或末位的 X）重新输入`,
        en: `character ${at} ("${f.char}") is full-width: type half-width digits (and X)`,
      };
    case 'letter':
      return {
        zh: `身份证号只有最后一位可以是字母 X，第 ${at} 位是“${f.char}”`,
        en: `only the last character may be the letter X; character ${at} is "${f.char}"`,
      };
    case 'characters':
      return {
        zh: `身份证号只能由数字和末位的 X 组成，第 ${at} 位是“${f.char}”`,
        en: `only digits and a final X are allowed; character ${at} is "${f.char}"`,
      };
    case 'old_15':
      return {
        zh: '这是 15 位的旧身份证号，请填写换发后的 18 位号码（在第 6 位后加“19”，并补末位校验码）',
        en: 'this is an old 15-digit number: give the 18-digit one (insert 19 after the 6th digit, add the check character)',
      };
    case 'length':
      return {
        zh: `身份证号须为 18 位（末位可为 X），现有 ${f.length} 位`,
        en: `must be 18 characters (the last may be X); it has ${f.length}`,
      };
    case 'region':
      return {
        zh: `身份证号前两位“${f.char}”不是省级行政区代码（GB/T 2260）`,
        en: `the first two digits (${f.char}) are not a province code (GB/T 2260)`,
      };
    case 'no_resident_cards':
      return {
        zh: '身份证号前两位是 71（台湾省），该代码不签发居民身份证；台湾居民居住证号码以 83 开头，请核对',
        en: '71 (Taiwan) issues no resident ID cards; residence permits of Taiwan residents begin with 83',
      };
    case 'birth_date':
      return { zh: '身份证号中的出生日期不存在或不合理', en: 'the birth date in it is impossible' };
    case 'check_digit':
      return { zh: '身份证号校验位不正确，请核对', en: 'the check digit is wrong' };
  }
}

/** The characters of a number as typed: full-width forms (０–９, Ｘ) first, then anything but digits. */
function characterProblem(value: string): Omit<IdCardFailure, 'ok'> | null {
  const chars = [...value];
  const wide = chars.findIndex((c) => /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/.test(c));
  if (wide >= 0) return { problem: 'full_width', at: wide + 1, char: chars[wide] };
  const bad = chars.findIndex((c, i) => !/\d/.test(c) && !(c === 'X' && i === chars.length - 1));
  if (bad < 0) return null;
  return { problem: /[A-Z]/.test(chars[bad]) ? 'letter' : 'characters', at: bad + 1, char: chars[bad] };
}

/**
 * 15-digit numbers (GB 11643-1989, issued before 1999) → 18 digits (GB 11643-1999): the century
 * "19" goes before the 6-digit birth date (only people born in the 1900s had them) and the check
 * character is added. Null when it is not 15 digits.
 */
export function upgradeIdCard15(raw: string): string | null {
  const v = raw.trim();
  if (!/^\d{15}$/.test(v)) return null;
  const first17 = `${v.slice(0, 6)}19${v.slice(6)}`;
  return first17 + checkDigit(first17);
}

/** Parses and verifies; `today` bounds the birth date (no one is born in the future or before 1900). */
export function parseIdCard(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: string; info: IdCardInfo } | IdCardFailure {
  const value = raw.trim().toUpperCase();
  const chars = characterProblem(value);
  if (chars) return { ok: false, ...chars };
  if (value.length === 15 && !value.includes('X')) return { ok: false, problem: 'old_15' };
  if (value.length !== 18) return { ok: false, problem: 'length', length: [...value].length };
  if (value.startsWith('71')) return { ok: false, problem: 'no_resident_cards' };
  if (!ID_NUMBER_REGIONS.has(value.slice(0, 2)))
    return { ok: false, problem: 'region', char: value.slice(0, 2) };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d ||
    date.getTime() > today.getTime()
  ) {
    return { ok: false, problem: 'birth_date' };
  }
  if (checkDigit(value) !== value[17]) return { ok: false, problem: 'check_digit' };
  return {
    ok: true,
    value,
    info: {
      birthDate: value.slice(6, 14).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
      gender: Number(value[16]) % 2 ? 'male' : 'female',
    },
  };
}

/** Builds a valid (fictitious) number: for demo data and tests. */
export function makeIdCard(
  region: string,
  birthDate: string,
  seq: number,
  gender: 'male' | 'female',
): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (gender === 'male')) s = (s + 1) % 1000;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}
