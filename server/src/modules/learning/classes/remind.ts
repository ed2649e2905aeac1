import { eq } from 'drizzle-orm';
import type { RemindResult } from '../../../../../contracts/learning/classes.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { shanghaiClock } from '../../../platform/time.ts';
import { noticeRecipients } from '../../members/index.ts';
import { onlineClasses } from '../schema.ts';
import { CLASS_REMIND_NOTICE } from './notice.ts';
import { planSize, unfinishedMemberIds } from './progress.ts';
import { mayRemind, nextRemindAt, REMIND_INTERVAL_MINUTES } from './rules.ts';
import { classFor } from './store.ts';

/**
 * 提醒未完成: the members of the cohort with a course of the plan left are sent a notice (a new one
 * each time, opening their classes in the member app). At most once an hour per class (rules.ts);
 * the class's row is locked, so two admins pressing at once remind once. Audited.
 */
export async function remindUnfinished(ctx: Ctx, id: number): Promise<RemindResult> {
  return inTransaction(ctx.db, async (tx) => {
    const c = await classFor(ctx, tx, id, 'class.manage', true);
    const now = ctx.now();
    if (!mayRemind(c.lastRemindedAt, now))
      throw conflict(
        'remind_too_soon',
        {
          zh: `上次提醒于 ${shanghaiClock(c.lastRemindedAt!)}，每个班级每 ${REMIND_INTERVAL_MINUTES} 分钟最多提醒一次，请于 ${shanghaiClock(nextRemindAt(c.lastRemindedAt!))} 后再提醒`,
          en: `Last reminded at ${shanghaiClock(c.lastRemindedAt!)}; a class can be reminded once every ${REMIND_INTERVAL_MINUTES} minutes`,
        },
        { lastRemindedAt: c.lastRemindedAt!.toISOString() },
      );
    const memberIds = await unfinishedMemberIds(tx, id);
    const recipients = await noticeRecipients(tx, { memberIds });
    const total = await planSize(tx, id);
    let reminded = 0;
    if (recipients.length) {
      const sent = await sendNotice(tx, ctx, {
        kind: CLASS_REMIND_NOTICE.kind,
        orgId: c.orgId,
        title: `网上班级“${c.name}”还有课程未学完，请于 ${c.deadline} 前完成`.slice(0, 200),
        body: `课程计划共 ${total} 门，点开即可继续学习。`,
        link: '/m/learning/classes',
        source: { type: 'online_class_remind', id: `${c.id}-${now.getTime()}` },
        recipients,
      });
      reminded = sent.recipients;
    }
    await tx.update(onlineClasses).set({ lastRemindedAt: now }).where(eq(onlineClasses.id, id));
    await recordAudit(tx, ctx, {
      action: 'class.reminded',
      targetType: 'online_class',
      targetId: c.id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      after: { unfinished: memberIds.length, reminded },
    });
    return { reminded, remindedAt: now.toISOString() };
  });
}
