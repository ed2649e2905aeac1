import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  Message,
  MessageCounts,
  MessageCountsQuery,
  MessageCountsReport,
  OverdueQuery,
} from '../../../../../contracts/openness/messages.ts';
import type { Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError, forbidden } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { type OrgRow, orgs } from '../../../platform/tree/index.ts';
import { shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';
import { messages } from '../schema.ts';
import { filterSql } from './list-messages.ts';
import { presentMessage } from './present.ts';

/**
 * What the superior org sees of 留言: the messages below it nobody answered in time, and each
 * month's counts per org. Every figure is counted from the messages themselves, never typed in:
 * the assessment reads monthlyCounts.
 */

export type OrgMonthlyCounts = { orgId: number; received: number; answered: number; answeredInTime: number };

/**
 * For the messages that arrived in `month` (Asia/Shanghai) for the orgs of the subtree at
 * `orgPath`, per org that received any: how many arrived, how many have been answered (a first
 * reply from the org, whenever it came), and how many of those were answered by their deadline
 * (rules.ts answeredInTime, in SQL). A message closed without a reply counts as received, not
 * answered. One index range (messages_path_created_idx).
 */
export async function monthlyCounts(
  db: Queryable,
  orgPath: string,
  month: string,
): Promise<OrgMonthlyCounts[]> {
  const { from, to } = shanghaiMonthRange(month);
  const { rows } = await db.execute<{
    org_id: number;
    received: number;
    answered: number;
    in_time: number;
  }>(sql`
    select org_id,
           count(*)::int as received,
           count(first_answered_at)::int as answered,
           count(*) filter (where first_answered_at <= due_at)::int as in_time
      from messages
     where org_path like ${`${orgPath.replace(/[%_\\]/g, '\\$&')}%`}
       and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
     group by org_id
     order by org_id`);
  return rows.map((r) => ({
    orgId: Number(r.org_id),
    received: r.received,
    answered: r.answered,
    answeredInTime: r.in_time,
  }));
}

/** The org a report is about: the one asked for, or the caller's one subtree. */
async function rootFor(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  const scope = await listScope(ctx, 'message.oversee', orgId);
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

/**
 * The month's counts for an org's subtree and for each of its direct children (each over its own
 * subtree), with how many of them are overdue now: one query, grouped by the child each message
 * sits under (read from the org path), the total as its rollup.
 */
export async function countsReport(
  ctx: Ctx,
  q: z.infer<typeof MessageCountsQuery>,
): Promise<z.infer<typeof MessageCountsReport>> {
  const root = await rootFor(ctx, q.orgId);
  const month = q.month ?? shanghaiMonth(ctx.now());
  const { from, to } = shanghaiMonthRange(month);
  const now = ctx.now().toISOString();
  type Row = {
    child_id: number | null;
    child_name: string | null;
    received: number | null;
    answered: number | null;
    in_time: number | null;
    overdue: number | null;
  };
  const { rows } = await ctx.db.execute<Row>(sql`
    with x as (
      select split_part(substr(m.org_path, ${root.path.length + 1}), '/', 1) as child, m.*
        from messages m
       where m.org_path like ${`${root.path}%`}
         and m.created_at >= ${from.toISOString()}::timestamptz and m.created_at < ${to.toISOString()}::timestamptz
    ), agg as (
      select child, grouping(child) as g,
             count(*)::int as received,
             count(first_answered_at)::int as answered,
             count(*) filter (where first_answered_at <= due_at)::int as in_time,
             count(*) filter (where first_answered_at is null and status <> 'closed'
                                and due_at < ${now}::timestamptz)::int as overdue
        from x group by rollup (child)
    )
    select * from (
      select c.id as child_id, c.name as child_name, c.sort_order,
             a.received, a.answered, a.in_time, a.overdue
        from orgs c left join agg a on a.g = 0 and a.child = c.id::text
       where c.parent_id = ${root.id}
      union all
      select null, null, null, a.received, a.answered, a.in_time, a.overdue from agg a where a.g = 1
    ) r
    order by child_id is null, sort_order, child_id`);
  const counts = (orgId: number, orgName: string, r: Row | undefined): MessageCounts => ({
    orgId: String(orgId),
    orgName,
    received: r?.received ?? 0,
    answered: r?.answered ?? 0,
    answeredInTime: r?.in_time ?? 0,
    overdue: r?.overdue ?? 0,
  });
  return {
    month,
    total: counts(
      root.id,
      root.name,
      rows.find((r) => r.child_id == null),
    ),
    children: rows.filter((r) => r.child_id != null).map((r) => counts(r.child_id!, r.child_name!, r)),
  };
}

/**
 * 逾期留言: messages below the caller's orgs (or the one asked for) that nobody has answered by
 * their deadline, the longest overdue first, each with its org and days overdue.
 */
export async function overdueMessages(ctx: Ctx, q: z.infer<typeof OverdueQuery>): Promise<Page<Message>> {
  const scope = await listScope(ctx, 'message.oversee', q.orgId);
  const where = and(scope.covers(messages.orgPath), filterSql('overdue', ctx.now()));
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select({
          m: messages,
          orgName: orgs.name,
          replies: sql<number>`(select count(*)::int from message_replies r where r.message_id = ${messages.id})`,
        })
        .from(messages)
        .innerJoin(orgs, eq(orgs.id, messages.orgId))
        .where(where)
        .orderBy(asc(messages.dueAt), asc(messages.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(where),
  });
  return {
    ...page,
    items: page.items.map((r) => presentMessage(ctx, r.m, { orgName: r.orgName, replyCount: r.replies })),
  };
}
