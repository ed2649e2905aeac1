import type { CourseKind } from '../../../../../contracts/learning/library.ts';
import {
  HEARTBEAT_SECONDS,
  type HeartbeatResult,
  type StudyReason,
  type StudyState,
} from '../../../../../contracts/learning/study.ts';
import { shanghaiToday } from '../../../platform/time.ts';

/**
 * 学时 from real attention (issue 14, item 2): what one heartbeat earns. Peers take the client's
 * start and end times on trust, and members leave tabs open; here the server's clock measures and
 * every rule below can only take time away, never add it:
 * - nothing while the page is hidden or unfocused, or a video or audio is paused;
 * - one active device per member: a new study session on another device takes over, and the older
 *   one earns nothing from then on and is told so;
 * - never more than the real time since the member's last accepted beat (the server's clock; a
 *   beat dated in the future, or sent faster than every 15 seconds, earns only that), and never
 *   more than one interval plus grace for one beat, whatever the gap before it;
 * - a video or audio earns at most its own length a day, and at most 60 minutes a day (the
 *   department's setting); an article (or a document) earns nothing until it has been read for
 *   30 seconds, and at most 1.5 × its reading time at 300 characters a minute a day;
 * - at most the daily cap of online study a day, all courses together (settings.ts: 6 hours, the
 *   8 class hours a full day of training counts).
 * Beats are numbered per device: one sent again gets its first answer and earns nothing more, an
 * older one earns nothing. Every beat that earns less than its time says why (a reason code).
 */

/** A beat may arrive this much later than the interval and still earn all of its time. */
export const GRACE_SECONDS = 5;
/** The most one beat earns: the interval and its grace (a gap before it earns no more than this). */
export const MAX_BEAT_SECONDS = HEARTBEAT_SECONDS + GRACE_SECONDS;
/** A device clock this far ahead of the server's is noted (it earns the server's time all the same). */
export const CLOCK_AHEAD_SECONDS = 60;
/** Share of a video's length (or an article's reading time) that counts it as finished. */
export const FINISHED_SHARE = 0.9;
/** A course of unknown length (a document with no text count) is finished after this many seconds. */
export const UNKNOWN_LENGTH_SECONDS = 600;

/** What the department tunes within bounds (settings.ts, with the sources of the defaults). */
export type CreditSettings = {
  /** A video or audio's most per day (also any course whose length is not known). */
  itemDailyMinutes: number;
  /** An article or document earns nothing before this much reading. */
  readingMinSeconds: number;
  /** An article earns at most this many times its reading time a day. */
  readingFactor: number;
  /** The reading speed its reading time is reckoned at. */
  readingCharsPerMinute: number;
  /** Online study credited a day, all courses together. */
  dailyCapMinutes: number;
};

export type CourseFacts = { kind: CourseKind; durationSeconds: number | null; charCount: number | null };

const isMedia = (kind: CourseKind) => kind === 'video' || kind === 'audio';

/** The most a course earns a member in a day, in seconds. */
export function dailyItemCap(course: CourseFacts, s: CreditSettings): number {
  const hour = s.itemDailyMinutes * 60;
  if (isMedia(course.kind))
    return course.durationSeconds && course.durationSeconds > 0
      ? Math.min(course.durationSeconds, hour)
      : hour;
  if (course.charCount && course.charCount > 0)
    return Math.ceil(((s.readingFactor * course.charCount) / s.readingCharsPerMinute) * 60);
  return hour;
}

/**
 * After how many credited seconds a course counts as finished (course_progress.finished_at): most
 * of a video's length or of an article's reading time (a member skips the credits, a quick reader
 * reads faster), or ten minutes of a course whose length is not known.
 */
export function finishedAfter(course: CourseFacts, s: Pick<CreditSettings, 'readingCharsPerMinute'>): number {
  const length = isMedia(course.kind)
    ? course.durationSeconds
    : course.charCount
      ? (course.charCount / s.readingCharsPerMinute) * 60
      : null;
  return length && length > 0 ? Math.max(1, Math.ceil(FINISHED_SHARE * length)) : UNKNOWN_LENGTH_SECONDS;
}

/** The answer to a beat, as kept with the device so that a beat sent again gets it again. */
export type Answer = Omit<HeartbeatResult, 'replayed'>;

/** The member's study session: the active device and its clock (one row of study_devices). */
export type Session = {
  deviceId: string;
  courseId: number | null;
  lastSeq: number;
  /** When the last accepted beat arrived (server clock). */
  lastBeatAt: Date;
  /** The day (Beijing) `daySeconds` counts. */
  day: string;
  /** Online study credited on `day`, all courses: the daily cap's count. */
  daySeconds: number;
  /** Attention held while an article warms up (credited once the warm-up is passed). */
  heldSeconds: number;
  /** The answer given to `lastSeq`. */
  last: Answer;
};

