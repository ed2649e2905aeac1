import { type SQL, sql } from 'drizzle-orm';
import type { StudySource } from '../../../../../contracts/learning/requirements.ts';
import type { Queryable } from '../../../db/client.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { type CourseFacts, finishedAfter } from './rules.ts';
import { creditSettings } from './settings.ts';

/** The year column each source adds to. */
const COLUMN: Record<StudySource, SQL> = {
  online: sql.raw('online_seconds'),
  offline: sql.raw('offline_seconds'),
  station: sql.raw('station_seconds'),
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_SESSION_SECONDS = 7 * 86_400;

/**
 * Study credited by another way than the heartbeats — offline study once the superior approves
 * it, a station's group session once saved (offline/, stations/) — into the kept totals the
 * requirement reads: the member's year by source; with a course, the course's progress too (and
 * for 'online', the member's row of the course and day). Inside the caller's transaction, so the
 * credit stands or falls with the approval that gives it. The caller audits its own act.
 */
export async function creditStudy(
  tx: Queryable,
  s: {
    memberId: number;
    source: StudySource;
    seconds: number;
    /** YYYY-MM-DD, Beijing: the day studied (its year is the year credited). */
    day: string;
    courseId?: number | null;
  },
): Promise<void> {
  if (!Number.isSafeInteger(s.memberId) || s.memberId <= 0)
    throw new Error(`creditStudy: bad member ${s.memberId}`);
  // one session, a week's training at most: a figure beyond it is a unit mistaken (minutes, milliseconds)
  if (!Number.isInteger(s.seconds) || s.seconds < 0 || s.seconds > MAX_SESSION_SECONDS)
    throw new Error(`creditStudy: ${s.seconds} seconds is not one session's study`);
  if (!DAY.test(s.day)) throw new Error(`creditStudy: day ${s.day} is not YYYY-MM-DD`);
  if (s.seconds === 0) return;
  const year = Number(s.day.slice(0, 4));
  const col = COLUMN[s.source];
  await tx.execute(sql`
    insert into study_years as y (member_id, year, ${col}) values (${s.memberId}, ${year}, ${s.seconds})
    on conflict (member_id, year) do update set ${col} = y.${col} + excluded.${col}`);
  if (s.courseId == null) return;
  if (s.source === 'online')
    await tx.execute(sql`
      insert into study_credits as c (member_id, course_id, day, seconds)
      values (${s.memberId}, ${s.courseId}, ${s.day}::date, ${s.seconds})
      on conflict (member_id, course_id, day) do update set seconds = c.seconds + excluded.seconds`);
  const { rows } = await tx.execute<{
    kind: CourseFacts['kind'];
    duration_seconds: number | null;
    char_count: number | null;
  }>(sql`select kind, duration_seconds, char_count from courses where id = ${s.courseId}`);
  if (!rows[0]) throw new Error(`creditStudy: no course ${s.courseId}`);
  const after = finishedAfter(
    { kind: rows[0].kind, durationSeconds: rows[0].duration_seconds, charCount: rows[0].char_count },
    await getSetting(tx, creditSettings),
  );
  await tx.execute(sql`
    insert into course_progress as p (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
    values (${s.memberId}, ${s.courseId}, ${s.seconds}, now(), now(), case when ${s.seconds}::int >= ${after}::int then now() end)
    on conflict (member_id, course_id) do update
       set seconds = p.seconds + excluded.seconds, last_studied_at = excluded.last_studied_at,
           finished_at = coalesce(p.finished_at, case when p.seconds + excluded.seconds >= ${after}::int then now() end)`);
}

/**
 * The same for many members at once, set-based (seeds, imports): `rows` is a select of
 * (member_id, source, day, seconds); their years are added to. Only the year totals: rows of a
 * course and day, and course progress, are the caller's to write alongside.
 */
export async function creditStudyInBulk(tx: Queryable, rows: SQL): Promise<void> {
  await tx.execute(sql`
    insert into study_years as y (member_id, year, online_seconds, offline_seconds, station_seconds)
    select r.member_id, extract(year from r.day)::int2,
           coalesce(sum(r.seconds) filter (where r.source = 'online'), 0),
           coalesce(sum(r.seconds) filter (where r.source = 'offline'), 0),
           coalesce(sum(r.seconds) filter (where r.source = 'station'), 0)
      from (${rows}) r
     group by 1, 2
    on conflict (member_id, year) do update
       set online_seconds = y.online_seconds + excluded.online_seconds,
           offline_seconds = y.offline_seconds + excluded.offline_seconds,
           station_seconds = y.station_seconds + excluded.station_seconds`);
}

/**
 * Takes back what creditStudy gave several members for one session (a station session withdrawn,
 * stations/withdraw-session.ts): the same seconds off each one's year by source and, with a course,
 * off its progress — which is no longer finished if what is left falls short. Never below zero: a
 * year the department since recounted or a member's progress already lower loses what it has.
 */
export async function withdrawStudy(
  tx: Queryable,
  s: {
    memberIds: readonly number[];
    source: StudySource;
    seconds: number;
    day: string;
    courseId?: number | null;
  },
): Promise<void> {
  if (!Number.isInteger(s.seconds) || s.seconds < 0 || s.seconds > MAX_SESSION_SECONDS)
    throw new Error(`withdrawStudy: ${s.seconds} seconds is not one session's study`);
  if (!DAY.test(s.day)) throw new Error(`withdrawStudy: day ${s.day} is not YYYY-MM-DD`);
  if (s.seconds === 0 || s.memberIds.length === 0) return;
  const year = Number(s.day.slice(0, 4));
  const col = COLUMN[s.source];
  const ids = sql.param(s.memberIds.map(Number));
  await tx.execute(sql`
    update study_years set ${col} = greatest(0, ${col} - ${s.seconds}::int)
     where year = ${year}::int2 and member_id = any(${ids}::int8[])`);
  if (s.courseId == null) return;
  if (s.source === 'online')
    await tx.execute(sql`
      update study_credits set seconds = greatest(0, seconds - ${s.seconds}::int)
       where course_id = ${s.courseId} and day = ${s.day}::date and member_id = any(${ids}::int8[])`);
  const { rows } = await tx.execute<{
    kind: CourseFacts['kind'];
    duration_seconds: number | null;
    char_count: number | null;
  }>(sql`select kind, duration_seconds, char_count from courses where id = ${s.courseId}`);
  if (!rows[0]) throw new Error(`withdrawStudy: no course ${s.courseId}`);
  const after = finishedAfter(
    { kind: rows[0].kind, durationSeconds: rows[0].duration_seconds, charCount: rows[0].char_count },
    await getSetting(tx, creditSettings),
  );
  await tx.execute(sql`
    update course_progress p set seconds = greatest(0, p.seconds - ${s.seconds}::int),
           finished_at = case when greatest(0, p.seconds - ${s.seconds}::int) >= ${after}::int then p.finished_at end
     where p.course_id = ${s.courseId} and p.member_id = any(${ids}::int8[])`);
}
