import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ActivityFrequency,
  ActivityKind,
  BranchDue,
  DueList,
  DueQuery,
  KindDue,
} from '../../../../../contracts/life/activities.ts';
import { ACTIVITY_KINDS } from '../../../../../contracts/life/activities.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { addDays, periodOf, shanghaiToday } from '../../../platform/time.ts';
import { kindState } from './rules.ts';
import { activityFrequencies } from './settings.ts';

const at = (day: string) => new Date(`${day}T00:00:00+08:00`);

type Counted = { kind: ActivityKind; this: number; last: number; lastHeld: string | null };

/**
 * For each kind the department requires, the current and the last complete period of `today`
 * (platform/time.ts periodOf): what the SQL counts held activities in.
 */
function periods(freqs: Record<ActivityKind, ActivityFrequency>, today: string) {
  return ACTIVITY_KINDS.flatMap((kind) => {
    const cur = periodOf(freqs[kind], today);
    const prev = periodOf(freqs[kind], today, 1);
    return cur && prev ? [{ kind, frequency: freqs[kind], cur, prev }] : [];
  });
}

/**
 * Held activities of each required kind per branch in scope, in the current and the last period,
 * counted in one statement; `overdue` there is the rule of rules.ts kindState (the last period
 * held none), so the list can be filtered and ordered by it in SQL.
 */
function countedSql(scope: SQL, ps: ReturnType<typeof periods>) {
  const values = sql.join(
    ps.map(
      (p) =>
        sql`(${p.kind}, ${at(p.cur.start)}::timestamptz, ${at(p.cur.next)}::timestamptz, ${at(p.prev.start)}::timestamptz)`,
    ),
    sql`, `,
  );
  return sql`
    p(kind, cur_start, cur_next, prev_start) as (values ${values}),
    b as (select id, name, path from orgs where kind = 'branch' and ${scope}),
    c as (
      select b.id as org_id, p.kind,
             count(a.id) filter (where a.starts_at >= p.cur_start)::int as this,
             count(a.id) filter (where a.starts_at >= p.prev_start and a.starts_at < p.cur_start)::int as last,
             max(a.starts_at) as last_held
        from b cross join p
        left join activities a
          on a.org_id = b.id and a.kind = p.kind and a.status = 'held' and a.starts_at < p.cur_next
       group by b.id, p.kind)`;
}

/** 应开展/逾期: for every branch in scope, each required kind this period, and the chart's summary. */
export async function listDue(ctx: Ctx, q: z.infer<typeof DueQuery>): Promise<DueList> {
  const scope = await listScope(ctx, 'activity.view', q.orgId);
  const freqs = await getSetting(ctx.db, activityFrequencies);
  const today = shanghaiToday(ctx.now());
  const ps = periods(freqs, today);
  const base = countedSql(scope.covers(sql`path`), ps);
  const onlyOverdue = q.overdue === 'true' ? sql`where overdue > 0` : sql``;
  type Row = { id: number; name: string; kinds: Counted[]; overdue: number; total: number };
  const empty = !ps.length;
  const page = empty
    ? { items: [] as Row[], total: 0, page: q.page, pageSize: q.pageSize }
    : await paginate(q, {
        totalIn: (r: Row) => Number(r.total),
        count: async () =>
          (
            await ctx.db.execute<{ n: number }>(sql`
              with ${base},
              bb as (select b.id, count(*) filter (where c.last = 0)::int as overdue from b join c on c.org_id = b.id group by b.id)
              select count(*)::int as n from bb ${onlyOverdue}`)
          ).rows,
        rows: async (limit, offset) =>
          (
            await ctx.db.execute<Row>(sql`
              with ${base},
              bb as (
                select b.id, b.name, b.path, count(*) filter (where c.last = 0)::int as overdue,
                       json_agg(json_build_object('kind', c.kind, 'this', c.this, 'last', c.last,
                                'lastHeld', to_char(c.last_held at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))) as kinds
                  from b join c on c.org_id = b.id group by b.id, b.name, b.path)
              select id, name, kinds, overdue, count(*) over ()::int as total
                from bb ${onlyOverdue}
               order by overdue desc, path limit ${limit} offset ${offset}`)
          ).rows,
      });
  const summary = empty
    ? []
    : (
        await ctx.db.execute<{
          kind: ActivityKind;
          met: number;
          due: number;
          overdue: number;
          branches: number;
        }>(sql`
          with ${base}
          select kind, count(*) filter (where this > 0)::int as met, count(*) filter (where this = 0)::int as due,
                 count(*) filter (where last = 0)::int as overdue, count(*)::int as branches
            from c group by kind`)
      ).rows;
  const byKind = new Map(ps.map((p) => [p.kind, p]));
  const items: BranchDue[] = page.items.map((r) => ({
    orgId: String(r.id),
    orgName: r.name,
    overdueCount: r.overdue,
    kinds: ACTIVITY_KINDS.flatMap((k): KindDue[] => {
      const p = byKind.get(k);
      const c = r.kinds.find((x) => x.kind === k);
      if (!p || !c) return [];
      const state = kindState(p.frequency, today, { thisPeriod: c.this, lastPeriod: c.last });
      return [
        {
          kind: k,
          frequency: p.frequency,
          period: p.cur.label,
          dueBy: addDays(p.cur.next, -1),
          heldThisPeriod: c.this,
          due: state.due,
          overduePeriod: state.overduePeriod,
          lastHeldOn: c.lastHeld,
        },
      ];
    }),
  }));
  return {
    items,
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    today,
    branches: summary[0]?.branches ?? 0,
    summary: ACTIVITY_KINDS.flatMap((k) => {
      const s = summary.find((x) => x.kind === k);
      return s ? [{ kind: k, met: s.met, due: s.due, overdue: s.overdue }] : [];
    }),
  };
}
