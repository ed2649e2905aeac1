import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { KeptUpQuery, KeptUpShareQuery } from '../../../../../contracts/openness/page.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { inSubtree, type OrgRow, orgs } from '../../../platform/tree/index.ts';
import { shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';

/** The org the superior looks at: the one asked for (checked), or the top of the caller's scope. */
async function lookedAt(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  const scope = await listScope(ctx, 'openness.view', orgId);
  if (scope.org) return scope.org;
  const [org] = await ctx.db
    .select()
    .from(orgs)
    .where(eq(orgs.path, scope.paths[0] ?? ''));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  return org;
}

/**
 * Every org of the subtree with its page's state in `month`: introduction filled (stored on save),
 * its own items published that month per kind, its latest item, and kept up (page/rules.ts keptUp:
 * introduction filled and a 工作动态 this month). Withdrawn items do not count. Posts are read in
 * two ranges of the subtree, grouped by org, not one look-up per org.
 */
function marked(org: OrgRow, month: string) {
  const { from, to } = shanghaiMonthRange(month);
  return sql`
    counts as (
      select org_id,
             count(*) filter (where kind = 'update')::int as update,
             count(*) filter (where kind = 'announcement')::int as announcement,
             count(*) filter (where kind = 'publicity')::int as publicity
        from posts
       where ${inSubtree(sql`org_path`, org.path)} and published_at >= ${from} and published_at < ${to}
         and withdrawn_at is null
       group by org_id),
    lasts as (
      select org_id, max(published_at) as last_published_at
        from posts
       where ${inSubtree(sql`org_path`, org.path)} and published_at is not null and withdrawn_at is null
       group by org_id),
    marked as (
      select o.id, o.name, o.kind, o.path, o.sort_order,
             coalesce(pg.introduction_filled, false) as filled,
             coalesce(c.update, 0) as update, coalesce(c.announcement, 0) as announcement,
             coalesce(c.publicity, 0) as publicity, l.last_published_at,
             (coalesce(pg.introduction_filled, false) and coalesce(c.update, 0) > 0) as kept_up
        from orgs o
        left join org_pages pg on pg.org_id = o.id
        left join counts c on c.org_id = o.id
        left join lasts l on l.org_id = o.id
       where ${inSubtree(sql`o.path`, org.path)})`;
}

type Row = {
  id: number;
  name: string;
  kind: string;
  filled: boolean;
  update: number;
  announcement: number;
  publicity: number;
  last_published_at: Date | string | null;
  kept_up: boolean;
  total: number;
  kept_up_count: number;
};

/** 主页维护情况: the orgs of a subtree, in tree order, with whether each kept its page up this month. */
export async function keptUpList(ctx: Ctx, q: z.infer<typeof KeptUpQuery>) {
  const org = await lookedAt(ctx, q.orgId);
  const month = q.month ?? shanghaiMonth(ctx.now());
  const filter = q.keptUp ? sql`where kept_up = ${q.keptUp === 'true'}` : sql``;
  const query = (limit: number, offset: number) => sql`
    with ${marked(org, month)},
    totals as (select *, count(*) filter (where kept_up) over () as kept_up_count from marked)
    select *, count(*) over () as total from totals ${filter}
     order by path limit ${limit} offset ${offset}`;
  const page = await paginate<Row>(q, {
    count: async () =>
      (
        await ctx.db.execute<{ n: number; k: number }>(
          sql`with ${marked(org, month)} select count(*)::int as n, count(*) filter (where kept_up)::int as k from marked ${filter}`,
        )
      ).rows,
    totalIn: (r) => Number(r.total),
    rows: async (limit, offset) => (await ctx.db.execute<Row>(query(limit, offset))).rows,
  });
  const keptUpCount = page.items.length ? Number(page.items[0].kept_up_count) : 0;
  return {
    month,
    org: { id: String(org.id), name: org.name },
    keptUpCount,
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    items: page.items.map((r) => ({
      orgId: String(r.id),
      orgName: r.name,
      orgKind: r.kind,
      introductionFilled: r.filled,
      counts: { update: r.update, announcement: r.announcement, publicity: r.publicity },
      lastPublishedAt: r.last_published_at ? new Date(r.last_published_at).toISOString() : null,
      keptUp: r.kept_up,
    })),
  };
}

/** For the chart: per direct sub-org, how many orgs of its subtree kept their page up this month. */
export async function keptUpShare(ctx: Ctx, q: z.infer<typeof KeptUpShareQuery>) {
  const org = await lookedAt(ctx, q.orgId);
  const month = q.month ?? shanghaiMonth(ctx.now());
  const { rows } = await ctx.db.execute<{ id: number; name: string; orgs: number; kept_up: number }>(sql`
    with ${marked(org, month)},
    under as (
      select split_part(substr(path, ${org.path.length + 1}), '/', 1)::bigint as child_id, kept_up
        from marked where path <> ${org.path})
    select ch.id, ch.name, count(*)::int as orgs, count(*) filter (where u.kept_up)::int as kept_up
      from under u join orgs ch on ch.id = u.child_id
     group by ch.id, ch.name, ch.sort_order
     order by ch.sort_order, ch.id`);
  return {
    month,
    items: rows.map((r) => ({ orgId: String(r.id), orgName: r.name, orgs: r.orgs, keptUp: r.kept_up })),
  };
}
