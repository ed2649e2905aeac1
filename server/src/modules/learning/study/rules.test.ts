import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditSettings } from './settings.ts';
import {
  type Beat,
  type CourseFacts,
  type CreditSettings,
  dailyItemCap,
  decideCredit,
  type Decision,
  finishedAfter,
  MAX_BEAT_SECONDS,
  type Session,
} from './rules.ts';

const rules: CreditSettings = creditSettings.default;
const video: CourseFacts = { kind: 'video', durationSeconds: 1800, charCount: null };
const longVideo: CourseFacts = { kind: 'video', durationSeconds: 3 * 3600, charCount: null };
// 1,500 characters: five minutes' reading at 300 a minute, so at most 7.5 minutes a day
const article: CourseFacts = { kind: 'article', durationSeconds: null, charCount: 1500 };

const T0 = Date.parse('2026-11-20T02:00:00Z'); // 10:00 in Beijing
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/**
 * A member's study as the server sees it: beats arrive one after the other, each decided against
 * the session and the day's counts the previous ones left, as the heartbeat route keeps them.
 */
function studying(course: CourseFacts = video, settings: CreditSettings = rules) {
  let session: Session | null = null;
  const courseToday = new Map<string, number>();
  let seq = 0;
  const decisions: Decision[] = [];
  const send = (
    second: number,
    over: Partial<Beat> & { course?: CourseFacts; courseId?: number } = {},
  ): Decision => {
    const { course: c = course, ...b } = over;
    const beat: Beat = {
      courseId: 1,
      deviceId: 'phone-0001',
      seq: ++seq,
      start: false,
      visible: true,
      focused: true,
      playing: true,
      ...b,
    };
    const now = at(second);
    const key = `${beat.courseId}:${now.toISOString().slice(0, 10)}`;
    const d = decideCredit({
      beat,
      now,
      session,
      course: c,
      courseToday: courseToday.get(key) ?? 0,
      settings,
    });
    if (d.write) {
      session = d.session;
      courseToday.set(key, (courseToday.get(key) ?? 0) + d.credit);
    }
    decisions.push(d);
    return d;
  };
  const credited = () => decisions.reduce((s, d) => s + (d.write ? d.credit : 0), 0);
  return { send, credited, session: () => session, setSeq: (n: number) => (seq = n) };
}

/** Opens the course at `from` and beats every 15 s until `to` (the player's rhythm). */
function watch(s: ReturnType<typeof studying>, from: number, to: number, over: Partial<Beat> = {}) {
  s.send(from, { start: true, ...over });
  for (let t = from + 15; t <= to; t += 15) s.send(t, over);
}

describe('attention: only the time the page was seen, in front, playing', () => {
  it('a minute of a video watched with the page visible is credited a minute', () => {
    const s = studying();
    watch(s, 0, 60);
    expect(s.credited()).toBe(60);
  });
  it('the first beat only starts the clock: there is no time before it to credit', () => {
    const d = studying().send(0, { start: true });
    expect(d).toMatchObject({ write: true, credit: 0, answer: { state: 'active', reason: 'started' } });
  });
  it('with the tab hidden nothing is credited, and the hidden time is not credited afterwards either', () => {
    const s = studying();
    s.send(0, { start: true });
    for (let t = 15; t <= 60; t += 15) {
      const d = s.send(t, { visible: false });
      expect(d.answer).toMatchObject({ state: 'paused', credited: 0, reason: 'hidden' });
    }
    s.send(75);
    expect(s.credited()).toBe(15);
  });
  it('another window in front (the page unfocused) earns nothing', () => {
    const s = studying();
    s.send(0, { start: true });
    expect(s.send(15, { focused: false }).answer).toMatchObject({ credited: 0, reason: 'unfocused' });
  });
  it('a paused video earns nothing; an article has nothing to play and earns while read', () => {
    const s = studying();
    s.send(0, { start: true });
    expect(s.send(15, { playing: false }).answer).toMatchObject({ state: 'paused', reason: 'paused' });
    const r = studying(article);
    r.send(0, { start: true, playing: undefined });
    r.send(15, { playing: undefined });
    expect(r.send(30, { playing: undefined }).answer.credited).toBe(30);
  });
});

describe('one active device per member', () => {
  it('a second device that starts takes over; the first earns nothing from then on and is told so', () => {
    const s = studying();
    watch(s, 0, 30, { deviceId: 'phone-0001' });
    expect(s.send(35, { deviceId: 'laptop-0002', start: true }).answer).toMatchObject({
      state: 'active',
      credited: 0,
      reason: 'took_over',
    });
    const old = s.send(45, { deviceId: 'phone-0001' });
    expect(old).toMatchObject({
      write: false,
      answer: { state: 'taken-over', credited: 0, reason: 'taken_over' },
    });
    expect(s.send(50, { deviceId: 'laptop-0002' }).answer.credited).toBe(15);
    expect(s.credited()).toBe(30 + 15);
  });
  it('the first device comes back only by starting again ("continue on this device")', () => {
    const s = studying();
    s.send(0, { deviceId: 'phone-0001', start: true });
    s.send(5, { deviceId: 'laptop-0002', start: true });
    expect(s.send(20, { deviceId: 'phone-0001', start: true }).answer.reason).toBe('took_over');
    expect(s.send(35, { deviceId: 'laptop-0002' }).answer.state).toBe('taken-over');
    expect(s.send(35, { deviceId: 'phone-0001' }).answer.credited).toBe(15);
  });
});

