import { and, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import type {
  LecturePeople,
  MyLectures,
  RateLecture,
  RecordLecture,
} from '../../../../../contracts/learning/pool.ts';
import { RATING_WINDOW_DAYS } from '../../../../../contracts/learning/pool.ts';
import type { z } from 'zod';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { addDays, shanghaiToday } from '../../../platform/time.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { memberOfUser } from '../../members/index.ts';
import { attendeeCandidates, checkedAttendees } from '../attendees.ts';
import { lectureAttendees, lectureRatings, lectures, teachers } from '../schema.ts';
import { rateBy, ratingDateRefusal } from './rules.ts';
import { LECTURE, teacherFor } from './store.ts';

const outsideOrg = {
  zh: '无权为该党组织登记授课：不在您的管理范围内',
  en: 'You may not record lectures for this org: it is outside your scope',
};

async function lectureOrg(ctx: Ctx, orgId: string) {
  const org = await findOrg(ctx.db, Number(orgId));
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'no such org' });
  authorize(actorOf(ctx), 'pool.manage', org.path, outsideOrg);
  return org;
}

/** The members who may be named as attending a lecture of the org: its subtree's (attendees.ts). */
export async function lecturePeople(ctx: Ctx, orgId: number): Promise<z.infer<typeof LecturePeople>> {
  const org = await lectureOrg(ctx, String(orgId));
  return attendeeCandidates(ctx.db, org.path);
}

/**
 * 登记授课: a teacher the caller may engage (one of their scope's, or one shared from above) gave
 * a lecture for an org of their scope on a day, not in the future; the attendees are members of
 * that org's subtree, and each of them may then rate it.
 */
export async function recordLecture(ctx: Ctx, input: RecordLecture) {
  const actor = actorOf(ctx);
  const org = await lectureOrg(ctx, input.orgId);
  const t = await teacherFor(ctx, ctx.db, Number(input.teacherId), 'pool.manage').catch((e) => {
    // a teacher of another town: refused as the field, not as the route
    if (e?.status === 403 || e?.status === 404)
      throw fieldError('teacherId', {
        zh: '师资不存在或不在您的管理范围内',
        en: 'no such teacher in your scope',
      });
    throw e;
  });
  if (input.lecturedOn > shanghaiToday(ctx.now()))
    throw fieldError('lecturedOn', { zh: '授课日期不能晚于今天', en: 'the date cannot be in the future' });
  const people = await checkedAttendees(ctx.db, org, input.memberIds);
  return inTransaction(ctx.db, async (tx) => {
    const [l] = await tx
      .insert(lectures)
      .values({
        teacherId: t.id,
        orgId: org.id,
        orgPath: org.path,
        lecturedOn: input.lecturedOn,
        topic: input.topic,
        attendeeCount: people.length,
        recordedBy: actor.userId,
        createdAt: ctx.now(),
      })
      .returning();
    if (people.length)
      await tx
        .insert(lectureAttendees)
        .values(people.map((p) => ({ lectureId: l.id, memberId: p.memberId, name: p.name })));
    await recordAudit(tx, ctx, {
      action: 'lecture.recorded',
      targetType: 'lecture',
      targetId: l.id,
      orgId: org.id,
      orgPath: org.path,
      after: { teacherId: t.id, lecturedOn: l.lecturedOn, topic: l.topic, attendees: people.length },
    });
    return {
      id: String(l.id),
      teacherId: String(t.id),
      teacherName: t.name,
      orgId: String(org.id),
      orgName: org.name,
      lecturedOn: l.lecturedOn,
      topic: l.topic,
      attendeeCount: l.attendeeCount,
      rating: { average: null, count: 0 },
      comments: [],
    };
  });
}

async function me(ctx: Ctx) {
  const m = await memberOfUser(ctx.db, actorOf(ctx).userId);
  if (!m)
    throw forbidden({
      zh: '您的账号未关联党员档案，不能评价授课',
      en: 'Your login has no member record to rate with',
    });
  return m;
}

/** 评价授课: the lectures I attended in the last 30 days and have not rated yet, newest first. */
export async function myLectures(ctx: Ctx): Promise<z.infer<typeof MyLectures>> {
  const m = await memberOfUser(ctx.db, actorOf(ctx).userId);
  if (!m) return { items: [] };
  const today = shanghaiToday(ctx.now());
  const rows = await ctx.db
    .select({
      id: lectures.id,
      teacherName: teachers.name,
      teacherTitle: teachers.title,
      orgName: orgs.name,
      lecturedOn: lectures.lecturedOn,
      topic: lectures.topic,
    })
    .from(lectureAttendees)
    .innerJoin(lectures, eq(lectures.id, lectureAttendees.lectureId))
    .innerJoin(teachers, eq(teachers.id, lectures.teacherId))
    .innerJoin(orgs, eq(orgs.id, lectures.orgId))
    .leftJoin(
      lectureRatings,
      and(eq(lectureRatings.lectureId, lectures.id), eq(lectureRatings.memberId, m.memberId)),
    )
    .where(
      and(
        eq(lectureAttendees.memberId, m.memberId),
        gte(lectures.lecturedOn, addDays(today, -RATING_WINDOW_DAYS)),
        lte(lectures.lecturedOn, today),
        isNull(lectureRatings.lectureId),
      ),
    )
    .orderBy(desc(lectures.lecturedOn), desc(lectures.id));
  return {
    items: rows.map((r) => ({ ...r, id: String(r.id), rateBy: rateBy(r.lecturedOn) })),
  };
}

/**
 * Rate a lecture: only an attendee (403), once (409), 1–5 stars (400 naming `stars`, the
 * contract), within 30 days of the day (400 naming `lecturedOn` and the reason).
 */
export async function rateLecture(ctx: Ctx, id: number, input: RateLecture) {
  const m = await me(ctx);
  const [l] = await ctx.db.select().from(lectures).where(eq(lectures.id, id));
  if (!l) throw notFound(LECTURE);
  const [attended] = await ctx.db
    .select()
    .from(lectureAttendees)
    .where(and(eq(lectureAttendees.lectureId, id), eq(lectureAttendees.memberId, m.memberId)));
  if (!attended)
    throw forbidden({
      zh: '您不在这次授课的参加人员名单中，不能评价',
      en: 'Only those who attended the lecture may rate it',
    });
  const late = ratingDateRefusal(l.lecturedOn, shanghaiToday(ctx.now()));
  if (late) throw fieldError('lecturedOn', late);
  return inTransaction(ctx.db, async (tx) => {
    const [r] = await tx
      .insert(lectureRatings)
      .values({
        lectureId: id,
        memberId: m.memberId,
        stars: input.stars,
        comment: input.comment,
        ratedAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!r)
      throw conflict(
        'already_rated',
        { zh: '您已评价过这次授课', en: 'You have already rated this lecture' },
        [{ path: 'stars', message: '您已评价过这次授课', messageEn: 'already rated' }],
      );
    await recordAudit(tx, ctx, {
      action: 'lecture.rated',
      targetType: 'lecture',
      targetId: id,
      orgId: l.orgId,
      orgPath: l.orgPath,
      after: { stars: r.stars, comment: r.comment.length > 0 },
    });
    return { id: String(id), stars: r.stars, comment: r.comment };
  });
}
