import { sql } from 'drizzle-orm';
import type { RankedOrg, Rankings } from '../../../../../contracts/assessment/scores.ts';
import type { Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { addMonthsToMonth } from '../../../platform/time.ts';
import { findOrg, type OrgRow } from '../../../platform/tree/index.ts';

type Row = {
  org_id: string;
  name: string;
  kind: string;
  score: number | null;
  rank: number | null;
  units: number | null;
  units_empty: number | null;
  previous: number | null;
};

const present = (r: Row): RankedOrg => ({
  orgId: String(r.org_id),
  name: r.name,
  kind: r.kind,
  score: r.score,
  rank: r.rank,
  units: r.units ?? 0,
  unitsEmpty: r.units_empty ?? 0,
  previous: r.previous,
});

/** The org to show when none is asked for: the top of the actor's scope. */
export async function scopeOrg(ctx: Ctx, action: string, orgId?: string): Promise<OrgRow> {
  const scope = await listScope(ctx, action, orgId);
  if (scope.org) return scope.org;
  const top = scope.paths[0];
  const id = Number(top?.split('/').filter(Boolean).at(-1));
  const org = id ? await findOrg(ctx.db, id) : undefined;
  if (!org) throw new Error('an actor holding assessment.view has a scope');
  return org;
}

function lines(db: Queryable, month: string, where: ReturnType<typeof sql>) {
  return db.execute<Row>(sql`
    select o.id as org_id, o.name, o.kind, s.score, s.rank, s.units, s.units_empty, p.score as previous
      from orgs o
      left join assessment_scores s on s.month = ${month} and s.org_id = o.id
      left join assessment_scores p on p.month = ${addMonthsToMonth(month, -1)} and p.org_id = o.id
     where ${where}
     order by s.rank nulls last, o.sort_order, o.id`);
}

/** 排名: an org and its children ranked by score (towns in the district, villages in a town…). */
export async function rankings(ctx: Ctx, month: string, orgId?: string): Promise<Rankings> {
  const org = await scopeOrg(ctx, 'assessment.view', orgId);
  const [self] = (await lines(ctx.db, month, sql`o.id = ${org.id}`)).rows;
  const children = (await lines(ctx.db, month, sql`o.parent_id = ${org.id} and o.kind <> 'group'`)).rows;
  return { month, org: present(self), children: children.map(present) };
}
