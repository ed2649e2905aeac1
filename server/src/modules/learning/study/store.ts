import type { Db } from '../../../db/client.ts';
import { GroupCommit } from '../../../platform/batch.ts';
import type { Answer, Session } from './rules.ts';

/**
 * The heartbeat's two statements, prepared once per connection (named): the beat path is the
 * busiest write of the platform (a city's members studying at once), so it reads the session and
 * the day's count in one round trip and writes everything a credited beat changes in one more.
 */

type StateRow = {
  device_id: string | null;
  course_id: number | null;
  last_seq: number | null;
  last_beat_at: Date | null;
  day: string | null;
  day_seconds: number | null;
  held_seconds: number | null;
  last_answer: Answer | null;
  version: number | null;
  course_today: number;
};

export type State = { session: Session | null; version: number; courseToday: number };

/** The member's session (none yet: version 0) and what the course has earned them on `day`. */
export async function readState(db: Db, memberId: number, courseId: number, day: string): Promise<State> {
  const { rows } = await db.$client.query<StateRow>({
    name: 'study_state',
    text: `select d.device_id, d.course_id, d.last_seq, d.last_beat_at, d.day::text as day, d.day_seconds,
                  d.held_seconds, d.last_answer, d.version,
                  coalesce((select c.seconds from study_credits c
                             where c.member_id = $1 and c.course_id = $2 and c.day = $3::date), 0) as course_today
             from (select 1) one left join study_devices d on d.member_id = $1`,
    values: [memberId, courseId, day],
  });
  const r = rows[0];
  if (!r.device_id) return { session: null, version: 0, courseToday: r.course_today };
  return {
    version: Number(r.version),
    courseToday: r.course_today,
    session: {
      deviceId: r.device_id,
      courseId: r.course_id == null ? null : Number(r.course_id),
      lastSeq: Number(r.last_seq),
      lastBeatAt: new Date(r.last_beat_at!),
      day: r.day!,
      daySeconds: r.day_seconds!,
      heldSeconds: r.held_seconds!,
      last: r.last_answer!,
    },
  };
}

export type Write = {
  memberId: number;
  session: Session;
  /** The session's version as read; 0 when there was none. */
  expected: number;
  credit: number;
  /** The day (Beijing) the credit is for. */
  day: string;
  /** course_progress is finished once its seconds reach this (rules.ts finishedAfter). */
  finishedAfter: number;
  now: Date;
};

/**
 * Writes a beat's decision (so in one transaction): the session, and when the beat earned
 * something, the day's row, the course progress and the year's online seconds. Only if the session
 * is still the one read (its version): false when another beat of the member came between, and
 * the beat must be decided again.
 *
 * Beats of many members arriving together are written together, in one statement and one commit
 * (group commit): a city's members beating every 15 seconds would otherwise be a commit each, and
 * the commits, not the work, would bound the platform. A beat is answered only once its batch has
 * committed, so what is acknowledged is in the rows. A batch holds one beat per member, and a
 * member's beat waits while another of theirs is being written: batches written at once never
 * touch the same rows (no deadlock, no row updated twice in one statement).
 */
export function writeDecision(db: Db, w: Write): Promise<boolean> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new GroupCommit<Write, number>(
      (w) => w.memberId,
      (ws) => writeBatch(db, ws),
    );
    batchers.set(db, batcher);
  }
  return batcher.write(w);
}

const batchers = new WeakMap<Db, GroupCommit<Write, number>>();

/** The members whose session was still the version their beat was decided on, and is now written. */
async function writeBatch(db: Db, ws: Write[]): Promise<Set<number>> {
  const rows = [...ws].sort((a, b) => a.memberId - b.memberId);
  const col = <T>(f: (w: Write) => T) => rows.map(f);
  const { rows: written } = await db.$client.query<{ member_id: string }>({
    name: 'study_write_batch',
    text: `with beat as (
             select * from unnest($1::int8[], $2::text[], $3::int8[], $4::int8[], $5::timestamptz[], $6::date[],
                                  $7::int[], $8::int[], $9::jsonb[], $10::int8[], $11::date[], $12::int[], $13::int[],
                                  $14::timestamptz[])
                      as b(member_id, device_id, course_id, last_seq, last_beat_at, day, day_seconds, held_seconds,
                           last_answer, expected, credit_day, credit, finished_after, at)),
           dev as (
             -- the new version goes in as the inserted value, so the update can check the one expected
             insert into study_devices as d (member_id, device_id, course_id, last_seq, last_beat_at, day,
                                             day_seconds, held_seconds, last_answer, version)
             select member_id, device_id, course_id, last_seq, last_beat_at, day, day_seconds, held_seconds,
                    last_answer, expected + 1
               from beat
             on conflict (member_id) do update
                set device_id = excluded.device_id, course_id = excluded.course_id, last_seq = excluded.last_seq,
                    last_beat_at = excluded.last_beat_at, day = excluded.day, day_seconds = excluded.day_seconds,
                    held_seconds = excluded.held_seconds, last_answer = excluded.last_answer, version = excluded.version
              where d.version = excluded.version - 1
             returning d.member_id),
           earned as (select b.* from beat b join dev using (member_id) where b.credit > 0),
           credit as (
             insert into study_credits as c (member_id, course_id, day, seconds)
             select member_id, course_id, credit_day, credit from earned
             on conflict (member_id, course_id, day) do update set seconds = c.seconds + excluded.seconds
             returning 1),
           progress as (
             insert into course_progress as p (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
             select member_id, course_id, credit, at, at, case when credit >= finished_after then at end from earned
             on conflict (member_id, course_id) do update
                set seconds = p.seconds + excluded.seconds, last_studied_at = excluded.last_studied_at,
                    finished_at = coalesce(p.finished_at,
                                           case when p.seconds + excluded.seconds >= (select e.finished_after from earned e
                                                                                       where e.member_id = p.member_id)
                                                then excluded.last_studied_at end)
             returning 1),
           years as (
             insert into study_years as y (member_id, year, online_seconds)
             select member_id, extract(year from credit_day)::int2, credit from earned
             on conflict (member_id, year) do update set online_seconds = y.online_seconds + excluded.online_seconds
             returning 1)
           select member_id from dev`,
    values: [
      col((w) => w.memberId),
      col((w) => w.session.deviceId),
      col((w) => w.session.courseId),
      col((w) => w.session.lastSeq),
      col((w) => w.session.lastBeatAt.toISOString()),
      col((w) => w.session.day),
      col((w) => w.session.daySeconds),
      col((w) => w.session.heldSeconds),
      col((w) => JSON.stringify(w.session.last)),
      col((w) => w.expected),
      col((w) => w.day),
      col((w) => w.credit),
      col((w) => w.finishedAfter),
      col((w) => w.now.toISOString()),
    ],
  });
  return new Set(written.map((r) => Number(r.member_id)));
}
