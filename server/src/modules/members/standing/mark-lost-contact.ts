import type { z } from 'zod';
import type { MarkLostContact, MemberStanding } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { lostContactProblems } from './rules.ts';
import { changesOf, factsOf, lockForStanding, refused, saveStandingChange, standingView } from './store.ts';

/**
 * 失联: the branch records the day contact was lost and why. A new episode after being found again
 * replaces the last one on the record (the history keeps it). 条例第二十四条 counts six months
 * from this day (rules.ts).
 */
export async function markLostContact(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof MarkLostContact>,
): Promise<MemberStanding> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForStanding(tx, ctx, id);
    const problems = lostContactProblems(factsOf(locked), input.lostOn, shanghaiToday(ctx.now()));
    if (problems.length) throw refused(problems, { zh: '失联登记未保存', en: 'Lost contact not recorded' });
    const set = { lostContactOn: input.lostOn, lostContactReason: input.reason, foundOn: null };
    const row = await saveStandingChange(tx, ctx, { row: locked, orgPath }, set, changesOf(locked, set), {
      action: 'member.lost_contact',
    });
    return standingView(tx, ctx, row, orgPath);
  });
}
