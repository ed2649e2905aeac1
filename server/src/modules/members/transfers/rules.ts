import { type AppError, conflict, type Text } from '../../../platform/http/errors.ts';
import { addMonthsToDate, addMonthsToMonth } from '../../../platform/time.ts';
import type { transfers } from '../schema.ts';

/**
 * 组织关系转接. A letter (介绍信) with a number, a validity and the month the dues are paid to:
 * - internal: to a branch of this deployment; the receiving side accepts (the record moves then,
 *   and only then) or returns it with a reason;
 * - outgoing: to an org outside the deployment, letter only; the sending side completes it with
 *   the same accept route once the receipt (回执) is back, and the member leaves the deployment
 *   (members.left_at), or records that the outside org returned it;
 * - incoming: a member arriving from outside, registered by the receiving branch, accepted at once.
 * The sending side may cancel a letter while it is pending.
 */

export type TransferRow = typeof transfers.$inferSelect;

export const TRANSFER: Text = { zh: '组织关系转接', en: 'Transfer' };
/** Overdue: still pending after the letter's last valid day. */
export const isOverdue = (t: Pick<TransferRow, 'status' | 'validUntil'>, today: string) =>
  t.status === 'pending' && t.validUntil < today;

/*
 * Sources. 《中国共产党党员教育管理工作条例》(2019) 第二十五条: 具有审批预备党员权限的基层党委转移和
 * 接收组织关系; 转出但尚未被接收的党员, 原所在党组织仍然负有管理责任. 中共中央组织部关于使用新式样
 * 《中国共产党党员组织关系介绍信》的通知 (2007): the letter in three parts (存根联, 介绍信联, 回执联)
 * numbered by the sending side; validity at most three months; a letter past it is handled only on
 * the branch's certificate (因特殊情况超期的, 需由所在党支部出具证明); the receipt returned by the
 * receiving base committee (回执制度).
 */

/**
 * 介绍信有效期 (2007 通知: 最长不超过3个月, the department's setting members.transferLetterMaxDays):
 * the days asked for, or the longest allowed when none is asked; more than that is refused.
 */
export function letterValidDays(asked: number | undefined, maxDays: number): number | Text {
  if (asked === undefined) return maxDays;
  if (asked > maxDays)
    return {
      zh: `介绍信有效期最长 ${maxDays} 天（一般不超过3个月）`,
      en: `a letter is valid for at most ${maxDays} days`,
    };
  return asked;
}

/**
 * 超期介绍信 (2007 通知: 因特殊情况超期的，需由所在党支部出具证明): a letter past its last valid day is
 * taken in only on the branch's certificate; with one it is, without one it is refused.
 */
export function expiredLetterAcceptance(
  validUntil: string,
  today: string,
  certificateNote: string | null | undefined,
): 'valid' | 'on_certificate' | 'refused' {
  if (validUntil >= today) return 'valid';
  return certificateNote?.trim() ? 'on_certificate' : 'refused';
}

/**
 * 回执 (2007 通知, 回执制度; the department's setting members.transferReceiptMonths, one month): due
 * within that many months of the receiving committee taking the member in.
 */
export const receiptDueOn = (takenInOn: string, months: number) => addMonthsToDate(takenInOn, months);

/** The receipt is overdue: the member was taken in, the due day has passed, no receipt is recorded. */
export const isReceiptOverdue = (
  t: Pick<TransferRow, 'status' | 'receiptDueOn' | 'receiptOn'>,
  today: string,
) => t.status === 'accepted' && !t.receiptOn && !!t.receiptDueOn && t.receiptDueOn < today;

/** A receipt's date lies between the day the member was taken in and today. */
export function receiptDateProblem(receiptOn: string, takenInOn: string, today: string): Text | null {
  if (receiptOn > today) return { zh: '回执日期不能晚于今天', en: 'cannot be later than today' };
  if (receiptOn < takenInOn)
    return {
      zh: `回执日期不能早于接收日期（${takenInOn}）`,
      en: `cannot be earlier than the day the member was taken in (${takenInOn})`,
    };
  return null;
}

