import type { z } from 'zod';
import type { MarkFound, MemberStanding } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { foundProblems } from './rules.ts';
import { changesOf, factsOf, lockForStanding, refused, saveStandingChange, standingView } from './store.ts';

/**
 * Contact found again: the episode ends, and with it the count towards suspension. A suspended
 * member found again is listed as one whose membership may be restored (条例第二十四条); the
 * platform does not restore it by itself.
 */
export async function markFound(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof MarkFound>,
): Promise<MemberStanding> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForStanding(tx, ctx, id);
    const problems = foundProblems(factsOf(locked), input.foundOn, shanghaiToday(ctx.now()));
    if (problems.length)
      throw refused(problems, { zh: '恢复联系登记未保存', en: 'Contact found again not recorded' });
    const set = { foundOn: input.foundOn };
    const row = await saveStandingChange(tx, ctx, { row: locked, orgPath }, set, changesOf(locked, set), {
      action: 'member.contact_found',
    });
    return standingView(tx, ctx, row, orgPath);
  });
}
