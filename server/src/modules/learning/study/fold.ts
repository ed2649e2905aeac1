import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import type { JobDef } from '../../../platform/module.ts';

/**
 * The three upserts that fold a pending study credit (study_devices' pending_* columns, store.ts)
 * into the day's row, the course progress and the year's online seconds. They read a CTE named
 * `fold` with one row per member: member_id, course_id, day, seconds, first_at, last_at,
 * finished_after. Shared by the beat's statement (the member earned on another course or day) and
 * the minute job below, so both fold alike.
 */
export const FOLD_UPSERTS = `credit as (
             insert into study_credits as c (member_id, course_id, day, seconds)
             select member_id, course_id, day, seconds from fold
             on conflict (member_id, course_id, day) do update set seconds = c.seconds + excluded.seconds
             returning 1),
           progress as (
             insert into course_progress as p (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
             select member_id, course_id, seconds, first_at, last_at, case when seconds >= finished_after then last_at end
               from fold
             on conflict (member_id, course_id) do update
                set seconds = p.seconds + excluded.seconds,
                    last_studied_at = greatest(p.last_studied_at, excluded.last_studied_at),
                    finished_at = coalesce(p.finished_at,
                                           case when p.seconds + excluded.seconds >= (select f.finished_after from fold f
                                                                                       where f.member_id = p.member_id)
                                                then excluded.last_studied_at end)
             returning 1),
           years as (
             insert into study_years as y (member_id, year, online_seconds)
             select member_id, extract(year from day)::int2, seconds from fold
             on conflict (member_id, year) do update set online_seconds = y.online_seconds + excluded.online_seconds
             returning 1)`;

/** At most this many sessions folded in one statement (the job goes on until none is left). */
const CHUNK = 5_000;

/**
 * Folds pending study credit: of the given members, or the members of the given online classes
 * (whatever its age: a reader about to count them), or else of every member idle since
 * `idleBefore` or holding a credit begun before `begunBefore` (the job). Bumps each session's
 * version, so a beat decided on the session before the fold is decided again. Returns how many
 * sessions were folded.
 */
export async function foldPendingStudy(
  db: Queryable,
  which: { memberIds: number[] } | { classIds: number[] } | { idleBefore: Date; begunBefore: Date },
): Promise<number> {
  const chosen =
    'memberIds' in which
      ? sql`member_id = any(${sql.param(which.memberIds)}::int8[])`
      : 'classIds' in which
        ? sql`member_id in (select member_id from online_class_members where class_id = any(${sql.param(which.classIds)}::int8[]))`
        : sql`(pending_last_at < ${which.idleBefore.toISOString()}::timestamptz
               or pending_first_at < ${which.begunBefore.toISOString()}::timestamptz)`;
  // a reader waits for a beat being written; the job passes over it (the next minute takes it)
  const job = 'idleBefore' in which;
  let total = 0;
  for (;;) {
    const { rows } = await db.execute<{ n: number }>(sql`
      with o as (
        select member_id, pending_course_id as course_id, pending_day as day, pending_seconds as seconds,
               pending_first_at as first_at, pending_last_at as last_at, pending_finished_after as finished_after
          from study_devices
         where pending_seconds > 0 and ${chosen}
         order by member_id
         limit ${CHUNK}
           for update ${job ? sql`skip locked` : sql``}),
      fold as (
        update study_devices d
           set pending_seconds = 0, pending_course_id = null, pending_day = null, pending_first_at = null,
               pending_last_at = null, pending_finished_after = null, version = d.version + 1
          from o where d.member_id = o.member_id
        returning o.*),
      ${sql.raw(FOLD_UPSERTS)}
      select count(*)::int as n from fold`);
    const n = Number(rows[0].n);
    total += n;
    if (n < CHUNK) return total;
  }
}

/** A session idle this long is folded by the job. */
const IDLE_MS = 2 * 60_000;
/** A member studying on has their credit folded once it is this old (org-wide figures lag at most so much). */
const BEGUN_MS = 5 * 60_000;

/**
 * Every minute: the pending credit of members who stopped studying, and of those studying on once
 * it is five minutes old, goes into the day's rows, the course progress and the year's seconds that
 * org-wide figures (class progress, the yearly summary, indicators, recommendations) read.
 */
export const studyFoldJob: JobDef = {
  name: 'learning-study-fold',
  cron: '* * * * *',
  run: async ({ db, now }) => {
    const at = now().getTime();
    return {
      folded: await foldPendingStudy(db, {
        idleBefore: new Date(at - IDLE_MS),
        begunBefore: new Date(at - BEGUN_MS),
      }),
    };
  },
};
