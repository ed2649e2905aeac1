import {
  addWorkingDays,
  daysBetween,
  endOfDay,
  shanghaiToday,
  type WorkingCalendar,
} from '../../../platform/time.ts';

/**
 * The rules of 留言: when an answer is due, what counts as answered in time, how overdue a message
 * is, and what is kept of a body. Pure functions; the figures they take (the number of working
 * days, the calendar) are the department's settings (messages/settings.ts).
 */

/**
 * When the answer to a message that arrived at `createdAt` is due: the end of the `days`-th working
 * day after the day it arrived, in Asia/Shanghai. The day it arrived is not counted and the period
 * ends at midnight of its last day: 《民法典》第二百零一条（开始的当日不计入，自下一日开始计算）
 * and 第二百零三条（期间的最后一日的截止时间为二十四时）. Five working days by default (issue 13;
 * the setting openness.messageAnswerDays).
 */
export function dueAt(createdAt: Date, days: number, calendar: WorkingCalendar): Date {
  return endOfDay(addWorkingDays(shanghaiToday(createdAt), days, calendar));
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
