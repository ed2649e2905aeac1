import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ArrearsReport } from '../../../../../contracts/members/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { FLAG_AFTER_MONTHS } from './rules.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';
import { listScope } from '../../../platform/access/scope.ts';

/**
 * Who owes dues, as of the end of month `asOf` (default: the last completed month — a month's
 * dues fall due within that month, so the current one is not yet owed).
 *
 * Counting starts at the later of the member's join month and the first month on record for
 * them; a member with nothing on record at all is counted from January of asOf's year (what was
 * paid before the platform kept dues is not known here). The amount owed is the months owed ×
 * the current standard. Flagged: six or more consecutive months unpaid (党章第九条).
 */
export async function arrears(
  ctx: Ctx,
  q: { orgId?: string; asOf?: string; minMonths: number; page: number; pageSize: number },
): Promise<z.infer<typeof ArrearsReport>> {
  const current = shanghaiMonth(ctx.now());
  const asOf = q.asOf ?? addMonthsToMonth(current, -1);
  if (asOf > current)
    throw fieldError('asOf', { zh: `不能晚于本月（${current}）`, en: `cannot be after ${current}` });
  const scope = (await listScope(ctx, 'dues.manage', q.orgId)).covers();
  // all in SQL: each member's unpaid months from where counting starts to asOf, the longest run
  // of them (gaps and islands: month number minus row number is constant along a run), then one
  // page, with the report's totals from window functions
  const { rows } = await ctx.db.execute<{
    id: number;
    name: string;
    org_name: string;
    dues_standard_fen: number;
    months_owed: number;
    since: string;
    longest: number;
    total: number;
    flagged_total: number;
    owed_fen_total: number;
  }>(sql`
    with m as (
      select m.id, m.name, orgs.name as org_name, orgs.path, m.dues_standard_fen,
             greatest(to_char(m.joined_on, 'YYYY-MM'),
                      coalesce((select min(d.month) from dues_payments d where d.member_id = m.id),
                               ${`${asOf.slice(0, 4)}-01`})) as from_month
        from members m
        join orgs on orgs.id = m.org_id
       where ${scope} and m.left_at is null and m.dues_standard_fen is not null
         and m.status in ('probationary', 'full')),
    owed as (
      select m.id, to_char(g, 'YYYY-MM') as month,
             (extract(year from g) * 12 + extract(month from g))::int
               - row_number() over (partition by m.id order by g)::int as run
        from m
        cross join lateral generate_series(to_date(m.from_month, 'YYYY-MM'), to_date(${asOf}, 'YYYY-MM'), interval '1 month') g
       where not exists (select 1 from dues_payments d where d.member_id = m.id and d.month = to_char(g, 'YYYY-MM'))),
    runs as (select id, run, count(*)::int as n, min(month) as since from owed group by id, run),
    per as (select id, sum(n)::int as months_owed, min(since) as since, max(n)::int as longest from runs group by id)
    select m.id, m.name, m.org_name, m.dues_standard_fen, per.months_owed, per.since, per.longest,
           count(*) over ()::int as total,
           (count(*) filter (where per.longest >= ${FLAG_AFTER_MONTHS}) over ())::int as flagged_total,
           (sum(per.months_owed * m.dues_standard_fen) over ())::int8 as owed_fen_total
      from per join m using (id)
     where per.months_owed >= ${q.minMonths}
     order by per.months_owed desc, m.path, m.id
     limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const first = rows[0];
  return {
    items: rows.map((r) => ({
      memberId: String(r.id),
      name: r.name,
      orgName: r.org_name,
      duesStandardFen: r.dues_standard_fen,
      monthsOwed: r.months_owed,
      owedFen: r.months_owed * r.dues_standard_fen,
      since: r.since,
      flagged: r.longest >= FLAG_AFTER_MONTHS,
    })),
    // a page past the end has no rows to carry the totals: ask again for the first page's
    ...(first || q.page === 1
      ? {
          total: first?.total ?? 0,
          flaggedTotal: first?.flagged_total ?? 0,
          owedFenTotal: Number(first?.owed_fen_total ?? 0),
        }
      : await arrears(ctx, { ...q, page: 1, pageSize: 1 }).then((r) => ({
          total: r.total,
          flaggedTotal: r.flaggedTotal,
          owedFenTotal: r.owedFenTotal,
        }))),
    page: q.page,
    pageSize: q.pageSize,
    asOf,
  };
}
