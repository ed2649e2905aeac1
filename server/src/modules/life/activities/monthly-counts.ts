import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MonthlyCounts, MonthlyQuery, MonthlyRow } from '../../../../../contracts/life/activities.ts';
import type { Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg, inSubtree } from '../../../platform/tree/index.ts';
import { shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';
import { figuresOf } from './list-activities.ts';

type Counted = {
  org_id: number;
  org_name: string;
  kind: string | null;
  held: number;
  expected: number;
  present: number;
  leave: number;
  due: number;
};

/** Folds per-kind rows into one row per org: held per kind, attendance summed, the rate of the sums. */
function fold(rows: Counted[], order: number[] = []): MonthlyRow[] {
  const by = new Map<number, MonthlyRow & { due: number }>();
  for (const id of order) by.set(id, blank(id, ''));
  for (const r of rows) {
    const id = Number(r.org_id);
    const row = by.get(id) ?? blank(id, r.org_name);
    row.orgName = r.org_name;
    if (r.kind && r.held) {
      row.held[r.kind] = (row.held[r.kind] ?? 0) + Number(r.held);
      row.heldTotal += Number(r.held);
    }
    row.expected += Number(r.expected ?? 0);
    row.present += Number(r.present ?? 0);
    row.leave += Number(r.leave ?? 0);
    row.due += Number(r.due ?? 0);
    by.set(id, row);
  }
  return [...by.values()].map(({ due, ...r }) => ({ ...r, rate: due ? r.present / due : null }));
}
const blank = (id: number, name: string): MonthlyRow & { due: number } => ({
  orgId: String(id),
  orgName: name,
  held: {},
  heldTotal: 0,
  expected: 0,
  present: 0,
  leave: 0,
  rate: null,
  due: 0,
});

const heldIn = (month: string, a: SQL) => {
  const { from, to } = shanghaiMonthRange(month);
  return sql`${a}.status = 'held' and ${a}.starts_at >= ${from} and ${a}.starts_at < ${to}`;
};

/**
 * What the assessment reads (组织生活开展情况): for `month` (Asia/Shanghai), per org of the subtree
 * at `orgPath` that held any, the activities held of each kind and their attendance (present over
 * due: expected attendees less approved leave not present, rules.ts `attendance`). Counted from
 * the records — an activity counts once its minutes are recorded (status 'held').
 */
export async function monthlyCounts(db: Queryable, orgPath: string, month: string): Promise<MonthlyRow[]> {
  const { rows } = await db.execute<Counted>(sql`
    select a.org_id, o.name as org_name, a.kind, count(*)::int as held,
           sum(f.expected)::int as expected, sum(f.present)::int as present, sum(f.leave)::int as leave, sum(f.due)::int as due
      from activities a join orgs o on o.id = a.org_id
      ${figuresOf(sql`a.id`)}
     where ${inSubtree(sql`a.org_path`, orgPath)} and ${heldIn(month, sql`a`)}
     group by a.org_id, o.name, a.kind
     order by min(o.path)`);
  return fold(rows);
}

/**
 * The superior's view of a month: for each org directly below the one asked for (a branch asked
 * for is its own row), the sums of its subtree; and the total.
 */
export async function monthlyByChild(ctx: Ctx, q: z.infer<typeof MonthlyQuery>): Promise<MonthlyCounts> {
  const scope = await listScope(ctx, 'activity.view', q.orgId);
  const month = q.month ?? shanghaiMonth(ctx.now());
  // no org asked for: the top of the actor's (first) subtree
  const top = scope.org ?? (await findOrg(ctx.db, Number(scope.paths[0]?.split('/').at(-2))));
  if (!top) throw notFound({ zh: '党组织', en: 'Organization' });
  // the orgs directly below, and the org itself: its own activities are its own row (a branch with
  // 党小组 holds its 支部党员大会 itself; they must not vanish from its view), shown when it held
  // any or when nothing is below it
  const kidsSql = sql`
    select id, name, path from orgs where parent_id = ${top.id}
    union all
    select id, name, path from orgs where id = ${top.id}`;
  const { rows: kids } = await ctx.db.execute<{ id: number; name: string; path: string }>(
    sql`select * from (${kidsSql}) k order by path`,
  );
  // each activity of the subtree counted once, under the child its path lies below: the child's
  // path is the top's and one more id ('/1/' → '/1/17/' of '/1/17/342/'), joined by equality — not
  // every child's prefix matched against every activity. The top's own activities (their path is
  // the top's) fall to the top's own row.
  const n = top.path.length;
  const { rows } = await ctx.db.execute<Counted>(sql`
    select k.id as org_id, k.name as org_name, a.kind, count(a.id)::int as held,
           sum(f.expected)::int as expected, sum(f.present)::int as present, sum(f.leave)::int as leave, sum(f.due)::int as due
      from (${kidsSql}) k
      join (select a.id, a.kind, left(a.org_path, ${n}::int + strpos(substr(a.org_path, ${n}::int + 1), '/')) as child_path
              from activities a
             where ${inSubtree(sql`a.org_path`, top.path)} and ${heldIn(month, sql`a`)}) a on a.child_path = k.path
      ${figuresOf(sql`a.id`)}
     group by k.id, k.name, a.kind`);
  const below = kids.filter((k) => Number(k.id) !== Number(top.id));
  const ownHeld = rows.some((r) => Number(r.org_id) === Number(top.id));
  const items = fold(
    rows,
    (ownHeld || !below.length ? kids : below).map((k) => Number(k.id)),
  ).map((r) => ({
    ...r,
    orgName: r.orgName || kids.find((k) => Number(k.id) === Number(r.orgId))!.name,
  }));
  const totalRows = rows.map((r) => ({ ...r, org_id: top.id, org_name: top.name }));
  const [total] = fold(totalRows, [top.id]);
  return { month, items, total: { ...total, orgName: top.name } };
}