/**
 * 党费交到 X 年 X 月 (the letter's field): the last month of the unbroken run of settled months
 * from the month dues counting starts — a month is settled when a payment is on record, or when it
 * falls in an approved exemption (免交, 2008 规定第六条) up to this month. Nothing settled from the
 * start: the month before it.
 */
export function duesPaidUntil(p: {
  start: string;
  paidMonths: Iterable<string>;
  exempt?: readonly { fromMonth: string; toMonth: string | null }[];
  thisMonth: string;
}): string {
  const paid = new Set(p.paidMonths);
  const exempt = (m: string) =>
    m <= p.thisMonth &&
    (p.exempt ?? []).some((e) => e.fromMonth <= m && (e.toMonth == null || m <= e.toMonth));
  let m = p.start;
  // payments run at most a year ahead (dues/rules.ts MAX_MONTHS_AHEAD); the bound only stops a loop
  for (let i = 0; i < 1200 && (paid.has(m) || exempt(m)); i++) m = addMonthsToMonth(m, 1);
  return addMonthsToMonth(m, -1);
}

/**
 * The letter's issuer: the base committee with the power to approve probationary members
 * (条例第二十五条), i.e. the nearest committee or working committee at or above the sending branch.
 */
export function issuingOrg<T extends { kind: string; depth: number }>(
  orgsOnPath: readonly T[],
): T | undefined {
  return [...orgsOnPath]
    .filter((o) => o.kind === 'committee' || o.kind === 'working_committee')
    .sort((a, b) => b.depth - a.depth)[0];
}

/**
 * The issuer's short tag in a letter number: its short name (else its place, else its name) without
 * 中共 and the committee word, and without the administrative suffix when two characters are left
 * (清河镇党委 → 清河, 区直机关工委 → 区直机关).
 */
export function letterTag(org: { name: string; shortName?: string | null; place?: string | null }): string {
  let tag = (org.shortName || org.place || org.name).trim().replace(/^中共/, '');
  tag = tag.replace(/(工作委员会|委员会|党工委|党委|工委|委)$/, '');
  const bare = tag.replace(/(街道|镇|乡|区|县|市)$/, '');
  if (bare.length >= 2) tag = bare;
  tag = tag.replace(/[-\s]/g, '');
  return [...tag].slice(0, 8).join('') || '组织';
}

/** 介绍信编号: year, the issuer's tag and a four-digit sequence of that year (2026-清河-0007). */
export const letterNoPrefix = (year: string, tag: string) => `${year}-${tag}-`;
export const formatLetterNo = (prefix: string, seq: number) => `${prefix}${String(seq).padStart(4, '0')}`;

/** The sequence number after the highest one issued under the prefix (1 when none was). */
export function nextLetterSeq(prefix: string, issued: readonly string[]): number {
  let max = 0;
  for (const no of issued) {
    if (!no.startsWith(prefix)) continue;
    const n = Number(no.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

export const SIDE_TEXT = {
  receiving: (name: string): Text => ({
    zh: `只有接收党组织（${name}）及其上级党组织可以办理`,
    en: 'Only the receiving organization or its superiors may do this',
  }),
  sending: (name: string): Text => ({
    zh: `只有转出党组织（${name}）及其上级党组织可以办理`,
    en: 'Only the sending organization or its superiors may do this',
  }),
};

/** A decision on a transfer that is no longer pending: said in words, 409. */
export function notPending(t: TransferRow): AppError {
  const text: Record<string, Text> = {
    accepted: {
      zh: `该组织关系转接已办结（${t.toOrgName}已接收），不能重复办理`,
      en: 'This transfer has already been accepted',
    },
    returned: {
      zh: `该组织关系转接已被退回（理由：${t.returnReason ?? '未说明'}），不能再办理；如需转接，请转出党组织重新开具介绍信`,
      en: 'This transfer was returned; the sending organization must issue a new letter',
    },
    cancelled: {
      zh: '该组织关系转接已由转出党组织撤回，不能再办理',
      en: 'This transfer was cancelled by the sending organization',
    },
  };
  return conflict('transfer_not_pending', text[t.status] ?? text.accepted, { status: t.status });
}
