import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeCourse } from '../library/fixtures.ts';
import { refreshRecommendations } from './refresh.ts';

// The hand-made data of rules.test.ts, in the database: five members of one branch of town 1,
// four courses open to everyone (A, B, C, D), and the job's lists worked by hand. The demo's own
// study is removed first, so the lists are this test's alone.
//   m1: A B C   m2: A B   m3: A C   m4: B C D   m5: A B D

let env: TestEnv;
let branch: number;
let town1: number;
let town2: number;
const course: Record<string, number> = {};
const members: number[] = [];

const api = (s: Session, method: 'GET' | 'POST', url: string) =>
  env.app.inject({ method, url: `/api/v1${url}`, headers: s.headers });

async function finish(memberId: number, courseIds: number[]) {
  for (const [i, c] of courseIds.entries())
    await query(
      env,
      `insert into course_progress (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
       values ($1, $2, 600, $3::timestamptz, $3::timestamptz, $3::timestamptz)`,
      [memberId, c, `2026-03-0${i + 1}T12:00:00+08:00`],
    );
}

/** A member of `org` with a login of their own. */
async function memberWithLogin(org: number) {
  const m = await makeMember(env, org);
  const u = await makeUser(env, { orgId: m.branchId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { memberId: Number(m.id), session: await login(env, u.username) };
}

const neighboursOf = async (c: number) =>
  (
    await query<{ neighbour_id: string; similarity: number; co_finishers: number }>(
      env,
      'select neighbour_id, similarity, co_finishers from course_neighbours where course_id = $1 order by similarity desc, neighbour_id',
      [c],
    )
  ).map((r) => [Number(r.neighbour_id), Number(r.similarity.toFixed(6)), r.co_finishers]);

beforeAll(async () => {
  env = await testEnv();
  await query(env, 'delete from course_progress');
  const [root] = await query<{ id: string }>(env, 'select id from orgs where parent_id is null');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  [{ org_id: town2 }] = await query<{ org_id: number }>(
    env,
    "select g.org_id from role_grants g join users u on u.id = g.user_id where u.username = 'town2_admin'",
  );
  branch = (await makeOrg(env, town1, 'branch', '推荐测试支部')).id;
  for (const k of ['A', 'B', 'C', 'D'])
    course[k] = (await makeCourse(env, Number(root.id), { title: `课件${k}` })).id;
  // open to town 2's members only, and one withdrawn: never offered in town 1
  course.E = (await makeCourse(env, town2, { title: '课件E' })).id;
  course.W = (await makeCourse(env, Number(root.id), { title: '课件W', status: 'withdrawn' })).id;
  for (let i = 0; i < 5; i++) members.push(Number((await makeMember(env, branch)).id));
  const { A, B, C, D } = course;
  await finish(members[0], [A, B, C]);
  await finish(members[1], [A, B]);
  await finish(members[2], [A, C]);
  await finish(members[3], [B, C, D]);
  await finish(members[4], [A, B, D]);
});
afterAll(() => env.close());

describe('the nightly job', () => {
  it('keeps the hand-computed neighbours; a pair finished together by one member is dropped', async () => {
    const r = await refreshRecommendations(env.database.db);
    expect(r.neighbours).toBe(8);
    const { A, B, C, D } = course;
    const s = (x: number) => Number(x.toFixed(6));
    expect(await neighboursOf(A)).toEqual([
      [B, 0.75, 3],
      [C, s(2 / Math.sqrt(12)), 2],
    ]);
    expect(await neighboursOf(B)).toEqual([
      [A, 0.75, 3],
      [D, s(2 / Math.sqrt(8)), 2],
      [C, s(2 / Math.sqrt(12)), 2],
    ]);
    expect(await neighboursOf(C)).toEqual([
      [A, s(2 / Math.sqrt(12)), 2],
      [B, s(2 / Math.sqrt(12)), 2],
    ]);
    expect(await neighboursOf(D)).toEqual([[B, s(2 / Math.sqrt(8)), 2]]);
  });

  it('keeps what each org’s members finished most, and everyone’s', async () => {
    const rows = await query<{ org_id: string; course_id: string; finishers: number }>(
      env,
      'select org_id, course_id, finishers from course_popular order by org_id, finishers desc, course_id',
    );
    const { A, B, C, D } = course;
    const list = (org: number) =>
      rows.filter((r) => Number(r.org_id) === org).map((r) => [Number(r.course_id), r.finishers]);
    const expected = [
      [A, 4],
      [B, 4],
      [C, 3],
      [D, 2],
    ];
    expect(list(branch)).toEqual(expected);
    expect(list(0)).toEqual(expected);
  });
});

describe('a member’s recommendations', () => {
  let me: { memberId: number; session: Session };

  beforeAll(async () => {
    me = await memberWithLogin(branch);
    const { A, E, W } = course;
    await finish(me.memberId, [A]);
    // two members of town 2 finished A with E (open to town 2 only) and W (since withdrawn): close
    // neighbours of A, never offered to a member of town 1
    for (let i = 0; i < 2; i++) await finish(Number((await makeMember(env, town2)).id), [A, E, W]);
    await refreshRecommendations(env.database.db);
  });

  it('are the neighbours of what they finished, with why; then what their branch finishes most', async () => {
    const res = await api(me.session, 'GET', '/learning/recommendations?limit=10');
    expect(res.statusCode, res.body).toBe(200);
    const { A, B, C, D } = course;
    // A's neighbours now: B 3/√28, E and W 2/√14, C 2/√21 (A has 7 finishers); D comes from the branch
    expect(
      res.json().items.map((i: { id: string; reason: string; why: string }) => [i.id, i.reason, i.why]),
    ).toEqual([
      [String(B), 'similar', '学过《课件A》的党员也学了'],
      [String(C), 'similar', '学过《课件A》的党员也学了'],
      [String(D), 'org', '本支部热门'],
    ]);
    expect(res.json().items[0].because).toEqual({ id: String(A), title: '课件A' });
  });

  it('a dismissed course is never offered again; dismissing twice is once', async () => {
    const { B, C, D } = course;
    for (let i = 0; i < 2; i++) {
      const res = await api(me.session, 'POST', `/learning/recommendations/${B}/dismiss`);
      expect(res.statusCode, res.body).toBe(200);
    }
    const rows = await query(env, 'select 1 from course_dismissals where member_id = $1', [me.memberId]);
    expect(rows).toHaveLength(1);
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'course.recommendation_dismissed' and target_id = $1",
      [String(B)],
    );
    expect(audit).toHaveLength(1);
    const items = (await api(me.session, 'GET', '/learning/recommendations')).json().items;
    expect(items.map((i: { id: string }) => i.id)).toEqual([String(C), String(D)]);
  });

  it('a course out of their scope cannot be dismissed (404), nor one that does not exist', async () => {
    const other = await api(me.session, 'POST', `/learning/recommendations/${course.E}/dismiss`);
    expect(other.statusCode).toBe(404);
    const withdrawn = await api(me.session, 'POST', `/learning/recommendations/${course.W}/dismiss`);
    expect(withdrawn.statusCode).toBe(404);
    const none = await api(me.session, 'POST', '/learning/recommendations/999999999/dismiss');
    expect(none.statusCode).toBe(404);
    expect(
      await query(env, 'select 1 from course_dismissals where course_id = any($1::int8[])', [
        [course.E, course.W],
      ]),
    ).toHaveLength(0);
  });

  it('limit outside 1–30 is refused, naming it', async () => {
    const res = await api(me.session, 'GET', '/learning/recommendations?limit=0');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('limit');
  });
});

describe('a member with no history', () => {
  it('is offered what their branch finishes most', async () => {
    const fresh = await memberWithLogin(branch);
    const items = (await api(fresh.session, 'GET', '/learning/recommendations?limit=3')).json().items;
    const { A, B, C } = course;
    // the branch: A 5 (m1 m2 m3 m5 and the member above), B 4, C 3
    expect(items.map((i: { id: string; reason: string }) => [i.id, i.reason])).toEqual([
      [String(A), 'org'],
      [String(B), 'org'],
      [String(C), 'org'],
    ]);
  });

  it('in a branch where nobody studied: what the town’s members finish most, never another town’s courses', async () => {
    const quiet = await makeOrg(env, town1, 'branch', '推荐测试新支部');
    const fresh = await memberWithLogin(quiet.id);
    const items = (await api(fresh.session, 'GET', '/learning/recommendations?limit=10')).json().items;
    const ids = items.map((i: { id: string }) => i.id);
    expect(items.every((i: { reason: string }) => i.reason === 'parent')).toBe(true);
    expect(ids.slice(0, 4)).toEqual([course.A, course.B, course.C, course.D].map(String));
    expect(ids).not.toContain(String(course.E));
    expect(ids).not.toContain(String(course.W));
  });

  it('in town 2: everyone’s favourites and town 2’s own, never a withdrawn course', async () => {
    const b2 = await makeOrg(env, town2, 'branch', '推荐测试二镇支部');
    const fresh = await memberWithLogin(b2.id);
    const items = (await api(fresh.session, 'GET', '/learning/recommendations?limit=10')).json().items;
    const ids = items.map((i: { id: string }) => i.id);
    // town 2's members (their own branches) finished A, E, W: E is open to them
    expect(ids).toContain(String(course.E));
    expect(ids).not.toContain(String(course.W));
    expect(items.find((i: { id: string }) => i.id === String(course.B)).reason).toBe('everywhere');
  });
});

describe('a login without a member record', () => {
  it('has no recommendations (403, saying why)', async () => {
    const u = await makeUser(env, { orgId: branch, role: 'member' });
    const s = await login(env, u.username);
    const res = await api(s, 'GET', '/learning/recommendations');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('党员档案');
  });
});
