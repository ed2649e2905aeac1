import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { MyNotice } from '../../../../contracts/notify.ts';
import { inTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { actorOf, type Ctx } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { paginate } from '../http/pagination.ts';
import { orgs } from '../tree/index.ts';
import { presentMine } from './present.ts';
import { noticeReceipts, notices } from './schema.ts';

const NOTICE = { zh: '通知', en: 'Notice' };

/** The signed-in account's notices: newest (or newest reminded) first; optionally the unread first or only. */
export async function listMyNotices(
  ctx: Ctx,
  q: { page: number; pageSize: number; unreadFirst?: 'true' | 'false'; unread?: 'true' | 'false' },
) {
  const me = actorOf(ctx).userId;
  const where = and(
    eq(noticeReceipts.userId, me),
    q.unread === 'true' ? isNull(noticeReceipts.readAt) : undefined,
  );
  const order = [
    ...(q.unreadFirst === 'true' ? [sql`${noticeReceipts.readAt} is null desc`] : []),
    desc(sql`coalesce(${noticeReceipts.remindedAt}, ${noticeReceipts.createdAt})`),
    desc(noticeReceipts.noticeId),
  ];
  return paginate<MyNotice>(q, {
    rows: async (limit, offset) =>
      (
        await ctx.db
          .select({ r: noticeReceipts, n: notices, orgName: orgs.name })
          .from(noticeReceipts)
          .innerJoin(notices, eq(notices.id, noticeReceipts.noticeId))
          .innerJoin(orgs, eq(orgs.id, notices.orgId))
          .where(where)
          .orderBy(...order)
          .limit(limit)
          .offset(offset)
      ).map((row) => presentMine(ctx, row.n, row.r, row.orgName)),
    count: () => ctx.db.select({ n: count() }).from(noticeReceipts).where(where),
  });
}

/** The badge on the member home and the console's bell: one index range (notice_receipts_unread_idx). */
export async function myUnreadCount(ctx: Ctx): Promise<{ count: number }> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(noticeReceipts)
    .where(and(eq(noticeReceipts.userId, actorOf(ctx).userId), isNull(noticeReceipts.readAt)));
  return { count: row.n };
}

/**
 * Opening one of one's notices marks it read (the first time; opening it again changes nothing).
 * A notice addressed to someone else is "not found": whether it exists is not the caller's business.
 */
export async function readMyNotice(ctx: Ctx, noticeId: number): Promise<MyNotice> {
  const me = actorOf(ctx).userId;
  return inTransaction(ctx.db, async (tx) => {
    const marked = await tx
      .update(noticeReceipts)
      .set({ readAt: ctx.now() })
      .where(
        and(
          eq(noticeReceipts.noticeId, noticeId),
          eq(noticeReceipts.userId, me),
          isNull(noticeReceipts.readAt),
        ),
      )
      .returning({ memberId: noticeReceipts.memberId });
    const [row] = await tx
      .select({ r: noticeReceipts, n: notices, orgName: orgs.name })
      .from(noticeReceipts)
      .innerJoin(notices, eq(notices.id, noticeReceipts.noticeId))
      .innerJoin(orgs, eq(orgs.id, notices.orgId))
      .where(and(eq(noticeReceipts.noticeId, noticeId), eq(noticeReceipts.userId, me)))
      .limit(1);
    if (!row) throw notFound(NOTICE);
    if (marked.length)
      await recordAudit(tx, ctx, {
        action: 'notice.read',
        targetType: 'notice',
        targetId: noticeId,
        orgId: row.n.orgId,
        orgPath: row.n.orgPath,
        after: { memberId: row.r.memberId, readAt: row.r.readAt },
      });
    return presentMine(ctx, row.n, row.r, row.orgName);
  });
}
