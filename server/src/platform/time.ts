/**
 * Calendar arithmetic, once for the whole platform. Every calendar rule (months, deadlines,
 * anniversaries, "a year after …") is reckoned in Asia/Shanghai; dates travel as YYYY-MM-DD and
 * months as YYYY-MM, which compare correctly as strings.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai (YYYY-MM-DD). */
export function shanghaiToday(now: Date = new Date()): string {
  return dayFormat.format(now);
}

/** This month in Asia/Shanghai (YYYY-MM). */
export function shanghaiMonth(now: Date = new Date()): string {
  return shanghaiToday(now).slice(0, 7);
}

/** A date `n` days later (earlier when negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date `n` calendar months later, as the regulations count periods ("满一年", "三个月内"): the
 * same day of the month; when the target month is too short (31 January + 1 month), the first
 * day of the month after it (1 March).
 */
export function addMonthsToDate(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + n, d));
  if (t.getUTCDate() !== d) t.setUTCDate(1);
  return t.toISOString().slice(0, 10);
}

/** A month (YYYY-MM) `n` months later (earlier when negative). */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The `n` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonthsToMonth(month, i - n + 1));
}

/** Whole years from `from` to `on` (an age, a length of membership). */
export function yearsBetween(from: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  return on.slice(5) >= from.slice(5) ? years : years - 1;
}

/** Whole days from `from` to `to` (YYYY-MM-DD; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instants a month (YYYY-MM) spans in Asia/Shanghai, [from, to): "published this month" is a
 * range on a timestamptz column. China keeps no daylight saving time, so a month starts at
 * 00:00 +08:00 of its first day.
 */
export function shanghaiMonthRange(month: string): { from: Date; to: Date } {
  return {
    from: new Date(`${month}-01T00:00:00+08:00`),
    to: new Date(`${addMonthsToMonth(month, 1)}-01T00:00:00+08:00`),
  };
}

const clockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The time of day in Asia/Shanghai (HH:mm), for messages such as "try again after 15:30". */
export function shanghaiClock(at: Date): string {
  return clockFormat.format(at);
}
