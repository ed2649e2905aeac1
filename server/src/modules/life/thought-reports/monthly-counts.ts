import { asc, count, eq, sql } from 'drizzle-orm';
import type { PageQuery } from '../../../../../contracts/common.ts';
import {
  THOUGHT_REPORT_FREQUENCIES,
  type ThoughtReportCounts,
  type ThoughtReportMonthly,
} from '../../../../../contracts/life/thought-reports.ts';
import type { Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { owedSql } from './due.ts';
import { periodEndingIn } from './rules.ts';
import { thoughtReportFrequency } from './settings.ts';

type Root = { orgId: number; path: string };

/**
 * The month's figures for each root's subtree, from the records, in three statements whatever the
 * number of roots: reports handed in and reviewed in the month (Asia/Shanghai), and the reports
 * due for periods that ended in the month (a quarter's in March, June…) with those never handed
 * in — counted missing only once the period is over (`today` past its last day).
 */
async function countsFor(db: Queryable, roots: readonly Root[], month: string, today: string) {
  const out = new Map<number, ThoughtReportCounts>(
    roots.map((r) => [r.orgId, { handedIn: 0, reviewed: 0, due: 0, missing: 0 }]),
  );
  if (!roots.length) return out;
  const from = `${month}-01T00:00:00+08:00`;
  const to = `${addMonthsToMonth(month, 1)}-01T00:00:00+08:00`;
  const kids = sql.join(
    roots.map((r) => sql`(${r.orgId}::int8, ${r.path}::text)`),
    sql`, `,
  );
  const { rows: done } = await db.execute<{ org_id: number; handed_in: number; reviewed: number }>(sql`
    with roots(org_id, path) as (values ${kids})
    select k.org_id,
           (select count(*)::int from thought_reports r
             where r.org_path like (k.path || '%') collate "C"
               and r.submitted_at >= ${from}::timestamptz and r.submitted_at < ${to}::timestamptz) as handed_in,
           (select count(*)::int from thought_reports r
             where r.org_path like (k.path || '%') collate "C" and r.reviewed_at is not null
               and r.reviewed_at >= ${from}::timestamptz and r.reviewed_at < ${to}::timestamptz) as reviewed
      from roots k`);
  for (const r of done)
    Object.assign(out.get(Number(r.org_id))!, { handedIn: r.handed_in, reviewed: r.reviewed });

  const periods = THOUGHT_REPORT_FREQUENCIES.flatMap((f) => periodEndingIn(month, f) ?? []);
  if (periods.length) {
    const owed = owedSql(
      roots.map((r) => r.path),
      periods,
      await getSetting(db, thoughtReportFrequency),
    );
    const { rows } = await db.execute<{ org_id: number; due: number; missing: number }>(sql`
      with roots(org_id, path) as (values ${kids})
      select k.org_id, count(o.member_id)::int as due,
             count(o.member_id) filter (where not o.handed and o.last_on < ${today}::date)::int as missing
        from roots k join (${owed}) o on o.org_path like (k.path || '%') collate "C"
       group by k.org_id`);
    for (const r of rows) Object.assign(out.get(Number(r.org_id))!, { due: r.due, missing: r.missing });
  }
  return out;
}

/**
 * What the assessment reads of 思想汇报 for an org's subtree and a month (YYYY-MM): handed in,
 * reviewed, due and missing — every figure counted from the reports and the writers on record.
 */
export async function monthlyCounts(
  db: Queryable,
  orgPath: string,
  month: string,
  today: string,
): Promise<ThoughtReportCounts> {
  const id = Number(orgPath.split('/').filter(Boolean).at(-1));
  return (await countsFor(db, [{ orgId: id, path: orgPath }], month, today)).get(id)!;
}

/**
 * 思想汇报统计 for the superior org: the month's figures of the org and of each org directly below
 * it (a page of them), so a town sees which branch's writers are behind.
 */
export async function monthlyReport(
  ctx: Ctx,
  q: PageQuery & { orgId?: string; month?: string },
): Promise<ThoughtReportMonthly> {
  const scope = await listScope(ctx, 'thought_report.review', q.orgId);
  const top =
    scope.org ?? (scope.paths[0] ? await findOrg(ctx.db, Number(scope.paths[0].split('/').at(-2))) : null);
  if (!top) throw notFound({ zh: '党组织', en: 'Organization' });
  const now = ctx.now();
  const month = q.month ?? addMonthsToMonth(shanghaiMonth(now), -1);
  const today = shanghaiToday(now);
  const children = eq(orgs.parentId, top.id);
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select({ id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(children)
        .orderBy(asc(orgs.sortOrder), asc(orgs.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: count() }).from(orgs).where(children),
  });
  const counts = await countsFor(
    ctx.db,
    [{ orgId: top.id, path: top.path }, ...page.items.map((o) => ({ orgId: o.id, path: o.path }))],
    month,
    today,
  );
  const named = (o: { id: number; name: string }) => ({
    orgId: String(o.id),
    orgName: o.name,
    ...counts.get(o.id)!,
  });
  return { month, org: named(top), children: { ...page, items: page.items.map(named) } };
}
