import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { corrections, members } from '../schema.ts';
import { type CorrectionView, present } from './present.ts';
import type { Status } from './rules.ts';
import { listScope } from '../../../platform/access/scope.ts';

// ── the branch's side ───────────────────────────────────────────────────────────────────────

/** At most this many, newest first: a branch's queue, not an archive. */
const LIST_LIMIT = 500;

export async function listCorrections(
  ctx: Ctx,
  q: { orgId?: string; status?: Status },
): Promise<{ items: CorrectionView[] }> {
  const scope = await listScope(ctx, 'member.manage', q.orgId);
  const rows = await ctx.db
    .select({ c: corrections, memberName: members.name, orgPath: orgs.path, userId: members.userId })
    .from(corrections)
    .innerJoin(members, eq(members.id, corrections.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(scope.covers(), isNull(members.leftAt), q.status ? eq(corrections.status, q.status) : undefined),
    )
    .orderBy(desc(corrections.createdAt), desc(corrections.id))
    .limit(LIST_LIMIT);
  return {
    items: rows.map((r) => present(ctx, r.c, { name: r.memberName, orgPath: r.orgPath, userId: r.userId })),
  };
}
