import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { NoticeReceipt } from '../../../../contracts/notify.ts';
import type { Ctx } from '../context.ts';
import { paginate } from '../http/pagination.ts';
import type { NoticePeople } from './people.ts';
import { presentReceipt } from './present.ts';
import { noticeReceipts } from './schema.ts';
import { loadSentNotice } from './sent-notices.ts';

/**
 * Who has read a notice and who has not, named with their orgs: for the admins whose scope covers
 * the notice's org (a town admin never sees another town's receipts). The unread first, then by
 * member, so the list a secretary chases is at the top.
 */
export async function listReceipts(
  ctx: Ctx,
  people: NoticePeople,
  noticeId: number,
  q: { page: number; pageSize: number; state?: 'read' | 'unread' },
) {
  await loadSentNotice(ctx.db, ctx, noticeId, 'notice.view');
  const where = and(
    eq(noticeReceipts.noticeId, noticeId),
    q.state === 'read'
      ? isNotNull(noticeReceipts.readAt)
      : q.state === 'unread'
        ? isNull(noticeReceipts.readAt)
        : undefined,
  );
  return paginate<NoticeReceipt>(q, {
    rows: async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(noticeReceipts)
        .where(where)
        .orderBy(
          sql`${noticeReceipts.readAt} is null desc`,
          asc(noticeReceipts.readAt),
          asc(noticeReceipts.memberId),
        )
        .limit(limit)
        .offset(offset);
      const names = await people.describe(
        ctx.db,
        rows.map((r) => r.memberId),
      );
      return rows.map((r) => presentReceipt(r, names.get(r.memberId)));
    },
    count: () => ctx.db.select({ n: count() }).from(noticeReceipts).where(where),
  });
}
