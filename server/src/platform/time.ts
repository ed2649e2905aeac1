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

/** China has kept UTC+8 without daylight saving since 1992 (it kept summer time 1986–1991). */
const FIXED_SINCE = Date.UTC(1992, 0, 1);
const OFFSET_MS = 8 * 3_600_000;
const FOUR_DIGIT_YEARS_UNTIL = Date.UTC(9999, 0, 1);

/** The last day worked out by arithmetic (its first and past-the-last millisecond, UTC) and its date. */
let lastDay = { from: 0, until: 0, date: '' };

/** Today's date in Asia/Shanghai (YYYY-MM-DD). */
export function shanghaiToday(now: Date = new Date()): string {
  const t = now.getTime();
  // the heartbeat asks several times a beat: the day before kept, else arithmetic, and only
  // where that does not hold, the time-zone database
  if (t >= lastDay.from && t < lastDay.until) return lastDay.date;
  if (t >= FIXED_SINCE && t < FOUR_DIGIT_YEARS_UNTIL) {
    const from = Math.floor((t + OFFSET_MS) / 86_400_000) * 86_400_000 - OFFSET_MS;
    lastDay = { from, until: from + 86_400_000, date: new Date(t + OFFSET_MS).toISOString().slice(0, 10) };
    return lastDay.date;
  }
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

// ── periods: months, quarters, half years, years ─────────────────────────────────────────────

/**
 * How often a rule recurs: every calendar month, quarter, half year or year — 三会一课 and 主题党日
 * (支部工作条例), 思想汇报, yearly study requirements, monthly assessment.
 */
export type Frequency = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

/** A period of a frequency: its name, its first day and the first day of the next (YYYY-MM-DD). */
export type Period = { label: string; start: string; next: string };

const MONTHS_IN: Record<Frequency, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

function periodLabel(f: Frequency, startMonth: string): string {
  const [y, m] = startMonth.split('-').map(Number);
  if (f === 'monthly') return startMonth;
  if (f === 'quarterly') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (f === 'half_yearly') return `${y}-H${m <= 6 ? 1 : 2}`;
  return String(y);
}

/**
 * The calendar period of `day` (Asia/Shanghai) for a frequency: the month, the quarter (Q1 from
 * January), the half year, the year. Null for 'none' (a rule the department does not apply).
 * `back` periods earlier with `back` > 0.
 */
export function periodOf(f: Frequency, day: string, back?: number): Period;
export function periodOf(f: Frequency | 'none', day: string, back?: number): Period | null;
export function periodOf(f: Frequency | 'none', day: string, back = 0): Period | null {
  if (f === 'none') return null;
  const len = MONTHS_IN[f];
  const [y, m] = day.slice(0, 7).split('-').map(Number);
  const first = Math.floor((m - 1) / len) * len;
  const startMonth = addMonthsToMonth(`${y}-${String(first + 1).padStart(2, '0')}`, -back * len);
  return {
    label: periodLabel(f, startMonth),
    start: `${startMonth}-01`,
    next: `${addMonthsToMonth(startMonth, len)}-01`,
  };
}

// ── working days ─────────────────────────────────────────────────────────────────────────────

/** Days off and extra working days (调休上班) that change the ordinary week, as YYYY-MM-DD. */
export type WorkingCalendar = { daysOff: string[]; workdays: string[] };

/**
 * The 2026 arrangement: 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）. 元旦 1月1日至3日
 * 放假，1月4日（周日）上班；春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班；清明节
 * 4月4日至6日；劳动节 5月1日至5日放假，5月9日（周六）上班；端午节 6月19日至21日；中秋节 9月25日至
 * 27日；国庆节 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班. The department adds each
 * year's arrangement when the State Council publishes it (the setting openness.workingCalendar).
 */
export const CALENDAR_2026: WorkingCalendar = {
  daysOff: [
    ...range('2026-01-01', 3),
    ...range('2026-02-15', 9),
    ...range('2026-04-04', 3),
    ...range('2026-05-01', 5),
    ...range('2026-06-19', 3),
    ...range('2026-09-25', 3),
    ...range('2026-10-01', 7),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

function range(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(from, i));
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * A working day: Monday to Friday, unless the calendar gives it off (a public holiday); Saturday
 * and Sunday, when the calendar makes it a working day (调休上班). 《国务院关于职工工作时间的规定》
 * 第七条: 国家机关、事业单位实行统一的工作时间，星期六和星期日为周休息日; holidays and the days
 * worked in exchange: 《全国年节及纪念日放假办法》 and each year's State Council arrangement.
 */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.daysOff.includes(date)) return false;
  if (calendar.workdays.includes(date)) return true;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/**
 * The `days`-th working day after `date` (YYYY-MM-DD): the day itself is not counted, the period
 * starts with the next — 《民法典》第二百零一条（开始的当日不计入，自下一日开始计算）.
 */
export function addWorkingDays(date: string, days: number, calendar: WorkingCalendar): string {
  let day = date;
  // a calendar that gives every day off would never end: a year and a half is plenty for 30 days
  for (let counted = 0, guard = 0; counted < days && guard < 550; guard++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/**
 * The last instant of a day in Asia/Shanghai (24:00 less a millisecond, JavaScript's finest): a
 * period ends at midnight of its last day, 《民法典》第二百零三条（期间的最后一日的截止时间为二十四时）.
 */
export function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}
