import type { z } from 'zod';
import type { MemberStanding, RecordAbroad } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { abroadProblems } from './rules.ts';
import { changesOf, factsOf, lockForStanding, refused, saveStandingChange, standingView } from './store.ts';

/**
 * 出国（境）: settled abroad, or studying abroad, since a day (条例第二十四条 counts towards
 * suspension from it); both null when the member is back.
 */
export async function recordAbroad(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof RecordAbroad>,
): Promise<MemberStanding> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForStanding(tx, ctx, id);
    const problems = abroadProblems(factsOf(locked), input.since, shanghaiToday(ctx.now()));
    if (problems.length) throw refused(problems, { zh: '出国（境）登记未保存', en: 'Abroad not recorded' });
    const set = { abroadKind: input.kind, abroadSince: input.since };
    const changes = changesOf(locked, set);
    if (!Object.keys(changes).length) return standingView(tx, ctx, locked, orgPath);
    const row = await saveStandingChange(tx, ctx, { row: locked, orgPath }, set, changes, {
      action: 'member.abroad_recorded',
    });
    return standingView(tx, ctx, row, orgPath);
  });
}
