import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { StudySummary, SummaryQuery } from '../../../../../contracts/learning/requirements.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { figuresOf } from './rules.ts';
import { requirementSettings } from './settings.ts';

type Sums = { members: number; met: number; progress_sum: number; seconds: number };
const sumsOf = (r: Sums | undefined) => ({
  members: Number(r?.members ?? 0),
  met: Number(r?.met ?? 0),
  progressSum: Number(r?.progress_sum ?? 0),
  seconds: Number(r?.seconds ?? 0),
});

/**
 * An org's year (学时达标情况): its subtree's members held to the requirement, how many meet it, the
 * average progress, and the same for each org directly below it — from the per-org figures kept by
 * the count (rollup.ts), so a city's root reads its 25,000 orgs, not its 680,000 members. Orgs are
 * compared, people are not listed: study is shown as progress, not as a ranking. Without an org,
 * the caller's own (the top of their scope).
 */
export async function studySummary(ctx: Ctx, q: z.infer<typeof SummaryQuery>): Promise<StudySummary> {
  const scope = await listScope(ctx, 'study.view', q.orgId);
  const orgId = scope.org?.id ?? Number(scope.paths[0]?.split('/').filter(Boolean).at(-1));
  if (!orgId) throw forbidden();
  const org = scope.org ?? (await findOrg(ctx.db, orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  const year = q.year ?? Number(shanghaiToday(ctx.now()).slice(0, 4));
  const req = await getSetting(ctx.db, requirementSettings);
  const prefix = `${org.path.replace(/[%_\\]/g, '\\$&')}%`;

  const { rows: totals } = await ctx.db.execute<Sums & { computed_at: Date | null }>(sql`
    select coalesce(sum(members), 0)::int8 as members, coalesce(sum(met), 0)::int8 as met,
           coalesce(sum(progress_sum), 0)::float8 as progress_sum, coalesce(sum(seconds), 0)::int8 as seconds,
           max(computed_at) as computed_at
      from study_org_years where year = ${year}::int2 and org_path like ${prefix}`);
  const { rows: own } = await ctx.db.execute<Sums>(sql`
    select members, met, progress_sum, seconds from study_org_years where year = ${year}::int2 and org_id = ${org.id}`);
  const { rows: children } = await ctx.db.execute<
    Sums & { id: number; name: string; kind: string; has_children: boolean }
  >(sql`
    select o.id, o.name, o.kind,
           exists (select 1 from orgs c where c.parent_id = o.id) as has_children,
           s.members, s.met, s.progress_sum, s.seconds
      from orgs o
      cross join lateral (
        select coalesce(sum(r.members), 0)::int8 as members, coalesce(sum(r.met), 0)::int8 as met,
               coalesce(sum(r.progress_sum), 0)::float8 as progress_sum, coalesce(sum(r.seconds), 0)::int8 as seconds
          from study_org_years r
         -- the child's subtree as a range ('/1/17/' ≤ path < '/1/170': '/' sorts just before '0'),
         -- which an index scan can take from each row, where a LIKE pattern must be known in advance
         where r.year = ${year}::int2 and r.org_path >= o.path collate "C"
           and r.org_path < (left(o.path, -1) || '0') collate "C") s
     where o.parent_id = ${org.id}
     order by o.sort_order, o.id`);

  return {
    year,
    org: { id: String(org.id), name: org.name, parentId: org.parentId == null ? null : String(org.parentId) },
    requirement: {
      memberClassHours: req.memberClassHours,
      leaderClassHours: req.leaderClassHours,
      classHourMinutes: req.classHourMinutes,
    },
    computedAt: totals[0]?.computed_at ? new Date(totals[0].computed_at).toISOString() : null,
    total: figuresOf(sumsOf(totals[0]), req),
    own: own[0] ? figuresOf(sumsOf(own[0]), req) : null,
    children: children.map((c) => ({
      orgId: String(c.id),
      name: c.name,
      kind: c.kind,
      hasChildren: c.has_children,
      ...figuresOf(sumsOf(c), req),
    })),
  };
}
