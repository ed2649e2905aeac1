/**
 * What a resident ID-card number (GB 11643) tells about its holder, used only to fill in the
 * birth date and gender as the user types; the server checks the number itself and says what is
 * wrong under the field.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCardInfo(raw: string): { birthDate: string; gender: 'male' | 'female' } | null {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * WEIGHTS[i];
  if (CHECK[sum % 11] !== v[17]) return null;
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (Number.isNaN(Date.parse(`${birthDate}T00:00:00Z`))) return null;
  return { birthDate, gender: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * An old 15-digit number (GB 11643-1989) as the 18-digit one it became: the century 19 before the
 * birth date, and the check character. Null for anything else. The server checks the result.
 */
export function upgradeIdCard15(raw: string): string | null {
  const v = raw.trim();
  if (!/^\d{15}$/.test(v)) return null;
  const first17 = `${v.slice(0, 6)}19${v.slice(6)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + CHECK[sum % 11];
}
