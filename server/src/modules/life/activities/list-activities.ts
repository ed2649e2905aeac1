import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActivityListQuery, ActivitySummary } from '../../../../../contracts/life/activities.ts';
import type { Page } from '../../../../../contracts/common.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiMonthRange } from '../../../platform/time.ts';
import { presentAttendance, presentSummary } from './present.ts';

type Row = {
  id: number;
  org_id: number;
  org_name: string;
  kind: string;
  topic: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  sign_in_open: boolean;
  expected: number;
  present: number;
  leave: number;
  due: number;
  total: number;
};

/**
 * Figures of one activity `a`, by the rule of rules.ts `attendance` (due = expected or present, and
 * not on approved leave while absent): one index range of activity_attendees per row shown.
 */
export const figuresOf = (a: SQL) => sql`
  left join lateral (
    select count(*) filter (where t.expected)::int as expected,
           count(*) filter (where t.signed_in_at is not null)::int as present,
           count(*) filter (where t.leave = 'approved' and t.signed_in_at is null)::int as leave,
           count(*) filter (where (t.expected or t.signed_in_at is not null)
                              and not (t.leave is not distinct from 'approved' and t.signed_in_at is null))::int as due
      from activity_attendees t where t.activity_id = ${a}) f on true`;

/** 组织生活 in the actor's scope (or the org asked for), newest first, with attendance. */
export async function listActivities(
  ctx: Ctx,
  q: z.infer<typeof ActivityListQuery>,
): Promise<Page<ActivitySummary>> {
  const scope = await listScope(ctx, 'activity.view', q.orgId);
  const where: SQL[] = [scope.covers(sql`a.org_path`)];
  if (q.kind) where.push(sql`a.kind = ${q.kind}`);
  if (q.status) where.push(sql`a.status = ${q.status}`);
  if (q.month) {
    const { from, to } = shanghaiMonthRange(q.month);
    where.push(sql`a.starts_at >= ${from} and a.starts_at < ${to}`);
  }
  const filter = sql.join(where, sql` and `);
  const page = await paginate(q, {
    totalIn: (r: Row) => Number(r.total),
    count: async () =>
      (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from activities a where ${filter}`))
        .rows,
    rows: async (limit, offset) =>
      (
        await ctx.db.execute<Row>(sql`
          select a.id, a.org_id, o.name as org_name, a.kind, a.topic, a.place, a.starts_at, a.ends_at, a.status,
                 a.sign_in_open, f.expected, f.present, f.leave, f.due,
                 (select count(*)::int from activities a where ${filter}) as total
            from (select * from activities a where ${filter}
                   order by a.starts_at desc, a.id desc limit ${limit} offset ${offset}) a
            join orgs o on o.id = a.org_id
            ${figuresOf(sql`a.id`)}
           order by a.starts_at desc, a.id desc`)
      ).rows,
  });
  return {
    ...page,
    items: page.items.map((r) =>
      presentSummary(
        {
          id: Number(r.id),
          orgId: Number(r.org_id),
          kind: r.kind,
          topic: r.topic,
          place: r.place,
          startsAt: new Date(r.starts_at),
          endsAt: new Date(r.ends_at),
          status: r.status,
          signInOpen: r.sign_in_open,
        },
        r.org_name,
        presentAttendance(r),
      ),
    ),
  };
}
