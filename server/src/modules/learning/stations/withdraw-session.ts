import { eq } from 'drizzle-orm';
import type { StationSession } from '../../../../../contracts/learning/stations.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { stationSessionAttendees, stationSessions } from '../schema.ts';
import { withdrawStudy } from '../study/credit-study.ts';
import { sessionFor, sessionView } from './list-sessions.ts';
import { authorizeOperate } from './policy.ts';
import { withdrawProblem } from './rules.ts';
import { staffOf } from './store.ts';

/**
 * 撤销集中学习记录: a session entered by mistake is taken back by whoever may enter the station's
 * sessions, with a reason. Its row stays (the audit trail and the list show it struck out); its
 * attendees lose the study it gave them and the station's month no longer counts its minutes — in
 * one transaction with the audit entry, the row locked so that two withdrawals take back once.
 */
export async function withdrawSession(ctx: Ctx, id: number, reason: string): Promise<StationSession> {
  const actor = actorOf(ctx);
  const x = await sessionFor(ctx, ctx.db, id, 'station.operate');
  const staff = await staffOf(ctx.db, [x.r.stationId]);
  authorizeOperate(
    actor,
    { orgPath: x.orgPath },
    staff.map((s) => s.userId),
  );
  return inTransaction(ctx.db, async (tx) => {
    const [r] = await tx.select().from(stationSessions).where(eq(stationSessions.id, id)).for('update');
    const problem = withdrawProblem(r, ctx.now());
    if (problem) throw conflict('session_not_withdrawable', problem);
    const attendees = await tx
      .select({ memberId: stationSessionAttendees.memberId })
      .from(stationSessionAttendees)
      .where(eq(stationSessionAttendees.sessionId, id));
    await tx
      .update(stationSessions)
      .set({ withdrawnAt: ctx.now(), withdrawnBy: actor.userId, withdrawnReason: reason })
      .where(eq(stationSessions.id, id));
    await withdrawStudy(tx, {
      memberIds: attendees.map((a) => a.memberId),
      source: 'station',
      seconds: r.minutes * 60,
      day: shanghaiToday(r.startedAt),
      courseId: r.courseId,
    });
    await recordAudit(tx, ctx, {
      action: 'station.session_withdrawn',
      targetType: 'station_session',
      targetId: id,
      orgId: x.orgId,
      orgPath: x.orgPath,
      before: { minutes: r.minutes, attendees: attendees.length, title: r.title, startedAt: r.startedAt },
      after: { withdrawn: true, reason },
    });
    return sessionView(ctx, tx, id);
  });
}
