import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Activity,
  AskLeave,
  DecideLeave,
  MyActivity,
} from '../../../../../contracts/life/activities.ts';
import { inTransaction } from '../../../db/client.ts';
import { can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../../platform/http/errors.ts';
import { memberOfUser } from '../../members/index.ts';
import { activities, activityAttendees } from '../schema.ts';
import { refusedNow } from './errors.ts';
import { presentMine } from './present.ts';
import { activityView } from './read-activity.ts';
import { leaveRefusal } from './rules.ts';
import { activityFor, orgNameOf } from './store.ts';

/**
 * 请假: a member on the list asks, with the reason, before the activity ends; asking again while
 * undecided replaces the reason. The secretary decides (decideLeave).
 */
export async function askLeave(
  ctx: Ctx,
  activityId: number,
  input: z.infer<typeof AskLeave>,
): Promise<MyActivity> {
  const actor = actorOf(ctx);
  const me = await memberOfUser(ctx.db, actor.userId);
  return inTransaction(ctx.db, async (tx) => {
    const [a] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('share');
    if (!a) throw notFound({ zh: '组织生活活动', en: 'Activity' });
    if (!me) throw forbidden({ zh: '您的账号没有关联党员档案', en: 'Your account has no member record' });
    const [row] = await tx
      .select()
      .from(activityAttendees)
      .where(and(eq(activityAttendees.activityId, activityId), eq(activityAttendees.memberId, me.memberId)))
      .for('update');
    // the list decides (a 党总支's meeting is attended by the branches below it), as for signing in
    if (!row)
      throw can(actor, 'activity.attend', a.orgPath)
        ? forbidden({
            zh: '您不在本次活动的参会名单中，无需请假',
            en: 'You are not on the list of attendees',
          })
        : forbidden({ zh: '这是其他党组织的活动，不能请假', en: "This is another organization's activity" });
    const now = ctx.now();
    const refusal = leaveRefusal(a, { signedIn: !!row.signedInAt, leave: row.leave }, now);
    if (refusal) throw refusedNow(refusal);
    // the same request sent twice (a double tap waits on the row's lock) is asked once
    if (row.leave === 'requested' && row.leaveReason === input.reason)
      return presentMine(a, await orgNameOf(tx, a.orgId), row, now);
    const [saved] = await tx
      .update(activityAttendees)
      .set({ leave: 'requested', leaveReason: input.reason, leaveAskedAt: now })
      .where(and(eq(activityAttendees.activityId, activityId), eq(activityAttendees.memberId, me.memberId)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'activity.leave_requested',
      targetType: 'activity',
      targetId: a.id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      after: { memberId: me.memberId, reason: input.reason },
    });
    return presentMine(a, await orgNameOf(tx, a.orgId), saved, now);
  });
}

/** 审批请假: the secretary approves or refuses a request (a refused member is then due to come). */
export async function decideLeave(
  ctx: Ctx,
  activityId: number,
  memberId: number,
  input: z.infer<typeof DecideLeave>,
): Promise<Activity> {
  return inTransaction(ctx.db, async (tx) => {
    const a = await activityFor(ctx, tx, activityId, 'activity.manage', true);
    const [row] = await tx
      .select()
      .from(activityAttendees)
      .where(and(eq(activityAttendees.activityId, activityId), eq(activityAttendees.memberId, memberId)))
      .for('update');
    if (!row) throw notFound({ zh: '参会党员', en: 'Attendee' });
    if (row.leave !== 'requested')
      throw conflict('no_leave_request', {
        zh: row.leave ? `${row.name}的请假已审批` : `${row.name}没有请假`,
        en: row.leave ? 'This leave was decided already' : 'No leave was asked',
      });
    const leave = input.approve ? 'approved' : 'refused';
    await tx
      .update(activityAttendees)
      .set({
        leave,
        leaveNote: input.note ?? null,
        leaveDecidedBy: actorOf(ctx).userId,
        leaveDecidedAt: ctx.now(),
      })
      .where(and(eq(activityAttendees.activityId, activityId), eq(activityAttendees.memberId, memberId)));
    await recordAudit(tx, ctx, {
      action: input.approve ? 'activity.leave_approved' : 'activity.leave_refused',
      targetType: 'activity',
      targetId: a.id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      after: { memberId, leave, note: input.note ?? null },
    });
    return activityView(ctx, tx, a);
  });
}
