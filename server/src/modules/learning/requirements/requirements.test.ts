import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { inTransaction } from '../../../db/client.ts';
import { creditStudy } from '../study/credit-study.ts';
import { sql } from 'drizzle-orm';
import { countOrgYears, proratedSql } from './rollup.ts';
import { proratedSeconds } from './rules.ts';

const NOW = '2026-11-20T10:00:00+08:00';
const HOUR = 3600;

let env: TestEnv;
let town1: number;
let townAdmin: Session;
let town2Admin: Session;
let admin: Session;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  town1 = await orgId(env, '中共青山区清河镇委员会');
  townAdmin = await login(env, 'town_admin');
  town2Admin = await login(env, 'town2_admin');
  admin = await login(env, 'admin');
});
afterAll(() => env.close());

const get = (s: Session, url: string) =>
  env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { ...s.headers, 'x-test-now': NOW } });

const credit = (
  memberId: number,
  source: 'online' | 'offline' | 'station',
  seconds: number,
  day = '2026-06-01',
) => inTransaction(env.database.db, (tx) => creditStudy(tx, { memberId, source, seconds, day }));

/** A member of `branch` with a login, holding `positions`. */
async function member(branch: number, positions: string[] = []) {
  const m = await makeMember(env, branch);
  const user = await makeUser(env, { orgId: branch, role: 'member' });
  await query(env, 'update members set user_id = $1, positions = $2 where id = $3', [
    user.id,
    positions,
    m.id,
  ]);
  return { id: m.id, session: await login(env, user.username) };
}

describe('学时要求: 32 class hours a year for members, 56 for secretaries and committee members', () => {
  let branch: number;
  let secretary: Awaited<ReturnType<typeof member>>;
  let zhang: Awaited<ReturnType<typeof member>>;

  beforeAll(async () => {
    // given a branch of town 1: its secretary has 30 hours (of 42 needed: 56 × 45 minutes), a member
    // exactly 24 (32 × 45 minutes), another member nothing, and a suspended member (held to nothing)
    branch = (await makeOrg(env, town1, 'branch', '学时测试村党支部')).id;
    secretary = await member(branch, ['书记']);
    zhang = await member(branch, ['党小组长']);
    await member(branch);
    const suspended = await member(branch);
    await query(
      env,
      "update members set party_standing = 'suspended', suspended_on = '2026-03-01' where id = $1",
      [suspended.id],
    );
    await credit(secretary.id, 'online', 20 * HOUR);
    await credit(secretary.id, 'offline', 8 * HOUR);
    await credit(secretary.id, 'station', 2 * HOUR);
    await credit(zhang.id, 'offline', 24 * HOUR);
    await credit(suspended.id, 'online', 40 * HOUR);
    // last year's hours are last year's
    await credit(zhang.id, 'online', 10 * HOUR, '2025-12-31');
    await countOrgYears(env.database.db, 2026, new Date(NOW));
  });

  it('the secretary sees their own year: held to 56 class hours, 40 done, by source', async () => {
    const res = await get(secretary.session, '/study/progress?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2026,
      member: true,
      kind: 'leader',
      requiredClassHours: 56,
      classHourMinutes: 45,
      seconds: { online: 20 * HOUR, offline: 8 * HOUR, station: 2 * HOUR, total: 30 * HOUR },
      classHours: 40,
      progress: 0.714,
      met: false,
    });
    expect((await get(secretary.session, '/study/progress/tile')).json()).toEqual({ value: 40, max: 56 });
  });

  it('a Party group leader is not on the committee: 32 hours, met with 24 hours of 45 minutes', async () => {
    expect((await get(zhang.session, '/study/progress?year=2026')).json()).toMatchObject({
      kind: 'member',
      requiredClassHours: 32,
      classHours: 32,
      progress: 1,
      met: true,
    });
    expect((await get(zhang.session, '/study/progress?year=2025')).json()).toMatchObject({
      seconds: { online: 10 * HOUR, total: 10 * HOUR },
      met: false,
    });
  });

  it('the branch, org by org: three members held to it, one meets it, the average of their progress', async () => {
    const res = await get(townAdmin, `/study/summary?orgId=${branch}&year=2026`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.org.name).toBe('学时测试村党支部');
    expect(s.computedAt).not.toBeNull();
    // (30/42 + 1 + 0) / 3
    expect(s.total).toEqual({ members: 3, met: 1, metRate: 0.333, avgProgress: 0.571, avgClassHours: 24 });
    expect(s.own).toEqual(s.total);
    expect(s.children).toEqual([]);
  });

  it('the town sees the branch among its orgs, and the town’s total includes it', async () => {
    const s = (await get(townAdmin, `/study/summary?year=2026`)).json();
    expect(s.org.id).toBe(String(town1));
    const row = s.children.find((c: { orgId: string }) => c.orgId === String(branch));
    expect(row).toMatchObject({ name: '学时测试村党支部', members: 3, met: 1, hasChildren: false });
    const sum = s.children.reduce((n: number, c: { members: number }) => n + c.members, 0);
    expect(s.total.members).toBe(sum + (s.own?.members ?? 0));
  });

  it('another town’s admin may not see it', async () => {
    expect((await get(town2Admin, `/study/summary?orgId=${branch}`)).statusCode).toBe(403);
  });

  it('the department raises the members’ figure to 40 (never below the regulation’s 32): counted again', async () => {
    const put = (value: object) =>
      env.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/learning.studyRequirement',
        headers: admin.headers,
        payload: { value },
      });
    const low = await put({ memberClassHours: 20, leaderClassHours: 56, classHourMinutes: 45 });
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain('memberClassHours');
    expect((await put({ memberClassHours: 40, leaderClassHours: 56, classHourMinutes: 45 })).statusCode).toBe(
      200,
    );
    try {
      expect((await get(zhang.session, '/study/progress?year=2026')).json()).toMatchObject({
        requiredClassHours: 40,
        met: false,
        progress: 0.8,
      });
      await countOrgYears(env.database.db, 2026, new Date(NOW));
      const s = (await get(townAdmin, `/study/summary?orgId=${branch}&year=2026`)).json();
      expect(s.total).toMatchObject({ members: 3, met: 0 });
    } finally {
      await put({ memberClassHours: 32, leaderClassHours: 56, classHourMinutes: 45 });
      await countOrgYears(env.database.db, 2026, new Date(NOW));
    }
  });

  it('a member who moves to another branch is counted there at the next count', async () => {
    const other = (await makeOrg(env, town1, 'branch')).id;
    await query(env, 'update members set org_id = $1 where id = $2', [other, zhang.id]);
    try {
      await countOrgYears(env.database.db, 2026, new Date(NOW));
      const here = (await get(townAdmin, `/study/summary?orgId=${branch}&year=2026`)).json();
      const there = (await get(townAdmin, `/study/summary?orgId=${other}&year=2026`)).json();
      expect(here.total).toMatchObject({ members: 2, met: 0 });
      expect(there.total).toMatchObject({ members: 1, met: 1 });
    } finally {
      await query(env, 'update members set org_id = $1 where id = $2', [branch, zhang.id]);
    }
  });
});

