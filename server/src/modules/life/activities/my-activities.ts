import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type { MyActivity, MyActivityQuery } from '../../../../../contracts/life/activities.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { memberOfUser } from '../../members/index.ts';
import { presentMine } from './present.ts';

type Row = {
  id: number;
  org_name: string;
  kind: string;
  topic: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  signed_in_at: Date | null;
  leave: string | null;
  leave_reason: string | null;
  total: number;
};

/**
 * 我的组织生活 (member app): the activities the member is on the list of — upcoming (not yet ended,
 * soonest first) or past (newest first). A login with no member record has none.
 */
export async function myActivities(ctx: Ctx, q: z.infer<typeof MyActivityQuery>): Promise<Page<MyActivity>> {
  const me = await memberOfUser(ctx.db, actorOf(ctx).userId);
  if (!me) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const now = ctx.now();
  const upcoming = q.when === 'upcoming';
  const filter = sql`t.member_id = ${me.memberId} and ${upcoming ? sql`a.ends_at > ${now}` : sql`a.ends_at <= ${now}`}`;
  const order = upcoming ? sql`a.starts_at asc, a.id asc` : sql`a.starts_at desc, a.id desc`;
  const page = await paginate(q, {
    totalIn: (r: Row) => Number(r.total),
    count: async () =>
      (
        await ctx.db.execute<{ n: number }>(
          sql`select count(*)::int as n from activity_attendees t join activities a on a.id = t.activity_id where ${filter}`,
        )
      ).rows,
    rows: async (limit, offset) =>
      (
        await ctx.db.execute<Row>(sql`
          select a.id, o.name as org_name, a.kind, a.topic, a.place, a.starts_at, a.ends_at, a.status,
                 t.signed_in_at, t.leave, t.leave_reason, count(*) over ()::int as total
            from activity_attendees t
            join activities a on a.id = t.activity_id
            join orgs o on o.id = a.org_id
           where ${filter}
           order by ${order} limit ${limit} offset ${offset}`)
      ).rows,
  });
  return {
    ...page,
    items: page.items.map((r) =>
      presentMine(
        {
          id: Number(r.id),
          kind: r.kind,
          topic: r.topic,
          place: r.place,
          startsAt: new Date(r.starts_at),
          endsAt: new Date(r.ends_at),
          status: r.status,
        },
        r.org_name,
        {
          signedInAt: r.signed_in_at ? new Date(r.signed_in_at) : null,
          leave: r.leave,
          leaveReason: r.leave_reason,
        },
        now,
      ),
    ),
  };
}
