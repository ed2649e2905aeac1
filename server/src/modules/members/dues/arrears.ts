import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ArrearsReport } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';
import { members } from '../schema.ts';
import { monthComplete, refreshDirty } from './arrears-summary.ts';
import { FLAG_AFTER_MONTHS } from './rules.ts';

/** A YYYY-MM month as a month number (year × 12 + month − 1), in SQL and here: runs are differences. */
const monthNo = (col: SQL) => sql`(substr(${col}, 1, 4)::int * 12 + substr(${col}, 6, 2)::int - 1)`;
const noOf = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (no: number) => `${Math.floor(no / 12)}-${String((no % 12) + 1).padStart(2, '0')}`;

/**
 * Where each member's dues counting starts (dues/rules.ts duesFromMonth): the month kept on the
 * record, or for a record from before it was kept, the later of the join month and the month the
 * record was created. Shared by the arrears, the sheet and a member's own months; it names the
 * members table's columns unqualified, for a query reading one members row at a time.
 */
export const DUES_FROM = sql`coalesce(dues_from_month,
  greatest(to_char(joined_on, 'YYYY-MM'), to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM')))`;

/**
 * A reduction or exemption applies once the branch and the higher committee have both approved it;
 * a good reason once the branch has (dues/rules.ts reliefInEffect, the same rule in SQL).
 */
export const RELIEF_IN_EFFECT = sql`(r.branch_approved_on is not null and (r.kind = 'excused' or r.committee_approved_on is not null))`;

export type ArrearsQuery = {
  orgId?: string;
  asOf?: string;
  minMonths: number;
  page: number;
  pageSize: number;
  onlyFlagged?: boolean | 'true' | 'false';
  /** Every row at once (the Excel export and the print view): no page. */
  all?: boolean;
};

/**
 * Each member's figures, as of the end of month `asOf`, for the members `where` selects (a condition
 * on the members table): the CTEs b (the members counted, with or without a standard), m (those with
 * a standard whose counting has started) and owing (id, months_owed, owed_fen, since, longest —
 * every member of m, owing or not). Shared by the live report below and the kept summary
 * (arrears-summary.ts), so the two cannot count differently.
 *
 * Counted for Party members (probationary, full) in normal standing — not while suspended (停止
 * 党籍) — who have a standard (those without are a record-quality problem: counted apart in
 * `withoutStandard`), from the month dues counting starts for them. A month is settled when what
 * was paid for it is at least what was due: the standard that applied that month (the history in
 * dues_standards), or the reduced amount, or nothing when exempt; a month paid short is still
 * owed, the difference being the amount owed. Flagged (党章第九条): six or more consecutive months
 * with nothing paid and no good reason recorded.
 *
 * Built for a district's tens of thousands of members (docs/SCALE.md): each member's payments are
 * read once, in (member, month) order from the payments' unique index, and summed with the gap
 * before each (a window over that order, so no sort of the whole set); months are not enumerated.
 * Members with a reduction, exemption or good reason in the period (few) are counted month by
 * month instead, since those months change what is due and what breaks a run.
 */