export type Beat = {
  courseId: number;
  deviceId: string;
  seq: number;
  start: boolean;
  visible: boolean;
  focused: boolean;
  playing?: boolean;
  sentAt?: Date;
};

export type CreditInput = {
  beat: Beat;
  /** The server's clock when the beat arrived. */
  now: Date;
  session: Session | null;
  course: CourseFacts;
  /** Seconds credited today (Beijing, of `now`) for the beat's course, from the kept rows. */
  courseToday: number;
  settings: CreditSettings;
};

/**
 * The decision: `write` false when nothing changes (a device that was taken over, a beat sent
 * again, an older one); otherwise the session as it is after the beat and the seconds to credit.
 */
export type Decision =
  | { write: false; answer: HeartbeatResult }
  | { write: true; session: Session; credit: number; day: string; answer: HeartbeatResult };

/** Decides what a beat earns. Pure: the clock, the session and today's counts come in. */
export function decideCredit(input: CreditInput): Decision {
  const { beat, now, session, course, settings } = input;
  const today = shanghaiToday(now);
  const dayTotal = session && session.day === today ? session.daySeconds : 0;
  const answer = (state: StudyState, credited: number, reason: StudyReason | null): HeartbeatResult => ({
    seq: beat.seq,
    state,
    credited,
    reason,
    courseToday: input.courseToday + credited,
    dayTotal: dayTotal + credited,
    replayed: false,
  });
  const write = (
    state: StudyState,
    credit: number,
    reason: StudyReason | null,
    heldSeconds = 0,
  ): Decision => {
    const a = answer(state, credit, reason);
    const { replayed: _, ...last } = a;
    return {
      write: true,
      credit,
      day: today,
      answer: a,
      session: {
        deviceId: beat.deviceId,
        courseId: beat.courseId,
        lastSeq: beat.seq,
        // the member's clock never runs back (two server processes, a test clock): time once
        // measured is not measured again
        lastBeatAt: session && session.lastBeatAt > now ? session.lastBeatAt : now,
        day: today,
        daySeconds: dayTotal + credit,
        heldSeconds,
        last,
      },
    };
  };

  // one active device: another one's beats earn nothing, unless it starts a session (it takes over)
  if (session && session.deviceId !== beat.deviceId)
    return beat.start
      ? write('active', 0, 'took_over')
      : { write: false, answer: answer('taken-over', 0, 'taken_over') };
  // numbered beats: the same number again is answered as before, an older one earns nothing
  if (session && beat.seq === session.lastSeq)
    return { write: false, answer: { ...session.last, replayed: true } };
  if (session && beat.seq < session.lastSeq)
    return { write: false, answer: answer(session.last.state, 0, 'out_of_order') };
  // a start (or a first beat ever) starts the clock: there is no time before it to credit
  if (!session || beat.start) return write('active', 0, 'started');
  // the other tab of a device moved to another course: its clock starts again, for that course
  if (session.courseId !== beat.courseId) return write('active', 0, 'course_switched');

  const sinceMs = Math.max(0, now.getTime() - session.lastBeatAt.getTime());
  const elapsed = Math.floor(Math.min(sinceMs, MAX_BEAT_SECONDS * 1000) / 1000);
  const gap = sinceMs > MAX_BEAT_SECONDS * 1000;

  // attention: the time since the last beat counts only if the page was seen, in front, playing
  if (!beat.visible) return write('paused', 0, 'hidden', session.heldSeconds);
  if (!beat.focused) return write('paused', 0, 'unfocused', session.heldSeconds);
  if (isMedia(course.kind) && beat.playing !== true) return write('paused', 0, 'paused', session.heldSeconds);

  // an article is not credited before 30 s of reading; the seconds read so far are held, not lost
  let earned = elapsed;
  if (!isMedia(course.kind) && input.courseToday === 0) {
    const held = session.heldSeconds + elapsed;
    if (held < settings.readingMinSeconds) return write('active', 0, 'warming_up', held);
    earned = held;
  }

  const itemRoom = Math.max(0, dailyItemCap(course, settings) - input.courseToday);
  const dayRoom = Math.max(0, settings.dailyCapMinutes * 60 - dayTotal);
  const credit = Math.min(earned, itemRoom, dayRoom);
  let reason: StudyReason | null = null;
  if (credit < earned)
    reason = dayRoom <= itemRoom ? 'daily_cap' : isMedia(course.kind) ? 'item_cap' : 'reading_cap';
  else if (gap) reason = 'gap';
  else if (credit === 0) reason = 'too_soon';
  else if (beat.sentAt && beat.sentAt.getTime() - now.getTime() > CLOCK_AHEAD_SECONDS * 1000)
    reason = 'clock_ahead';
  return write('active', credit, reason);
}
