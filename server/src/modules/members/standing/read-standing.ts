import type { MemberStanding } from '../../../../../contracts/members/index.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { loadMember } from '../record/store.ts';
import { standingView } from './store.ts';

/** One member's standing and the decisions on it; someone who left is still on file to read. */
export async function readStanding(ctx: Ctx, id: number): Promise<MemberStanding> {
  const { m, orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.view', orgPath);
  return standingView(ctx.db, ctx, m, orgPath);
}