describe('the demo: the district’s year of online study was seeded and counted', () => {
  it('most members studied, some meet the requirement online alone, every org’s figures kept', async () => {
    const [y] = await query<{ members: number; studied: number; seconds: number }>(
      env,
      `select (select count(*) from members where left_at is null)::int as members,
              count(*)::int as studied, sum(online_seconds)::float8 as seconds from study_years`,
    );
    expect(y.studied / y.members).toBeGreaterThan(0.5);
    const s = (await get(admin, '/study/summary')).json();
    expect(s.total.members).toBeGreaterThan(40_000);
    expect(s.total.met).toBeGreaterThan(0);
    expect(s.total.met).toBeLessThan(s.total.members);
    // each row of a course and day within the day's cap of that course: the rules' own limits
    const [over] = await query<{ n: number }>(
      env,
      `select count(*)::int as n from study_credits s join courses c on c.id = s.course_id
        where s.seconds > case when c.kind in ('video', 'audio') then least(coalesce(c.duration_seconds, 3600), 3600)
                               when c.char_count > 0 then ceil(1.5 * c.char_count / 300.0 * 60)
                               else 3600 end`,
    );
    expect(over.n).toBe(0);
  });
});

describe('a member who joined the Party this year owes the months left of it', () => {
  it('joined in October: 3 months, 8 class hours of 32; met with 6 hours; the org’s count agrees', async () => {
    const branch = (await makeOrg(env, town1, 'branch', '学时折算测试支部')).id;
    const fresh = await member(branch);
    await query(
      env,
      "update members set status = 'probationary', joined_on = '2026-10-15', full_on = null where id = $1",
      [fresh.id],
    );
    await credit(fresh.id, 'online', 6 * HOUR, '2026-11-02');
    expect((await get(fresh.session, '/study/progress?year=2026')).json()).toMatchObject({
      requiredClassHours: 8,
      proratedMonths: 3,
      requiredSeconds: 6 * HOUR,
      classHours: 8,
      met: true,
    });
    // the year before they joined asks nothing of them; the next asks the whole year
    expect((await get(fresh.session, '/study/progress?year=2027')).json()).toMatchObject({
      requiredClassHours: 32,
      proratedMonths: null,
    });
    await countOrgYears(env.database.db, 2026, new Date(NOW));
    const s = (await get(townAdmin, `/study/summary?orgId=${branch}&year=2026`)).json();
    expect(s.total).toMatchObject({ members: 1, met: 1, avgProgress: 1 });
  });

  it('the rule: the joining month counts; earlier members and those with no date owe the whole year', () => {
    const full = 32 * 45 * 60;
    expect(proratedSeconds(full, '2026-01-20', 2026)).toBe(full);
    expect(proratedSeconds(full, '2026-07-01', 2026)).toBe(full / 2);
    expect(proratedSeconds(full, '2026-12-31', 2026)).toBe(full / 12);
    expect(proratedSeconds(full, '2025-12-31', 2026)).toBe(full);
    expect(proratedSeconds(full, null, 2026)).toBe(full);
    expect(proratedSeconds(full, '2027-01-05', 2026)).toBe(0);
  });

  it('the SQL of the org counts gives what the rule gives, month by month', async () => {
    const full = 56 * 45 * 60;
    const dates = [
      null,
      '2025-12-31',
      ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-15`),
      '2027-01-05',
    ];
    for (const joinedOn of dates) {
      const { rows } = await env.database.db.execute<{ v: string }>(
        sql`select ${proratedSql(sql`${full}::int8`, sql`${joinedOn}::date`, 2026)}::text as v`,
      );
      expect(Number(rows[0].v), String(joinedOn)).toBe(proratedSeconds(full, joinedOn, 2026));
    }
  });
});
