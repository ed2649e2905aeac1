import { type SQL, sql } from 'drizzle-orm';
import type { Page, PageQuery } from '../../../../../contracts/common.ts';
import {
  type Period,
  THOUGHT_REPORT_FREQUENCIES,
  type ThoughtReportDue,
  type ThoughtReportFrequency,
} from '../../../../../contracts/life/thought-reports.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { thoughtReportWritersSql } from '../../members/index.ts';
import { frequenciesOfPathsSql } from './frequency.ts';
import { dueState, periodOf, previousPeriod } from './rules.ts';
import { thoughtReportFrequency } from './settings.ts';

/**
 * The (writer, period) pairs owed a report, set-based: each writer of the subtrees with the
 * period of their branch's frequency (one candidate period per frequency, `periods`), kept when
 * rules.ts isDue holds — a writer from the period's first day to past its last — and no report of
 * theirs names the period. Columns: those of thoughtReportWritersSql, frequency, label, start_on,
 * last_on, and whether a report was handed in (`handed`).
 */
export function owedSql(
  paths: readonly string[],
  periods: readonly Period[],
  departmentDefault: ThoughtReportFrequency,
): SQL {
  const since = periods.map((p) => p.start).sort()[0];
  const values = sql.join(
    periods.map((p) => sql`(${p.frequency}, ${p.label}, ${p.start}::date, ${p.last}::date)`),
    sql`, `,
  );
  return sql`
    with periods(frequency, label, start_on, last_on) as (values ${values}),
         writers as (${thoughtReportWritersSql(paths, since)}),
         -- the frequency once per branch, not once per writer
         branch as (${frequenciesOfPathsSql(sql`select distinct org_path from writers`, departmentDefault)}),
         w as (select writers.*, branch.frequency from writers join branch using (org_path))
    select w.*, p.label, p.start_on, p.last_on,
           exists (select 1 from thought_reports r where r.member_id = w.member_id and r.period = p.label) as handed
      from w join periods p on p.frequency = w.frequency
     where (w.writer_from is null or w.writer_from <= p.start_on)
       and (w.writer_until is null or w.writer_until > p.last_on)`;
}

/** The period of each frequency now running, or the one before it. */
export function periodsAround(today: string, when: 'current' | 'previous'): Period[] {
  return THOUGHT_REPORT_FREQUENCIES.map((f) => {
    const p = periodOf(today, f);
    return when === 'current' ? p : previousPeriod(p);
  });
}

/**
 * 未交与缺交: who in the caller's scope (or one org's subtree) has not handed in the report of the
 * period now running (still due) or of the one before it (missing), by org and name.
 */
export async function listDue(
  ctx: Ctx,
  q: PageQuery & { orgId?: string; when: 'current' | 'previous' },
): Promise<Page<ThoughtReportDue>> {
  const scope = await listScope(ctx, 'thought_report.review', q.orgId);
  const today = shanghaiToday(ctx.now());
  const owed = owedSql(
    scope.paths,
    periodsAround(today, q.when),
    await getSetting(ctx.db, thoughtReportFrequency),
  );
  type Row = {
    member_id: number;
    name: string;
    status: string;
    org_id: number;
    org_name: string;
    label: string;
    last_on: string;
    total: number;
  };
  const page = await paginate<Row>(q, {
    rows: async (limit, offset) =>
      (
        await ctx.db.execute<Row>(sql`
          select o.member_id, o.name, o.status, o.org_id, g.name as org_name, o.label, o.last_on::text,
                 count(*) over ()::int as total
            from (${owed}) o join orgs g on g.id = o.org_id
           where not o.handed
           order by o.org_path, o.name, o.member_id
           limit ${limit} offset ${offset}`)
      ).rows,
    count: async () =>
      (
        await ctx.db.execute<{ n: number }>(
          sql`select count(*)::int as n from (${owed}) o where not o.handed`,
        )
      ).rows,
    totalIn: (r) => r.total,
  });
  return {
    ...page,
    items: page.items.map((r) => ({
      memberId: String(r.member_id),
      name: r.name,
      stage: r.status as ThoughtReportDue['stage'],
      orgId: String(r.org_id),
      orgName: r.org_name,
      period: r.label,
      periodLast: r.last_on,
      state: dueState({ last: r.last_on }, today),
    })),
  };
}
