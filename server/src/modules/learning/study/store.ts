import type { Db } from '../../../db/client.ts';
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
 * Writes a beat's decision in one statement (so in one transaction): the session, and when the beat
 * earned something, the day's row, the course progress and the year's online seconds. Only if the
 * session is still the one read (its version): false when another beat of the member came between,
 * and the beat must be decided again.
 */
export async function writeDecision(db: Db, w: Write): Promise<boolean> {
  const s = w.session;
  const { rows } = await db.$client.query<{ written: number }>({
    name: 'study_write',
    text: `with dev as (
             insert into study_devices as d (member_id, device_id, course_id, last_seq, last_beat_at, day,
                                             day_seconds, held_seconds, last_answer, version)
             values ($1::int8, $2::text, $3::int8, $4::int8, $5::timestamptz, $6::date, $7::int, $8::int, $9::jsonb, 1)
             on conflict (member_id) do update
                set device_id = excluded.device_id, course_id = excluded.course_id, last_seq = excluded.last_seq,
                    last_beat_at = excluded.last_beat_at, day = excluded.day, day_seconds = excluded.day_seconds,
                    held_seconds = excluded.held_seconds, last_answer = excluded.last_answer, version = d.version + 1
              where d.version = $10::int8
             returning d.member_id),
           credit as (
             insert into study_credits as c (member_id, course_id, day, seconds)
             select $1::int8, $3::int8, $11::date, $12::int from dev where $12::int > 0
             on conflict (member_id, course_id, day) do update set seconds = c.seconds + excluded.seconds
             returning 1),
           progress as (
             insert into course_progress as p (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
             select $1::int8, $3::int8, $12::int, $14::timestamptz, $14::timestamptz,
                    case when $12::int >= $13::int then $14::timestamptz end
               from dev where $12::int > 0
             on conflict (member_id, course_id) do update
                set seconds = p.seconds + excluded.seconds, last_studied_at = excluded.last_studied_at,
                    finished_at = coalesce(p.finished_at,
                                           case when p.seconds + excluded.seconds >= $13::int then excluded.last_studied_at end)
             returning 1),
           years as (
             insert into study_years as y (member_id, year, online_seconds)
             select $1::int8, extract(year from $11::date)::int2, $12::int from dev where $12::int > 0
             on conflict (member_id, year) do update set online_seconds = y.online_seconds + excluded.online_seconds
             returning 1)
           select (select count(*) from dev)::int as written`,
    values: [
      w.memberId,
      s.deviceId,
      s.courseId,
      s.lastSeq,
      s.lastBeatAt.toISOString(),
      s.day,
      s.daySeconds,
      s.heldSeconds,
      JSON.stringify(s.last),
      w.expected,
      w.day,
      w.credit,
      w.finishedAfter,
      w.now.toISOString(),
    ],
  });
  return rows[0].written === 1;
}
