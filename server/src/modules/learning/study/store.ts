import type { Db } from '../../../db/client.ts';
import { GroupCommit } from '../../../platform/batch.ts';
import { FOLD_UPSERTS } from './fold.ts';
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
                             where c.member_id = $1 and c.course_id = $2 and c.day = $3::date), 0)
                  + case when d.pending_course_id = $2 and d.pending_day = $3::date then d.pending_seconds else 0 end
                    as course_today
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
 * Writes a beat's decision: the session, and when the beat earned something, its credit. Only if
 * the session is still the one read (its version): false when another beat of the member came
 * between, and the beat must be decided again.
 *
 * The credit is added to the session row's pending credit while the member earns on the same course
 * and day: one row written per beat, not four (the day's row, the course progress and the year's
 * seconds were a third of the beat's cost, docs/SCALE.md). When the beat earns on another course
 * or day, the pending credit is folded into those three in the same statement and a new one begins;
 * a member who stops is folded by the minute job (fold.ts). The pending credit is in the committed
 * row, so nothing acknowledged waits on a process.
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
    // one batch at a time: the beats arriving meanwhile make the next one, a third larger than with
    // two at once, and each batch's fixed cost (the statement, the commit, waking the database's
    // process) is paid less often — 5% more beats a second and a sixth less database time per beat
    // (docs/SCALE.md); one batch of 256 beats is written in about 4 ms, far above a city's rate
    batcher = new GroupCommit<Write, number>(
      (w) => w.memberId,
      (ws) => writeBatch(db, ws),
      1,
    );
    batchers.set(db, batcher);
  }
  return batcher.write(w);
}

const batchers = new WeakMap<Db, GroupCommit<Write, number>>();

/** The members whose session was still the version their beat was decided on, and is now written. */
async function writeBatch(db: Db, ws: Write[]): Promise<Set<number>> {
  const rows = [...ws].sort((a, b) => a.memberId - b.memberId);
  const { rows: written } = await db.$client.query<{ member_id: string }>({
    name: 'study_write_batch',
    text: `with beat as (
             select * from json_to_recordset($1::json)
                      as b(member_id int8, device_id text, course_id int8, last_seq int8, last_beat_at timestamptz,
                           day date, day_seconds int, held_seconds int, last_answer jsonb, expected int8,
                           credit_day date, credit int, finished_after int, at timestamptz)),
           -- the pending credit before this beat: the statement's snapshot, which is the row the
           -- update below finds whenever its version check passes (every writer bumps the version)
           old as (
             select d.member_id, d.pending_course_id as course_id, d.pending_day as day, d.pending_seconds as seconds,
                    d.pending_first_at as first_at, d.pending_last_at as last_at,
                    d.pending_finished_after as finished_after
               from study_devices d join beat b using (member_id)
              where d.pending_seconds > 0 and b.credit > 0
                and (d.pending_course_id <> b.course_id or d.pending_day <> b.credit_day)),
           dev as (
             -- the new version goes in as the inserted value, so the update can check the one expected
             insert into study_devices as d (member_id, device_id, course_id, last_seq, last_beat_at, day,
                                             day_seconds, held_seconds, last_answer, version, pending_course_id,
                                             pending_day, pending_seconds, pending_first_at, pending_last_at,
                                             pending_finished_after)
             select member_id, device_id, course_id, last_seq, last_beat_at, day, day_seconds, held_seconds,
                    last_answer, expected + 1, case when credit > 0 then course_id end,
                    case when credit > 0 then credit_day end, credit, case when credit > 0 then at end,
                    case when credit > 0 then at end, case when credit > 0 then finished_after end
               from beat
             on conflict (member_id) do update
                set device_id = excluded.device_id, course_id = excluded.course_id, last_seq = excluded.last_seq,
                    last_beat_at = excluded.last_beat_at, day = excluded.day, day_seconds = excluded.day_seconds,
                    held_seconds = excluded.held_seconds, last_answer = excluded.last_answer, version = excluded.version,
                    -- nothing earned: the pending credit stays; earned on its course and day: added to;
                    -- earned on another: a new one (the old one is folded below)
                    pending_seconds = case when excluded.pending_seconds = 0 then d.pending_seconds
                                           when d.pending_course_id = excluded.pending_course_id
                                                and d.pending_day = excluded.pending_day
                                           then d.pending_seconds + excluded.pending_seconds
                                           else excluded.pending_seconds end,
                    pending_first_at = case when excluded.pending_seconds = 0
                                                 or (d.pending_course_id = excluded.pending_course_id
                                                     and d.pending_day = excluded.pending_day)
                                            then d.pending_first_at else excluded.pending_first_at end,
                    pending_course_id = coalesce(excluded.pending_course_id, d.pending_course_id),
                    pending_day = coalesce(excluded.pending_day, d.pending_day),
                    pending_last_at = coalesce(excluded.pending_last_at, d.pending_last_at),
                    pending_finished_after = coalesce(excluded.pending_finished_after, d.pending_finished_after)
              where d.version = excluded.version - 1
             returning d.member_id),
           fold as (select o.* from old o join dev using (member_id)),
           ${FOLD_UPSERTS}
           select member_id from dev`,
    // one JSON text, not fourteen arrays: encoding the arrays (node-postgres escapes every element)
    // was a twentieth of the server's time per beat; JSON.stringify is native
    values: [
      JSON.stringify(
        rows.map((w) => ({
          member_id: w.memberId,
          device_id: w.session.deviceId,
          course_id: w.session.courseId,
          last_seq: w.session.lastSeq,
          last_beat_at: w.session.lastBeatAt,
          day: w.session.day,
          day_seconds: w.session.daySeconds,
          held_seconds: w.session.heldSeconds,
          last_answer: w.session.last,
          expected: w.expected,
          credit_day: w.day,
          credit: w.credit,
          finished_after: w.finishedAfter,
          at: w.now,
        })),
      ),
    ],
  });
  return new Set(written.map((r) => Number(r.member_id)));
}