export function owingCtes(where: SQL, asOf: string): SQL {
  const A = noOf(asOf);
  return sql`
    b as materialized (
      select ${members.id} as id, ${members.orgId} as org_id,
             ${members.orgPath} as org_path, ${members.duesStandardFen} as cur, ${DUES_FROM} as fm
        from ${members}
       where ${where} and ${members.leftAt} is null and ${members.status} in ('probationary', 'full')
         and ${members.partyStanding} = 'normal'),
    m as materialized (
      select b.*, ${monthNo(sql`b.fm`)} as f from b where b.cur is not null and b.fm <= ${asOf}),
    -- reductions, exemptions and good reasons in effect, clipped to each member's counted months
    rel as materialized (
      select * from (
        select r.member_id as id, greatest(${monthNo(sql`r.from_month`)}, m.f) as rf,
               least(coalesce(${monthNo(sql`r.to_month`)}, ${A}), ${A}) as rt, r.kind, r.amount_fen
          from dues_reliefs r join m on m.id = r.member_id
         where ${RELIEF_IN_EFFECT}) y
       where rf <= rt),
    -- the standard history as periods [sf, st] of month numbers; the first reaches back to the start
    s as materialized (
      select d.member_id as id,
             case when lag(d.from_month) over w is null then -1 else ${monthNo(sql`d.from_month`)} end as sf,
             coalesce(${monthNo(sql`(lead(d.from_month) over w)`)} - 1, 999999) as st,
             d.standard_fen as std
        from dues_standards d
       where d.member_id in (select id from m)
      window w as (partition by d.member_id order by d.from_month)),
    -- members without reliefs: their payments in order, each with the unpaid months before it
    p as (
      select m.id, m.cur, k.i, p.amount_fen as paid, k.i - coalesce(lag(k.i) over w, m.f - 1) - 1 as gap
        from m
        join dues_payments p on p.member_id = m.id and p.month >= m.fm and p.month <= ${asOf}
        cross join lateral (select ${monthNo(sql`p.month`)} as i) k
       where not exists (select 1 from rel where rel.id = m.id)
      window w as (partition by m.id order by p.month)),
    fast as (
      select p.id, (count(*) filter (where p.paid >= coalesce(s.std, p.cur)))::int as settled,
             sum(least(p.paid, coalesce(s.std, p.cur)))::int8 as sp,
             max(p.gap) as maxgap, max(p.i) as lasti,
             min(p.i - p.gap) filter (where p.gap > 0) as gap_start,
             min(p.i) filter (where p.paid < coalesce(s.std, p.cur)) as short_start
        from p left join s on s.id = p.id and p.i between s.sf and s.st
       group by p.id),
    due as (
      select s.id, sum(s.std::int8 * greatest(0, least(s.st, ${A}) - greatest(s.sf, m.f) + 1))::int8 as fen
        from s join m using (id) group by s.id),
    per_fast as (
      select m.id, ${A} - m.f + 1 - coalesce(fast.settled, 0) as months_owed,
             coalesce(due.fen, (${A} - m.f + 1)::int8 * m.cur) - coalesce(fast.sp, 0) as owed_fen,
             least(fast.gap_start, fast.short_start,
                   case when coalesce(fast.lasti, m.f - 1) < ${A} then coalesce(fast.lasti, m.f - 1) + 1 end) as since,
             greatest(coalesce(fast.maxgap, 0), ${A} - coalesce(fast.lasti, m.f - 1)) as longest
        from m left join fast using (id) left join due using (id)
       where not exists (select 1 from rel where rel.id = m.id)),
    -- members with reliefs: month by month
    mo as (
      select m.id, g.i, coalesce(p.amount_fen, 0) as paid, p.member_id is not null as has_paid, rel.kind,
             case rel.kind when 'exempt' then 0 when 'reduced' then least(rel.amount_fen, coalesce(s.std, m.cur))
                           else coalesce(s.std, m.cur) end as due
        from m
        cross join lateral generate_series(m.f, ${A}) g(i)
        left join dues_payments p on p.member_id = m.id
             and p.month = lpad((g.i / 12)::text, 4, '0') || '-' || lpad((g.i % 12 + 1)::text, 2, '0')
        left join s on s.id = m.id and g.i between s.sf and s.st
        left join rel on rel.id = m.id and g.i between rel.rf and rel.rt
       where m.id in (select id from rel)),
    lapse as (
      select id, i - row_number() over (partition by id order by i) as run from mo
       where not has_paid and due > 0 and kind is distinct from 'excused'),
    runs as (select id, max(n)::int as longest from (select id, count(*) as n from lapse group by id, run) z group by id),
    per_slow as (
      select mo.id, (count(*) filter (where mo.paid < mo.due))::int as months_owed,
             sum(mo.due - least(mo.paid, mo.due))::int8 as owed_fen,
             min(mo.i) filter (where mo.paid < mo.due) as since, coalesce(max(runs.longest), 0) as longest
        from mo left join runs using (id) group by mo.id),
    owing as (select * from per_fast union all select * from per_slow)`;
}

/** The last completed month: a month's dues fall due within that month, so the current one is not yet owed. */
export const lastCompletedMonth = (now: Date) => addMonthsToMonth(shanghaiMonth(now), -1);

type ReportRow = {
  total: number;
  flagged_total: number;
  owed_fen_total: string;
  without_standard: number;
  id: number | null;
  name: string;
  org_name: string;
  cur: number;
  months_owed: number;
  owed_fen: string;
  since: number | null;
  longest: number;
};