describe('never more than the real time since the last accepted beat (the server’s clock)', () => {
  it('beats sent faster than every 15 s earn only the time between them', () => {
    const s = studying();
    s.send(0, { start: true });
    for (let t = 2; t <= 60; t += 2) s.send(t);
    expect(s.credited()).toBe(60);
  });
  it('a burst within the same second earns nothing more', () => {
    const s = studying();
    s.send(0, { start: true });
    s.send(15);
    expect(s.send(15).answer).toMatchObject({ credited: 0, reason: 'too_soon' });
  });
  it('after a gap (the network dropped), a beat earns at most one interval and its grace', () => {
    const s = studying();
    s.send(0, { start: true });
    expect(s.send(600).answer).toMatchObject({ credited: MAX_BEAT_SECONDS, reason: 'gap' });
  });
  it('a beat dated an hour ahead by its device earns the server’s elapsed time, and the skew is noted', () => {
    const s = studying();
    s.send(0, { start: true });
    const d = s.send(15, { sentAt: at(3600) });
    expect(d.answer).toMatchObject({ credited: 15, reason: 'clock_ahead' });
  });
});

describe('numbered beats: idempotent', () => {
  it('a beat sent again gets the same answer and earns nothing more', () => {
    const s = studying();
    s.send(0, { start: true });
    const first = s.send(15);
    s.setSeq(1); // the device retries beat 2
    const again = s.send(17);
    expect(again).toEqual({ write: false, answer: { ...first.answer, replayed: true } });
    expect(s.credited()).toBe(15);
  });
  it('an older beat, arriving late, earns nothing', () => {
    const s = studying();
    watch(s, 0, 45);
    s.setSeq(1);
    expect(s.send(47)).toMatchObject({ write: false, answer: { credited: 0, reason: 'out_of_order' } });
  });
  it('moving to another course without starting it credits nothing and restarts the clock there', () => {
    const s = studying();
    s.send(0, { start: true });
    expect(s.send(15, { courseId: 2 }).answer).toMatchObject({ credited: 0, reason: 'course_switched' });
    expect(s.send(30, { courseId: 2 }).answer.credited).toBe(15);
  });
});

describe('a video or audio: at most its own length a day, and at most 60 minutes', () => {
  it('a 30-minute video watched for 40 minutes is credited 30', () => {
    const s = studying(video);
    watch(s, 0, 40 * 60);
    expect(s.credited()).toBe(30 * 60);
  });
  it('the beat that reaches the length earns what is left, the next ones nothing, with the reason', () => {
    const s = studying({ kind: 'audio', durationSeconds: 20, charCount: null });
    s.send(0, { start: true });
    expect(s.send(15).answer.credited).toBe(15);
    expect(s.send(30).answer).toMatchObject({ credited: 5, reason: 'item_cap' });
    expect(s.send(45).answer).toMatchObject({ credited: 0, reason: 'item_cap', state: 'active' });
  });
  it('a three-hour video earns 60 minutes a day by default', () => {
    const s = studying(longVideo);
    watch(s, 0, 2 * 3600);
    expect(s.credited()).toBe(3600);
    expect(dailyItemCap(longVideo, rules)).toBe(3600);
  });
  it('the next day, the same video earns again', () => {
    const s = studying(video);
    watch(s, 0, 40 * 60);
    watch(s, 86_400, 86_400 + 10 * 60);
    expect(s.credited()).toBe(30 * 60 + 10 * 60);
  });
  it('the department may allow 90 minutes a course (within 10–240)', () => {
    expect(dailyItemCap(longVideo, { ...rules, itemDailyMinutes: 90 })).toBe(5400);
    expect(creditSettings.schema.safeParse({ ...rules, itemDailyMinutes: 300 }).success).toBe(false);
    expect(creditSettings.schema.safeParse({ ...rules, itemDailyMinutes: 5 }).success).toBe(false);
  });
});

