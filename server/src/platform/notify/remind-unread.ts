import { and, eq, isNull, sql } from 'drizzle-orm';
import type { SentNotice } from '../../../../contracts/notify.ts';
import { inTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { conflict } from '../http/errors.ts';
import { shanghaiClock } from '../time.ts';
import { channelNamed } from './channels.ts';
import { mayRemind, nextRemindAt, REMIND_INTERVAL_MINUTES } from './rules.ts';
import { noticeReceipts, notices } from './schema.ts';
import { loadSentNotice, presentSentById } from './sent-notices.ts';

/**
 * 提醒未读: every recipient who has not read the notice is reminded — the receipt's reminded_at and
 * remind_count move, the notice rises to the top of their list, and each channel of the plan
 * delivers it again (in-app: the receipt is the delivery). At most once an hour per notice
 * (rules.ts: with SMS each reminder costs money, and reminders that come too often are ignored);
 * the notice's row is locked, so two admins pressing at once remind once.
 */
export async function remindUnread(
  ctx: Ctx,
  noticeId: number,
): Promise<{ reminded: number; notice: SentNotice }> {
  return inTransaction(ctx.db, async (tx) => {
    const n = await loadSentNotice(tx, ctx, noticeId, 'notice.send', true);
    const now = ctx.now();
    if (!mayRemind(n.lastRemindedAt, now)) {
      const next = nextRemindAt(n.lastRemindedAt!);
      throw conflict('remind_too_soon', {
        zh: `每条通知每 ${REMIND_INTERVAL_MINUTES} 分钟最多提醒一次，请于 ${shanghaiClock(next)} 后再提醒`,
        en: `A notice's unread can be reminded once every ${REMIND_INTERVAL_MINUTES} minutes; try again after ${shanghaiClock(next)}`,
      });
    }
    const reminded = await tx
      .update(noticeReceipts)
      .set({ remindedAt: now, remindCount: sql`${noticeReceipts.remindCount} + 1` })
      .where(and(eq(noticeReceipts.noticeId, noticeId), isNull(noticeReceipts.readAt)))
      .returning({ memberId: noticeReceipts.memberId });
    if (reminded.length) {
      await tx.update(notices).set({ lastRemindedAt: now }).where(eq(notices.id, noticeId));
      for (const c of n.channels)
        await channelNamed(c)?.deliver(tx, ctx, {
          notice: { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link },
          memberIds: reminded.map((r) => r.memberId),
          reason: 'remind',
        });
      await recordAudit(tx, ctx, {
        action: 'notice.remind',
        targetType: 'notice',
        targetId: noticeId,
        orgId: n.orgId,
        orgPath: n.orgPath,
        after: { reminded: reminded.length },
      });
    }
    return { reminded: reminded.length, notice: await presentSentById(tx, ctx, noticeId) };
  });
}
