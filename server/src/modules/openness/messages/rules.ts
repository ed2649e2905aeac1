import { addDays, daysBetween, shanghaiToday } from '../../../platform/time.ts';

/**
 * The rules of 留言: when an answer is due, what counts as answered in time, how overdue a message
 * is, and what is kept of a body. Pure functions; the figures they take (the number of working
 * days, the calendar) are the department's settings (messages/settings.ts).
 */

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
 * When the answer to a message that arrived at `createdAt` is due: the end of the `days`-th working
 * day after the day it arrived, in Asia/Shanghai. The day it arrived is not counted and the period
 * ends at midnight of its last day: 《民法典》第二百零一条（开始的当日不计入，自下一日开始计算）
 * and 第二百零三条（期间的最后一日的截止时间为二十四时）. Five working days by default (issue 13;
 * the setting openness.messageAnswerDays).
 */
export function dueAt(createdAt: Date, days: number, calendar: WorkingCalendar): Date {
  let day = shanghaiToday(createdAt);
  // a calendar that gives every day off would never end: a year and a half is plenty for 30 days
  for (let counted = 0, guard = 0; counted < days && guard < 550; guard++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return endOfDay(day);
}

/** The last instant of a day in Asia/Shanghai (24:00 less a millisecond, JavaScript's finest). */
export function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** Answered in time: the org's first reply came no later than the deadline. */
export function answeredInTime(firstAnsweredAt: Date | null, due: Date): boolean {
  return firstAnsweredAt !== null && firstAnsweredAt.getTime() <= due.getTime();
}

/** Overdue: no answer yet, still open, and the deadline has passed. */
export function isOverdue(
  m: { firstAnsweredAt: Date | null; dueAt: Date; status: string },
  now: Date,
): boolean {
  return m.firstAnsweredAt === null && m.status !== 'closed' && now.getTime() > m.dueAt.getTime();
}

/**
 * How many calendar days a message is past its deadline, as the overdue list says it ("逾期3天"):
 * from the due day to today in Asia/Shanghai; 0 while it is not due yet.
 */
export function daysOverdue(due: Date, now: Date): number {
  if (now.getTime() <= due.getTime()) return 0;
  return Math.max(1, daysBetween(shanghaiToday(due), shanghaiToday(now)));
}

/**
 * What is kept of a message's body: plain text. Script and style elements go with their content,
 * every other tag (and with it any event handler) and HTML comment goes, control characters but
 * line breaks and tabs go, runs of blank lines shrink to one. "a < b" and "3>2" are text and stay.
 * Shown as text, never as HTML, so even what slipped through is inert (issue 13, "Bad input").
 */
export function plainText(body: string): string {
  return (
    body
      .replace(/\r\n?/g, '\n')
      .replace(/<(script|style|iframe|object|template)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, '')
      .replace(/<!--[\s\S]*?(-->|$)/g, '')
      .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** A month (YYYY-MM) as the instants it runs between in Asia/Shanghai: [from, to). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

// ─── the public's challenge ─────────────────────────────────────────────────────────────────────

/**
 * Until the public's phone numbers are verified by SMS, a message from the public answers a simple
 * question first (issue 13: "a rate limit per IP and a simple challenge"), good for ten minutes and
 * for one message: time enough to write, too short to stockpile answers.
 */
export const CHALLENGE_VALID_MS = 10 * 60_000;

/** A keyed signature of a string (the server's secret stays with the signer). */
export type Signer = (payload: string) => string;

export type Challenge = { question: { zh: string; en: string }; token: string; expiresAt: Date };

/**
 * A sum of two small numbers to answer. The token carries a nonce and the expiry, signed together
 * with the answer: the answer itself is not in it, and nothing is kept on the server until a
 * message uses the nonce.
 */
export function newChallenge(sign: Signer, now: Date, nonce: string, pick: (n: number) => number): Challenge {
  const a = 11 + pick(39);
  const b = 2 + pick(8);
  const expires = now.getTime() + CHALLENGE_VALID_MS;
  return {
    question: { zh: `${a} 加 ${b} 等于几？`, en: `What is ${a} plus ${b}?` },
    token: `${nonce}.${expires}.${sign(`${nonce}.${expires}.${a + b}`)}`,
    expiresAt: new Date(expires),
  };
}

export type ChallengeCheck =
  | { ok: true; nonce: string }
  | { ok: false; why: 'malformed' | 'expired' | 'wrong' };

/**
 * The answer is right and in time; the nonce is what the message keeps so it is used once. A nonce
 * is lower-case hex only, so no other spelling of it (upper case) passes for a fresh one.
 */
export function checkChallenge(sign: Signer, token: string, answer: string, now: Date): ChallengeCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[0-9a-f]{16,64}$/.test(parts[0]) || !/^\d{1,15}$/.test(parts[1]))
    return { ok: false, why: 'malformed' };
  const [nonce, expires, signature] = parts;
  if (now.getTime() > Number(expires)) return { ok: false, why: 'expired' };
  const given = answer.trim();
  if (!/^\d{1,4}$/.test(given)) return { ok: false, why: 'wrong' };
  return sameText(sign(`${nonce}.${expires}.${Number(given)}`), signature)
    ? { ok: true, nonce }
    : { ok: false, why: 'wrong' };
}

/** Compares in time independent of where the strings differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
