import type { RecordStationSession, StationSession } from '../../../../../contracts/learning/stations.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { checkedAttendees } from '../attendees.ts';
import { findVisibleCourse } from '../library/visible.ts';
import { stationSessionAttendees, stationSessions } from '../schema.ts';
import { creditStudy } from '../study/credit-study.ts';
import { operatedStation } from './list-stations.ts';
import { startedAtProblem } from './rules.ts';
import { sessionView } from './list-sessions.ts';

/**
 * 登记集中学习: what the station played (a course of the library its members may study, or a title
 * the operator writes), when it started, for how long, and who came. Each attendee is credited the
 * minutes as station study on the day (Beijing), the course's progress with it, and the minutes
 * count towards the station's month — all in one transaction with the audit entry.
 */
export async function recordSession(
  ctx: Ctx,
  stationId: number,
  input: RecordStationSession,
): Promise<StationSession> {
  const actor = actorOf(ctx);
  const station = await operatedStation(ctx, stationId);
  if (!station.active)
    throw conflict('station_inactive', {
      zh: '该站点已停用，不能登记集中学习',
      en: 'This station is not in use',
    });
  const startedAt = new Date(input.startedAt);
  const problem = startedAtProblem(startedAt, ctx.now());
  if (problem) throw fieldError('startedAt', problem);
  let title = input.title;
  let courseId: number | null = null;
  if (input.courseId != null) {
    const course = await findVisibleCourse(ctx.db, Number(input.courseId), station.orgPath);
    if (!course)
      throw fieldError('courseId', {
        zh: '该课件不存在、未发布，或不对本站点的党员开放',
        en: 'no such published course open to this station’s members',
      });
    courseId = course.id;
    title ||= course.title;
  }
  const org = (await findOrg(ctx.db, station.orgId))!;
  const people = await checkedAttendees(ctx.db, org, input.memberIds);
  return inTransaction(ctx.db, async (tx) => {
    const [r] = await tx
      .insert(stationSessions)
      .values({
        stationId,
        courseId,
        title,
        startedAt,
        minutes: input.minutes,
        attendeeCount: people.length,
        recordedBy: actor.userId,
        createdAt: ctx.now(),
      })
      .returning();
    await tx
      .insert(stationSessionAttendees)
      .values(people.map((p) => ({ sessionId: r.id, memberId: p.memberId, name: p.name })));
    const day = shanghaiToday(startedAt);
    for (const p of people)
      await creditStudy(tx, {
        memberId: p.memberId,
        source: 'station',
        seconds: input.minutes * 60,
        day,
        courseId,
      });
    await recordAudit(tx, ctx, {
      action: 'station.session_recorded',
      targetType: 'station_session',
      targetId: r.id,
      orgId: station.orgId,
      orgPath: station.orgPath,
      after: {
        stationId,
        title,
        courseId,
        startedAt: r.startedAt,
        minutes: r.minutes,
        attendees: people.length,
      },
    });
    return sessionView(ctx, tx, r.id);
  });
}
