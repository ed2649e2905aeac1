/**
 * Resident ID-card numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
 * whose last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** First two digits: the province-level regions (GB/T 2260). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdCardInfo = { birthDate: string; gender: 'male' | 'female' };
export type IdCardProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

export const ID_PROBLEM_TEXT: Record<IdCardProblem, { zh: string; en: string }> = {
  format: { zh: '身份证号须为 18 位（末位可为 X）', en: 'must be 18 characters (the last may be X)' },
  region: {
    zh: '身份证号前两位不是有效的省级行政区代码',
    en: 'the first two digits are not a province code',
  },
  birth_date: { zh: '身份证号中的出生日期不存在或不合理', en: 'the birth date in it is impossible' },
  check_digit: { zh: '身份证号校验位不正确，请核对', en: 'the check digit is wrong' },
};

/** Parses and verifies; `today` bounds the birth date (no one is born in the future or before 1900). */
export function parseIdCard(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: string; info: IdCardInfo } | { ok: false; problem: IdCardProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return { ok: false, problem: 'region' };
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
