import type { MemberStatus } from '../../../../../contracts/members/index.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addDays, addMonthsToDate } from '../../../platform/time.ts';
import { ADMITTED } from '../record/rules.ts';
import type { mobilePeriods } from '../schema.ts';

/**
 * 流动党员: a member away from the branch that holds the record, one period at a time (out, back),
 * with the destination, the host branch and the 流动党员活动证.
 *
 * 《中国共产党党员教育管理工作条例》(2019):
 * - 第二十五条: 外出学习、工作、生活6个月以上并且地点相对固定的，应当转移组织关系 — after the
 *   department's months (members.mobileRemindMonths, six) away in one place the branch is reminded
 *   that the membership should be transferred. The platform reminds; the branch decides.
 * - 第三十二条: 流入地党组织应当协助做好流动党员日常管理，按照组织关系一方隶属、参加多重组织生活的
 *   方式 — the host branch sees its hosted migrants, read only, for its activities; the record stays
 *   with the home branch.
 */

export type MobilePeriodRow = typeof mobilePeriods.$inferSelect;

/** The day from which the membership should be transferred: `months` after leaving (条例第二十五条). */
export const transferDueOn = (outOn: string, months: number) => addMonthsToDate(outOn, months);

/** Still away, in one place, on or after that day: the branch is reminded (条例第二十五条). */
export const isTransferDue = (p: Pick<MobilePeriodRow, 'outOn' | 'backOn'>, today: string, months: number) =>
  !p.backOn && transferDueOn(p.outOn, months) <= today;

/**
 * 流动党员 are Party members (full or probationary): applicants, activists and candidates away
 * from home are followed in the recruitment file, not here.
 */
export const mayBeMobile = (status: string) => ADMITTED.includes(status as MemberStatus);

export type PeriodProblem = { path: string; text: Text };

/** The dates of a period going out: not in the future, not before the member joined. */
export function outProblems(outOn: string, today: string, joinedOn: string | null): PeriodProblem[] {
  const out: PeriodProblem[] = [];
  if (outOn > today)
    out.push({ path: 'outOn', text: { zh: '外出日期不能晚于今天', en: 'cannot be later than today' } });
  if (joinedOn && outOn < joinedOn)
    out.push({
      path: 'outOn',
      text: { zh: `外出日期不能早于入党日期（${joinedOn}）`, en: `cannot be before joining (${joinedOn})` },
    });
  return out;
}

/** The day back: not in the future, not before the day out. */
export function backProblem(backOn: string, outOn: string, today: string): Text | null {
  if (backOn > today) return { zh: '返回日期不能晚于今天', en: 'cannot be later than today' };
  if (backOn < outOn)
    return { zh: `返回日期不能早于外出日期（${outOn}）`, en: `cannot be before the day out (${outOn})` };
  return null;
}

/**
 * The latest day out whose reminder is due today: isTransferDue for a period out on `d` is
 * `d <= dueCutoff(today, months)`, so the due list is one range on out_on.
 */
export function dueCutoff(today: string, months: number): string {
  let d = addMonthsToDate(today, -months);
  while (transferDueOn(d, months) > today) d = addDays(d, -1);
  while (transferDueOn(addDays(d, 1), months) <= today) d = addDays(d, 1);
  return d;
}
