import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { inTransaction } from '../../../db/client.ts';
import { makeCourse } from '../library/fixtures.ts';
import { creditStudy } from './credit-study.ts';
import { foldPendingStudy, studyFoldJob } from './fold.ts';

// The morning the tests live in (X-Test-Now: the server's clock for each request), 10:00 in Beijing.
const T0 = Date.parse('2026-11-20T02:00:00Z');
const DAY = '2026-11-20';

let env: TestEnv;
let town1: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

/** A member of a new branch of town 1 with a login of their own. */
async function studyingMember() {
  const branch = await makeOrg(env, town1, 'branch');
  const m = await makeMember(env, branch.id);
  const user = await makeUser(env, { orgId: branch.id, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [user.id, m.id]);
  return { branch: branch.id, memberId: m.id, session: await login(env, user.username) };
}

/** A published video of `minutes` open to the members of `orgId`. */
async function video(orgId: number, minutes = 30) {
  const c = await makeCourse(env, orgId, { kind: 'video', title: '党的二十大精神专题讲座' });
  await query(env, 'update courses set duration_seconds = $1 where id = $2', [minutes * 60, c.id]);
  return c.id;
}

type Beat = {
  seq: number;
  start?: boolean;
  visible?: boolean;
  focused?: boolean;
  playing?: boolean;
  device?: string;
};

/** One heartbeat, `second` seconds after T0 by the server's clock. */
const beat = (s: Session, courseId: number, second: number, b: Beat) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/study/heartbeats',
    headers: { ...s.headers, 'x-test-now': new Date(T0 + second * 1000).toISOString() },
    payload: {
      courseId: String(courseId),
      deviceId: b.device ?? 'phone-aaaa0001',
      seq: b.seq,
      start: b.start ?? false,
      visible: b.visible ?? true,
      focused: b.focused ?? true,
      playing: b.playing ?? true,
    },
  });

/** The member's day rows, once the session's pending credit is folded into them. */
async function credits(memberId: number) {
  await foldPendingStudy(env.database.db, { memberIds: [memberId] });
  return query<{ course_id: number; day: string; seconds: number }>(
    env,
    "select course_id, to_char(day, 'YYYY-MM-DD') as day, seconds from study_credits where member_id = $1 order by course_id, day",
    [memberId],
  );
}

/** The minute job as its schedule runs it, at `now`. */
const foldJobAt = (now: Date) =>
  studyFoldJob.run({ db: env.database.db, config: env.config, pii: env.pii, now: () => now, log: () => {} });

const pending = async (memberId: number) =>
  (
    await query<{ course_id: number | null; day: string | null; seconds: number }>(
      env,
      `select pending_course_id as course_id, to_char(pending_day, 'YYYY-MM-DD') as day, pending_seconds as seconds
         from study_devices where member_id = $1`,
      [memberId],
    )
  )[0];

