/** 'YYYY-MM' of today in Asia/Shanghai, where the dues calendar and letters' months live. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}

/**
 * The forms a date box takes as they are typed (dayjs formats, strict): the shown one first, then
 * the complete forms of contracts/dates.ts that cannot grow into another date by one more digit.
 * Shorter forms (2005/6/1) are read when the box is left (app/DatePicker.tsx).
 */
export const DATE_INPUT_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYY年MM月DD日'];