/** The totals of `hit`, and one page of it with names (only the page's rows are read in full). */
const pageOfHits = (withoutStandard: SQL, page: SQL) => sql`
    tot as (
      select count(*)::int as total,
             (count(*) filter (where longest >= ${FLAG_AFTER_MONTHS}))::int as flagged_total,
             coalesce(sum(owed_fen), 0)::int8 as owed_fen_total,
             (${withoutStandard}) as without_standard
        from hit)
    select tot.*, pg.*, n.name, n.dues_standard_fen as cur, o.name as org_name from tot left join lateral (
      select hit.id, hit.months_owed, hit.owed_fen, hit.since, hit.longest, hit.org_path
        from hit
       order by hit.months_owed desc, hit.org_path, hit.id
       ${page}) pg on true
      left join members n on n.id = pg.id
      left join orgs o on o.id = n.org_id
     order by pg.months_owed desc, pg.org_path, pg.id`;

/** From the payments: every member of the scope computed (owingCtes). */
const liveReport = (scope: SQL, asOf: string, wanted: SQL, page: SQL) => sql`
    with ${owingCtes(scope, asOf)},
    hit as materialized (select owing.*, m.org_path from owing join m using (id) where ${wanted}),
    ${pageOfHits(sql`select count(*)::int from b where b.cur is null`, page)}`;

/** From the kept figures (arrears-summary.ts): one index range of dues_arrears for the scope. */
const keptReport = (onKept: SQL, asOf: string, wanted: SQL, page: SQL) => sql`
    with kept as materialized (
      select a.member_id as id, a.months_owed, a.owed_fen, a.since, a.longest, a.org_path, a.no_standard
        from dues_arrears a
       where a.as_of = ${asOf} and ${onKept}),
    hit as materialized (select * from kept where not no_standard and ${wanted}),
    ${pageOfHits(sql`select count(*)::int from kept where no_standard`, page)}`;

/**
 * Who owes dues, as of the end of month `asOf` (default: the last completed month), computed from
 * the payments (owingCtes). The arrears page reads the kept summary instead when it can
 * (arrears-summary.ts); this is the reference it is tested against, and what any other month uses.
 */
export async function arrears(ctx: Ctx, q: ArrearsQuery): Promise<z.infer<typeof ArrearsReport>> {
  const current = shanghaiMonth(ctx.now());
  const asOf = q.asOf ?? addMonthsToMonth(current, -1);
  if (asOf > current)
    throw fieldError('asOf', { zh: `不能晚于本月（${current}）`, en: `cannot be after ${current}` });
  const scoped = await listScope(ctx, 'dues.manage', q.orgId);
  const onlyFlagged = q.onlyFlagged === true || q.onlyFlagged === 'true';
  const page = q.all ? sql`` : sql`limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
  const wanted = sql`months_owed >= ${q.minMonths} ${onlyFlagged ? sql`and longest >= ${FLAG_AFTER_MONTHS}` : sql``}`;
  const kept = asOf === lastCompletedMonth(ctx.now()) && (await monthComplete(ctx.db, asOf));
  if (kept) {
    const onMembers = scoped.covers(members.orgPath);
    await refreshDirty(ctx.db, { onMembers, onKept: scoped.covers(sql`a.org_path`) }, asOf);
  }
  const { rows } = await ctx.db.execute<ReportRow>(
    kept
      ? keptReport(scoped.covers(sql`a.org_path`), asOf, wanted, page)
      : liveReport(scoped.covers(members.orgPath), asOf, wanted, page),
  );
  const first = rows[0];
  return {
    items: rows
      .filter((r) => r.id != null)
      .map((r) => ({
        memberId: String(r.id),
        name: r.name,
        orgName: r.org_name,
        duesStandardFen: r.cur,
        monthsOwed: r.months_owed,
        owedFen: Number(r.owed_fen),
        since: r.since == null ? null : monthOf(r.since),
        longestRun: r.longest,
        flagged: r.longest >= FLAG_AFTER_MONTHS,
      })),
    total: first?.total ?? 0,
    flaggedTotal: first?.flagged_total ?? 0,
    owedFenTotal: Number(first?.owed_fen_total ?? 0),
    withoutStandard: first?.without_standard ?? 0,
    page: q.all ? 1 : q.page,
    pageSize: q.all ? (first?.total ?? 0) : q.pageSize,
    asOf,
  };
}
