import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Activity, CancelActivity } from '../../../../../contracts/life/activities.ts';
import { ACTIVITY_STATUS_LABELS } from '../../../../../contracts/labels.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { activities } from '../schema.ts';
import { activityView } from './read-activity.ts';
import { activityFor } from './store.ts';

/** 取消: a planned activity that will not take place, with the reason; it then counts nowhere. */
export async function cancelActivity(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof CancelActivity>,
): Promise<Activity> {
  return inTransaction(ctx.db, async (tx) => {
    const a = await activityFor(ctx, tx, id, 'activity.manage', true);
    if (a.status !== 'planned') {
      const s = ACTIVITY_STATUS_LABELS[a.status as keyof typeof ACTIVITY_STATUS_LABELS];
      throw conflict('activity_not_planned', {
        zh: `该活动${s.zh}，不能取消`,
        en: `This activity is ${s.en.toLowerCase()}; it cannot be cancelled`,
      });
    }
    const [row] = await tx
      .update(activities)
      .set({ status: 'cancelled', signInOpen: false, cancelReason: input.reason, updatedAt: ctx.now() })
      .where(eq(activities.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'activity.cancelled',
      targetType: 'activity',
      targetId: id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      before: { status: a.status },
      after: { status: row.status, reason: input.reason },
    });
    return activityView(ctx, tx, row);
  });
}
