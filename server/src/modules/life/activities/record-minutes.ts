import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Activity, RecordMinutes } from '../../../../../contracts/life/activities.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { activities } from '../schema.ts';
import { refusedNow } from './errors.ts';
import { activityView } from './read-activity.ts';
import { minutesRefusal } from './rules.ts';
import { activityFor } from './store.ts';

/**
 * 会议记录: the host, the recorder and the minutes (plain text: stored as typed, always shown as
 * text, so markup in it stays inert). Recording them marks the activity held: what the monthly
 * counts and the due list count. Editing them later keeps it held.
 */
export async function recordMinutes(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof RecordMinutes>,
): Promise<Activity> {
  return inTransaction(ctx.db, async (tx) => {
    const a = await activityFor(ctx, tx, id, 'activity.manage', true);
    const refusal = minutesRefusal(a, ctx.now());
    if (refusal) throw refusedNow(refusal);
    const [row] = await tx
      .update(activities)
      .set({ ...input, status: 'held', updatedAt: ctx.now() })
      .where(eq(activities.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'activity.minutes_recorded',
      targetType: 'activity',
      targetId: id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      before: { status: a.status, host: a.host, recorder: a.recorder, minutes: a.minutes },
      after: { status: row.status, host: row.host, recorder: row.recorder, minutes: row.minutes },
    });
    return activityView(ctx, tx, row);
  });
}
