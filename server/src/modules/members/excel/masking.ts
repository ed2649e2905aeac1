import { maskIdNumber, maskPhone } from '../../../platform/pii/index.ts';

/**
 * Personal numbers in what the Excel side writes down outside the encrypted record (the error
 * workbook, the export's audit entry): shown as the member list shows them, never in full.
 */

/** What is left of a malformed number: its last two characters at most. */
const lastTwo = (s: string) =>
  s.length <= 2 ? '*'.repeat(s.length) : '*'.repeat(s.length - 2) + s.slice(-2);

/** An ID-number cell as written: 1101**********0012 when it is one, mostly stars when it is not. */
export const maskedIdNumber = (s: string) => (s.length >= 15 ? maskIdNumber(s) : lastTwo(s));
/** A phone cell as written: 139****5678 when it is one, mostly stars when it is not. */
export const maskedPhone = (s: string) => (s.length >= 11 ? maskPhone(s) : lastTwo(s));

/** Full ID numbers and mainland mobile numbers inside any other text (a note, a name typed wrong). */
export function maskNumbersIn(text: string): string {
  return text
    .replace(/(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/g, maskIdNumber)
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, maskPhone);
}

const FULL_NUMBER = /^(?:\d{17}[\dXx]|1[3-9]\d{9})$/;

/**
 * A cell of the uploaded sheet, as the error workbook echoes it: every text in it (rich-text runs,
 * a formula and its result, a hyperlink's text and target) with full personal numbers masked, and
 * a number that is a whole ID number or phone turned into its masked text.
 */
export function maskedCell(v: unknown): unknown {
  if (typeof v === 'string') return maskNumbersIn(v);
  if (typeof v === 'number')
    return Number.isInteger(v) && FULL_NUMBER.test(String(v)) ? maskNumbersIn(String(v)) : v;
  if (Array.isArray(v)) return v.map(maskedCell);
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskedCell(x)]));
  return v;
}
