import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError, forbidden } from '../../../platform/http/errors.ts';
import { type OrgRow, orgs } from '../../../platform/tree/index.ts';
import { addDays, shanghaiToday } from '../../../platform/time.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { COMPLETE } from './checks.ts';

/**
 * Record quality (党员信息质量), the figures a monthly bulletin cites ("94.9% of member records
 * updated, 72% with a dues standard"), for a subtree and for each of its direct children.
 *
 * Counted over the records still held (not transferred out), every status of the pipeline
 * included, except the dues-standard rate, which is over admitted members (probationary and full)
 * since only they pay dues.
 *
 * A record is complete when it has every field of REQUIRED_FIELDS (checks.ts).
 */

type Counts = { n: number; complete: number; updated: number; photo: number; admitted: number; dues: number };

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);

function row(orgId: number, orgName: string, c: Counts) {
  return {
    orgId: String(orgId),
    orgName,
    members: c.n,
    completenessRate: rate(c.complete, c.n),
    updateRate: rate(c.updated, c.n),
    photoRate: rate(c.photo, c.n),
    duesStandardRate: rate(c.dues, c.admitted),
  };
}

export async function rootFor(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  const scope = await listScope(ctx, 'member.view', orgId);
  if (scope.org) return scope.org;
  if (!scope.paths.length) throw forbidden();
  if (scope.paths.length > 1)
    throw fieldError('orgId', {
      zh: '您管理多个党组织，请选择要统计的党组织',
      en: 'you administer several organizations; choose one',
    });
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.path, scope.paths[0]));
  return org;
}

/** The period of the update rate: as asked, by default this calendar year up to today (Asia/Shanghai). */
export function periodOf(ctx: Ctx, q: { from?: string; to?: string }) {
  const today = shanghaiToday(ctx.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw fieldError('from', { zh: '开始日期晚于结束日期', en: 'after the end date' });
  return { from, to };
}

/** The record was updated in [from, to] (days in Asia/Shanghai). */
export const updatedWithin = (from: string, to: string) =>
  sql`(m.record_updated_at >= ${`${from}T00:00:00+08:00`}::timestamptz
       and m.record_updated_at < ${`${addDays(to, 1)}T00:00:00+08:00`}::timestamptz)`;

/**
 * The report for `orgId`'s subtree (default: the actor's scope) over the period [from, to]
 * (dates in Asia/Shanghai; default: this calendar year up to today): one query, grouped by the
 * direct child each record sits under (read from the org path), with the total as its rollup.
 */
export async function qualityReport(ctx: Ctx, q: { orgId?: string; from?: string; to?: string }) {
  const root = await rootFor(ctx, q.orgId);
  const { from, to } = periodOf(ctx, q);
  const { rows } = await ctx.db.execute<Counts & { child_id: number | null; child_name: string | null }>(sql`
    with x as (
      select split_part(substr(o.path, ${root.path.length + 1}), '/', 1) as child,
             m.status in ('probationary', 'full') as admitted,
             ${COMPLETE} as complete,
             ${updatedWithin(from, to)} as updated,
             m.photo is not null as photo,
             m.dues_standard_fen is not null as dues
        from members m join orgs o on o.id = m.org_id
       where o.path like ${`${root.path}%`} and m.left_at is null
    ), agg as (
      select child, grouping(child) as g, count(*)::int as n,
             count(*) filter (where complete)::int as complete,
             count(*) filter (where updated)::int as updated,
             count(*) filter (where photo)::int as photo,
             count(*) filter (where admitted)::int as admitted,
             count(*) filter (where admitted and dues)::int as dues
        from x group by rollup (child)
    )
    select * from (
      select c.id as child_id, c.name as child_name, c.sort_order, a.n, a.complete, a.updated, a.photo,
             a.admitted, a.dues
        from orgs c left join agg a on a.g = 0 and a.child = c.id::text
       where c.parent_id = ${root.id}
      union all
      select null, null, null, a.n, a.complete, a.updated, a.photo, a.admitted, a.dues from agg a where a.g = 1
    ) r
    order by child_id is null, sort_order, child_id`);
  const zero: Counts = { n: 0, complete: 0, updated: 0, photo: 0, admitted: 0, dues: 0 };
  const counts = (r: Counts | undefined): Counts =>
    r && r.n != null
      ? {
          n: r.n,
          complete: r.complete,
          updated: r.updated,
          photo: r.photo,
          admitted: r.admitted,
          dues: r.dues,
        }
      : zero;
  const total = rows.find((r) => r.child_id == null);
  return {
    total: row(root.id, root.name, counts(total)),
    children: rows.filter((r) => r.child_id != null).map((r) => row(r.child_id!, r.child_name!, counts(r))),
    from,
    to,
  };
}
