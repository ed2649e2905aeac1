import type { z } from 'zod';
import type { Heartbeat, HeartbeatResult } from '../../../../../contracts/learning/study.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { TtlCache } from '../../../platform/cache.ts';
import { AppError, forbidden } from '../../../platform/http/errors.ts';
import { getSettingKept } from '../../../platform/settings/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { type ActivityPerson, memberOfUser } from '../../members/index.ts';
import { findVisibleCourse, type VisibleCourse } from '../library/visible.ts';
import { decideCredit, finishedAfter } from './rules.ts';
import { creditSettings } from './settings.ts';
import { readState, type State, writeDecision } from './store.ts';

/** How stale the department's credit rules may be in a beat (a change made here is seen at once). */
const SETTINGS_MAX_AGE_MS = 10_000;
/** Beats of one member decided again at most this often before the member is asked to retry. */
const ATTEMPTS = 5;

export const notMember = () =>
  forbidden({
    zh: '您的账号没有关联党员档案，学习不计学时；请联系党支部书记',
    en: 'Your account is not linked to a member record, so study is not credited; ask the branch secretary',
  });

const notVisible = () =>
  new AppError(
    404,
    'course_not_visible',
    {
      zh: 'courseId：课件不存在、未发布或不在您的学习范围内，不计学时',
      en: 'courseId: no such published course open to you; nothing is credited',
    },
    [{ path: 'courseId', message: '课件不存在、未发布或不在您的学习范围内', messageEn: 'not open to you' }],
  );

/*
 * Kept in this process: a beat was six round trips to the database, the platform's busiest path
 * (docs/SCALE.md). How stale each kept item may be:
 * - which member a login is, and whether a course is open to them: a minute (a member who left, or
 *   a course withdrawn, earns at most a minute more — beats are credited by the member's own id);
 * - the member's study session as this process last wrote or read it: no staleness at all, since
 *   the write is made only if the session is still that version (another process's beat, or a
 *   concurrent one, makes it fail, and the beat is decided again from the database);
 * - the department's credit rules: ten seconds (a change made through this process at once);
 * - the login session itself: ten seconds (routes.ts, `sessionKeptMs`).
 */
const members = new TtlCache<number, ActivityPerson>(100_000, 60_000);
const courses = new TtlCache<string, VisibleCourse>(50_000, 60_000);
const sessions = new TtlCache<number, State & { courseId: number; day: string }>(100_000, 5 * 60_000);

/**
 * One heartbeat of the player or reader (POST /study/heartbeats): the course must be one the
 * member may study (library/visible.ts); the pure rules decide the credit (rules.ts); the decision
 * is written only if the member's session is still the one it was decided on, so two beats of one
 * member at once are decided one after the other, and an acknowledged credit is always in the rows.
 * A member studying on is decided from the session this process last wrote (no read: the write's
 * version check catches any other writer); a beat that would write nothing is decided again from
 * the database before it is answered (a takeover made through another process is seen).
 * Not audited: a beat every 15 seconds per member is not an administrative act (the audit log
 * would hold a row per beat); a beat that earns nothing says why, and the route logs it.
 */
export async function recordHeartbeat(
  ctx: Ctx,
  beat: z.output<typeof Heartbeat>,
): Promise<HeartbeatResult & { memberId: number }> {
  const userId = actorOf(ctx).userId;
  let me = members.get(userId);
  if (!me) {
    const found = await memberOfUser(ctx.db, userId);
    if (!found) throw notMember();
    me = found;
    members.set(userId, me);
  }
  const person = me;
  return oneAtATime(person.memberId, () => decide(ctx, beat, person));
}

/** The beat being decided for each member in this process: the next waits for it. */
const deciding = new Map<number, Promise<unknown>>();

/**
 * Beats of one member reaching this process together (two tabs, a retry) are decided one after the
 * other, each from the session the one before wrote: not all at once, to fail the version check in
 * turn and be decided again.
 */
function oneAtATime<T>(memberId: number, run: () => Promise<T>): Promise<T> {
  const before = deciding.get(memberId);
  const mine = (before ? before.then(run, run) : run()) as Promise<T>;
  const settled = mine.catch(() => undefined);
  deciding.set(memberId, settled);
  settled.then(() => {
    if (deciding.get(memberId) === settled) deciding.delete(memberId);
  });
  return mine;
}

async function decide(
  ctx: Ctx,
  beat: z.output<typeof Heartbeat>,
  me: ActivityPerson,
): Promise<HeartbeatResult & { memberId: number }> {
  const memberId = me.memberId;
  const courseId = Number(beat.courseId);
  const courseKey = `${courseId}:${me.orgPath}`;
  let now = ctx.now();
  const kept = sessions.get(memberId);
  let fromCache = !!kept && kept.courseId === courseId && kept.day === shanghaiToday(now);
  const fresh = async () => {
    now = ctx.now();
    fromCache = false;
    return readState(ctx.db, memberId, courseId, shanghaiToday(now));
  };
  // what is not kept is read at once (three connections of the pool): one round trip, not three
  const [course, settings, read] = await Promise.all([
    courses.get(courseKey) ?? findVisibleCourse(ctx.db, courseId, me.orgPath),
    getSettingKept(ctx.db, creditSettings, SETTINGS_MAX_AGE_MS),
    fromCache && kept ? kept : readState(ctx.db, memberId, courseId, shanghaiToday(now)),
  ]);
  if (!course) throw notVisible();
  courses.set(courseKey, course);
  let state: State = read;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const decision = decideCredit({
      beat: {
        courseId,
        deviceId: beat.deviceId,
        seq: beat.seq,
        start: beat.start,
        visible: beat.visible,
        focused: beat.focused,
        playing: beat.playing,
        sentAt: beat.sentAt ? new Date(beat.sentAt) : undefined,
      },
      now,
      session: state.session,
      course,
      courseToday: state.courseToday,
      settings,
    });
    if (!decision.write) {
      if (fromCache) {
        state = await fresh();
        continue;
      }
      sessions.set(memberId, { ...state, courseId, day: shanghaiToday(now) });
      return { ...decision.answer, memberId };
    }
    const written = await writeDecision(ctx.db, {
      memberId,
      session: decision.session,
      expected: state.version,
      credit: decision.credit,
      day: decision.day,
      finishedAfter: finishedAfter(course, settings),
      now,
    });
    if (written) {
      sessions.set(memberId, {
        session: decision.session,
        version: state.version + 1,
        courseToday: state.courseToday + decision.credit,
        courseId,
        day: decision.day,
      });
      return { ...decision.answer, memberId };
    }
    sessions.delete(memberId);
    state = await fresh();
  }
  throw new AppError(409, 'study_busy', {
    zh: '学习记录正忙，请稍后重试',
    en: 'Your study record is busy; try again in a moment',
  });
}