describe('a member watches a video: the server credits the attention it measured', () => {
  it('a minute with the page visible is credited a minute, kept as one row of the course and day', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    const answers = [];
    for (let i = 0; i <= 4; i++)
      answers.push((await beat(me.session, course, i * 15, { seq: i + 1, start: i === 0 })).json());
    expect(answers.map((a) => a.credited)).toEqual([0, 15, 15, 15, 15]);
    expect(answers[0]).toMatchObject({ state: 'active', reason: 'started' });
    expect(answers[4]).toMatchObject({ courseToday: 60, dayTotal: 60, replayed: false });
    // the session row holds the minute until it is folded; the member's own figures show it at once
    expect(await pending(me.memberId)).toEqual({ course_id: course, day: DAY, seconds: 60 });
    const mine = () =>
      env.app.inject({
        method: 'GET',
        url: '/api/v1/study/progress?year=2026',
        headers: { ...me.session.headers, 'x-test-now': new Date(T0 + 70_000).toISOString() },
      });
    expect((await mine()).json()).toMatchObject({
      seconds: { online: 60, total: 60 },
      today: { seconds: 60 },
    });
    expect(await credits(me.memberId)).toEqual([{ course_id: course, day: DAY, seconds: 60 }]);
    expect(await pending(me.memberId)).toEqual({ course_id: null, day: null, seconds: 0 });
    const [progress] = await query<{ seconds: number; finished_at: Date | null }>(
      env,
      'select seconds, finished_at from course_progress where member_id = $1',
      [me.memberId],
    );
    expect(progress).toEqual({ seconds: 60, finished_at: null });
    expect((await mine()).json()).toMatchObject({
      seconds: { online: 60, total: 60 },
      today: { seconds: 60 },
    });
  });

  it('the pending credit is folded when the member earns on another course or day, or by the minute job; nothing counted twice', async () => {
    const me = await studyingMember();
    const first = await video(me.branch);
    const second = await video(me.branch);
    const rows = () =>
      query<{ course_id: number; day: string; seconds: number }>(
        env,
        "select course_id, to_char(day, 'YYYY-MM-DD') as day, seconds from study_credits where member_id = $1 order by course_id, day",
        [me.memberId],
      );
    let seq = 0;
    const watch = async (course: number, from: number, beats: number) => {
      await beat(me.session, course, from, { seq: ++seq, start: true });
      for (let i = 1; i <= beats; i++)
        expect((await beat(me.session, course, from + i * 15, { seq: ++seq })).json().credited).toBe(15);
    };
    await watch(first, 0, 2);
    expect(await rows()).toEqual([]);
    // another course: the first one's 30 seconds go into its rows, the second's are pending
    await watch(second, 100, 3);
    expect(await rows()).toEqual([{ course_id: first, day: DAY, seconds: 30 }]);
    expect(await pending(me.memberId)).toEqual({ course_id: second, day: DAY, seconds: 45 });
    // back to the first course: a beat decided on the kept session sees its 30 seconds today
    await beat(me.session, first, 200, { seq: ++seq, start: true });
    const again = (await beat(me.session, first, 215, { seq: ++seq })).json();
    expect(again).toMatchObject({ credited: 15, courseToday: 45, dayTotal: 90 });
    expect(await rows()).toEqual([
      { course_id: first, day: DAY, seconds: 30 },
      { course_id: second, day: DAY, seconds: 45 },
    ]);
    // the next day (Beijing): yesterday's pending 15 seconds are folded into yesterday
    await watch(first, 86_400, 1);
    expect(await rows()).toEqual([
      { course_id: first, day: DAY, seconds: 45 },
      { course_id: second, day: DAY, seconds: 45 },
    ]);
    expect(await pending(me.memberId)).toEqual({ course_id: first, day: '2026-11-21', seconds: 15 });
    // the member stops: the job folds a session idle two minutes, and bumps its version
    const [{ version }] = await query<{ version: number }>(
      env,
      'select version::int from study_devices where member_id = $1',
      [me.memberId],
    );
    const at = new Date(T0 + 86_400_000 + 15_000);
    await foldJobAt(new Date(at.getTime() + 60_000));
    expect(await pending(me.memberId)).toMatchObject({ seconds: 15 });
    await foldJobAt(new Date(at.getTime() + 121_000));
    expect(await pending(me.memberId)).toEqual({ course_id: null, day: null, seconds: 0 });
    expect(await rows()).toEqual([
      { course_id: first, day: DAY, seconds: 45 },
      { course_id: first, day: '2026-11-21', seconds: 15 },
      { course_id: second, day: DAY, seconds: 45 },
    ]);
    const [after] = await query<{ version: number; online: number }>(
      env,
      `select d.version::int, y.online_seconds as online from study_devices d
         join study_years y on y.member_id = d.member_id and y.year = 2026 where d.member_id = $1`,
      [me.memberId],
    );
    expect(after).toEqual({ version: version + 1, online: 105 });
    // the member comes back: the beat decided on the session kept before the fold is decided again
    const back = (await beat(me.session, first, 86_400 + 30, { seq: ++seq })).json();
    expect(back).toMatchObject({ credited: 15, courseToday: 30, dayTotal: 30 });
    const progress = await query<{ course_id: number; seconds: number }>(
      env,
      'select course_id, seconds from course_progress where member_id = $1 order by course_id',
      [me.memberId],
    );
    expect(progress).toEqual([
      { course_id: first, seconds: 60 },
      { course_id: second, seconds: 45 },
    ]);
  });

  it('with the tab hidden nothing is credited, and each beat says why', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    await beat(me.session, course, 0, { seq: 1, start: true });
    const hidden = await beat(me.session, course, 15, { seq: 2, visible: false });
    const unfocused = await beat(me.session, course, 30, { seq: 3, focused: false });
    const paused = await beat(me.session, course, 45, { seq: 4, playing: false });
    expect([hidden, unfocused, paused].map((r) => r.json())).toMatchObject([
      { state: 'paused', credited: 0, reason: 'hidden' },
      { state: 'paused', credited: 0, reason: 'unfocused' },
      { state: 'paused', credited: 0, reason: 'paused' },
    ]);
    expect(await credits(me.memberId)).toEqual([]);
  });

  it('a second device takes over: the first earns nothing from then on and is told so', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    await beat(me.session, course, 0, { seq: 1, start: true, device: 'phone-aaaa0001' });
    await beat(me.session, course, 15, { seq: 2, device: 'phone-aaaa0001' });
    const laptop = await beat(me.session, course, 20, { seq: 1, start: true, device: 'laptop-bbbb0002' });
    expect(laptop.json()).toMatchObject({ state: 'active', reason: 'took_over', credited: 0 });
    const phone = await beat(me.session, course, 30, { seq: 3, device: 'phone-aaaa0001' });
    expect(phone.statusCode).toBe(200);
    expect(phone.json()).toMatchObject({ state: 'taken-over', credited: 0, reason: 'taken_over' });
    await beat(me.session, course, 35, { seq: 2, device: 'laptop-bbbb0002' });
    expect((await credits(me.memberId))[0].seconds).toBe(15 + 15);
  });

  it('a beat sent again gets its first answer and earns nothing more; an older one earns nothing', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    await beat(me.session, course, 0, { seq: 1, start: true });
    const first = (await beat(me.session, course, 15, { seq: 2 })).json();
    await beat(me.session, course, 30, { seq: 3 });
    const again = (await beat(me.session, course, 31, { seq: 3 })).json();
    expect(again).toMatchObject({ seq: 3, credited: 15, replayed: true });
    const older = (await beat(me.session, course, 32, { seq: 2 })).json();
    expect(older).toMatchObject({ credited: 0, reason: 'out_of_order', replayed: false });
    expect(first.credited).toBe(15);
    expect((await credits(me.memberId))[0].seconds).toBe(30);
  });

  it('the same beat sent ten times at once is credited once; every acknowledged second is in the rows', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    await beat(me.session, course, 0, { seq: 1, start: true });
    const same = await Promise.all(
      Array.from({ length: 10 }, () => beat(me.session, course, 15, { seq: 2 })),
    );
    expect(same.every((r) => r.statusCode === 200)).toBe(true);
    expect(same.filter((r) => !r.json().replayed).map((r) => r.json().credited)).toEqual([15]);
    // then beats with their own numbers, all at once (two tabs of one device): decided one by one
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => beat(me.session, course, 20 + i * 3, { seq: 3 + i })),
    );
    const acknowledged = [...same, ...burst]
      .map((r) => r.json())
      .filter((a) => !a.replayed)
      .reduce((s, a) => s + a.credited, 0);
    expect((await credits(me.memberId))[0].seconds).toBe(acknowledged);
    expect(acknowledged).toBeLessThanOrEqual(20 + 7 * 3);
  });

  it('beats of many members at once are written together, each to its own member, none lost', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const course = await video(branch.id);
    const people: { memberId: number; session: Session }[] = [];
    for (let i = 0; i < 12; i++) {
      const m = await makeMember(env, branch.id);
      const user = await makeUser(env, { orgId: branch.id, role: 'member' });
      await query(env, 'update members set user_id = $1 where id = $2', [user.id, m.id]);
      people.push({ memberId: m.id, session: await login(env, user.username) });
    }
    for (const p of people) await beat(p.session, course, 0, { seq: 1, start: true });
    // three rounds, every member's beat of a round sent at once (one batch, or a few)
    const acknowledged = new Map<number, number>();
    for (let round = 1; round <= 3; round++) {
      const answers = await Promise.all(
        people.map((p) => beat(p.session, course, round * 15, { seq: round + 1 })),
      );
      answers.forEach((r, i) => {
        expect(r.statusCode).toBe(200);
        const id = people[i].memberId;
        acknowledged.set(id, (acknowledged.get(id) ?? 0) + r.json().credited);
      });
    }
    for (const p of people) {
      expect(acknowledged.get(p.memberId)).toBe(45);
      expect(await credits(p.memberId)).toEqual([{ course_id: course, day: DAY, seconds: 45 }]);
    }
    const years = await query<{ n: number }>(
      env,
      'select count(*)::int as n from study_years where member_id = any($1) and online_seconds = 45',
      [people.map((p) => p.memberId)],
    );
    expect(years[0].n).toBe(12);
  });

  it('a logout ends the beats at once, though the heartbeat keeps the login session for a few seconds', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    expect((await beat(me.session, course, 0, { seq: 1, start: true })).statusCode).toBe(200);
    expect((await beat(me.session, course, 15, { seq: 2 })).statusCode).toBe(200);
    const out = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: me.session.headers,
    });
    expect(out.statusCode).toBeLessThan(300);
    const after = await beat(me.session, course, 30, { seq: 3 });
    expect(after.statusCode).toBe(401);
    expect((await credits(me.memberId))[0].seconds).toBe(15);
  });

  it('a takeover made through another server process is seen: the first device is told, and earns nothing', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    await beat(me.session, course, 0, { seq: 1, start: true, device: 'phone-aaaa0001' });
    await beat(me.session, course, 15, { seq: 2, device: 'phone-aaaa0001' });
    // the laptop's start, answered by another process of the deployment: only the database knows
    await query(
      env,
      `update study_devices set device_id = 'laptop-bbbb0002', last_seq = 1, last_beat_at = $2, version = version + 1
        where member_id = $1`,
      [me.memberId, new Date(T0 + 20_000)],
    );
    const phone = (await beat(me.session, course, 30, { seq: 3, device: 'phone-aaaa0001' })).json();
    expect(phone).toMatchObject({ state: 'taken-over', credited: 0 });
    const laptop = (await beat(me.session, course, 35, { seq: 2, device: 'laptop-bbbb0002' })).json();
    expect(laptop).toMatchObject({ state: 'active', credited: 15 });
    expect((await credits(me.memberId))[0].seconds).toBe(15 + 15);
  });

  it('a course open to another branch only is refused, and nothing is written', async () => {
    const me = await studyingMember();
    const other = await makeOrg(env, town1, 'branch');
    const course = await video(other.id);
    const res = await beat(me.session, course, 0, { seq: 1, start: true });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('course_not_visible');
    const [{ n }] = await query<{ n: number }>(
      env,
      'select count(*)::int as n from study_devices where member_id = $1',
      [me.memberId],
    );
    expect(n).toBe(0);
  });

  it('a heartbeat with a bad device id or sequence number is a 400 naming the field', async () => {
    const me = await studyingMember();
    const course = await video(me.branch);
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/study/heartbeats',
      headers: me.session.headers,
      payload: { courseId: String(course), deviceId: 'x', seq: 0, visible: true, focused: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('deviceId');
    expect(bad.body).toContain('seq');
  });

  it('the department’s 10-minute cap a course is applied at once (a setting, within bounds)', async () => {
    const admin = await login(env, 'admin');
    const put = (value: object) =>
      env.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/learning.studyCredit',
        headers: admin.headers,
        payload: { value },
      });
    const rules = {
      itemDailyMinutes: 10,
      readingMinSeconds: 30,
      readingFactor: 1.5,
      readingCharsPerMinute: 300,
      dailyCapMinutes: 360,
    };
    expect((await put({ ...rules, itemDailyMinutes: 5 })).statusCode).toBe(400);
    expect((await put(rules)).statusCode).toBe(200);
    try {
      const me = await studyingMember();
      const course = await video(me.branch, 60);
      await beat(me.session, course, 0, { seq: 1, start: true });
      let last = null;
      for (let i = 1; i <= 44; i++) last = (await beat(me.session, course, i * 15, { seq: i + 1 })).json();
      expect(last).toMatchObject({ credited: 0, reason: 'item_cap', courseToday: 600 });
    } finally {
      await put({ ...rules, itemDailyMinutes: 60 });
    }
  });
});