describe('an article: at least 30 seconds before any credit, at most 1.5 × its reading time', () => {
  it('nothing before 30 seconds of reading; the seconds read are held and credited once passed', () => {
    const s = studying(article);
    s.send(0, { start: true });
    expect(s.send(15).answer).toMatchObject({ credited: 0, reason: 'warming_up', state: 'active' });
    expect(s.send(30).answer).toMatchObject({ credited: 30, reason: null });
    expect(s.send(45).answer.credited).toBe(15);
  });
  it('a glance shorter than 30 seconds earns nothing at all', () => {
    const s = studying(article);
    s.send(0, { start: true });
    s.send(15);
    s.send(20, { visible: false });
    s.send(100, { start: true }); // opened again later: a new reading session
    s.send(115);
    expect(s.credited()).toBe(0);
  });
  it('hidden time during the warm-up does not count towards it', () => {
    const s = studying(article);
    s.send(0, { start: true });
    s.send(15);
    s.send(30, { visible: false });
    expect(s.send(45).answer).toMatchObject({ credited: 30, reason: null });
  });
  it('5 minutes of reading time: at most 7.5 minutes a day', () => {
    expect(dailyItemCap(article, rules)).toBe(450);
    const s = studying(article);
    watch(s, 0, 20 * 60);
    expect(s.credited()).toBe(450);
  });
  it('a document without a text count is held to the 60 minutes of any course', () => {
    expect(dailyItemCap({ kind: 'document', durationSeconds: null, charCount: null }, rules)).toBe(3600);
  });
});

describe('the daily cap: 6 hours of online study a day, all courses together', () => {
  it('after three hours of one course and three of another, a third course earns nothing that day', () => {
    const s = studying(longVideo, { ...rules, itemDailyMinutes: 180 });
    watch(s, 0, 3 * 3600, { courseId: 1 });
    watch(s, 3 * 3600 + 60, 6 * 3600 + 60, { courseId: 2 });
    expect(s.credited()).toBe(6 * 3600);
    s.send(6 * 3600 + 120, { courseId: 3, start: true });
    expect(s.send(6 * 3600 + 135, { courseId: 3 }).answer).toMatchObject({
      credited: 0,
      reason: 'daily_cap',
      dayTotal: 6 * 3600,
    });
  });
  it('the department may set it between 1 and 12 hours', () => {
    expect(creditSettings.schema.safeParse({ ...rules, dailyCapMinutes: 13 * 60 }).success).toBe(false);
    expect(creditSettings.schema.safeParse({ ...rules, dailyCapMinutes: 8 * 60 }).success).toBe(true);
  });
});

describe('finished (what classes and recommendations count)', () => {
  it('after 90 % of a video’s length, of an article’s reading time, or ten minutes of an unknown length', () => {
    expect(finishedAfter(video, rules)).toBe(1620);
    expect(finishedAfter(article, rules)).toBe(270);
    expect(finishedAfter({ kind: 'document', durationSeconds: null, charCount: null }, rules)).toBe(600);
  });
});

describe('whatever the beats, never more credit than the real time they span', () => {
  const beat = fc.record({
    second: fc.integer({ min: 0, max: 4 * 3600 }),
    device: fc.constantFrom('phone-0001', 'laptop-0002', 'tablet-0003'),
    course: fc.constantFrom(1, 2, 3),
    seqStep: fc.integer({ min: -2, max: 3 }),
    start: fc.boolean(),
    visible: fc.boolean(),
    focused: fc.boolean(),
    playing: fc.option(fc.boolean(), { nil: undefined }),
    sentAhead: fc.integer({ min: -600, max: 86_400 }),
  });
  const courses: Record<number, CourseFacts> = {
    1: video,
    2: article,
    3: { kind: 'audio', durationSeconds: 45, charCount: null },
  };

  it('in time order, out of order, replayed, from several devices', () => {
    fc.assert(
      fc.property(fc.array(beat, { minLength: 1, maxLength: 120 }), fc.boolean(), (raw, sorted) => {
        const beats = sorted ? [...raw].sort((a, b) => a.second - b.second) : raw;
        let session: Session | null = null;
        const today = new Map<string, number>();
        const seqs = new Map<string, number>();
        let total = 0;
        for (const b of beats) {
          const seq = Math.max(1, (seqs.get(b.device) ?? 0) + b.seqStep);
          seqs.set(b.device, seq);
          const now = at(b.second);
          const key = `${b.course}:${now.toISOString().slice(0, 10)}`;
          const d = decideCredit({
            beat: {
              courseId: b.course,
              deviceId: b.device,
              seq,
              start: b.start,
              visible: b.visible,
              focused: b.focused,
              playing: b.playing,
              sentAt: at(b.second + b.sentAhead),
            },
            now,
            session,
            course: courses[b.course],
            courseToday: today.get(key) ?? 0,
            settings: rules,
          });
          expect(d.answer.credited).toBeGreaterThanOrEqual(0);
          if (d.write) {
            session = d.session;
            today.set(key, (today.get(key) ?? 0) + d.credit);
            total += d.credit;
          } else if (!d.answer.replayed) expect(d.answer.credited).toBe(0);
        }
        const seconds = beats.map((b) => b.second);
        expect(total).toBeLessThanOrEqual(Math.max(...seconds) - Math.min(...seconds));
      }),
      { numRuns: 500 },
    );
  });
});