describe('creditStudy: offline study and station sessions add to the same year', () => {
  it('approved offline hours and a station session count towards the year, a course’s progress too', async () => {
    const m = await makeMember(env, town1);
    const course = await video(m.branchId, 20);
    await inTransaction(env.database.db, async (tx) => {
      await creditStudy(tx, { memberId: m.id, source: 'offline', seconds: 7200, day: '2026-06-01' });
      await creditStudy(tx, {
        memberId: m.id,
        source: 'station',
        seconds: 1200,
        day: '2026-06-02',
        courseId: course,
      });
      await creditStudy(tx, { memberId: m.id, source: 'station', seconds: 600, day: '2025-12-30' });
    });
    const years = await query(
      env,
      'select year, online_seconds, offline_seconds, station_seconds from study_years where member_id = $1 order by year',
      [m.id],
    );
    expect(years).toEqual([
      { year: 2025, online_seconds: 0, offline_seconds: 0, station_seconds: 600 },
      { year: 2026, online_seconds: 0, offline_seconds: 7200, station_seconds: 1200 },
    ]);
    const [p] = await query<{ seconds: number; finished: boolean }>(
      env,
      'select seconds, finished_at is not null as finished from course_progress where member_id = $1',
      [m.id],
    );
    // 1,200 seconds of a 20-minute video: most of it, so finished
    expect(p).toEqual({ seconds: 1200, finished: true });
    // and no row of a course and day: those are online study's
    expect(await credits(m.id)).toEqual([]);
  });

  it('refuses what is not one session’s study (2 hours given in milliseconds), and writes nothing when the approval that gives it rolls back', async () => {
    const m = await makeMember(env, town1);
    await expect(
      inTransaction(env.database.db, (tx) =>
        creditStudy(tx, { memberId: m.id, source: 'offline', seconds: 7_200_000, day: '2026-06-01' }),
      ),
    ).rejects.toThrow(/not one session/);
    await expect(
      inTransaction(env.database.db, async (tx) => {
        await creditStudy(tx, { memberId: m.id, source: 'offline', seconds: 3600, day: '2026-06-01' });
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');
    expect(await query(env, 'select * from study_years where member_id = $1', [m.id])).toEqual([]);
  });
});
