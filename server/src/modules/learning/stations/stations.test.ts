import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { jpeg, multipartFile } from '../offline/fixtures.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-11-20T10:00:00+08:00';
const MONTH = '2026-11';

let env: TestEnv;
let town: Session;
let town2: Session;
let operator: Session;
let operatorId: number;
let town1: number;
let village: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  [town, town2, operator] = await Promise.all(
    ['town_admin', 'town2_admin', 'station'].map((u) => login(env, u)),
  );
  town1 = await orgId(env, '中共青山区清河镇委员会');
  [{ id: operatorId }] = await query<{ id: number }>(env, "select id from users where username = 'station'");
  // a village of its own under town 1, so the month's figures are this test's
  village = (await makeOrg(env, town1, 'general_branch', '测试村党总支')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(NOW).toISOString() },
  });

async function stationSeconds(ids: string[]) {
  const rows = await query<{ member_id: string; s: number }>(
    env,
    'select member_id, station_seconds as s from study_years where year = 2026 and member_id = any($1::int8[])',
    [ids],
  );
  return Object.fromEntries(ids.map((id) => [id, rows.find((r) => String(r.member_id) === id)?.s ?? 0]));
}

let station: string;
let idle: string;
let people: string[];

describe('the town keeps the registry', () => {
  it('registers a station with the demo station manager as its operator; the same name twice is refused', async () => {
    const candidates = (await api(town, 'GET', `/stations/staff-candidates?orgId=${village}`)).json();
    expect(candidates.items.map((c: { username: string }) => c.username)).toContain('station');
    const made = await api(town, 'POST', '/stations', {
      orgId: String(village),
      name: '测试村远程教育站点',
      address: '村委会二楼',
      operatorIds: [String(operatorId)],
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      name: '测试村远程教育站点',
      monthMinutes: 0,
      operators: [{ username: 'station' }],
      can: { edit: true, operate: true },
    });
    station = made.json().id;
    const twice = await api(town, 'POST', '/stations', {
      orgId: String(village),
      name: '测试村远程教育站点',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details[0].path).toBe('name');
    idle = (await api(town, 'POST', '/stations', { orgId: String(village), name: '测试村第二站点' })).json()
      .id;
  });

  it('an account without the station manager role cannot be made an operator (400 naming operatorIds)', async () => {
    const clerk = await makeUser(env, { orgId: village, role: 'secretary' });
    const res = await api(town, 'POST', '/stations', {
      orgId: String(village),
      name: '测试村第三站点',
      operatorIds: [String(clerk.id)],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('operatorIds');
  });

  it('lists them org by org in the tree, an org of id 10 after one of id 2 (not as text)', async () => {
    const res = await api(town, 'GET', '/stations?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((s: { id: string }) => s.id);
    const rows = await query<{ id: string; org_path: string }>(
      env,
      'select id::text, org_path from stations where id = any($1::int8[])',
      [ids],
    );
    const pathOf = new Map(rows.map((r) => [r.id, r.org_path.split('/').filter(Boolean).map(Number)]));
    const paths = ids.map((id: string) => pathOf.get(id)!);
    const before = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i];
      return a.length <= b.length;
    };
    for (let i = 1; i < paths.length; i++) expect(before(paths[i - 1], paths[i])).toBe(true);
    // the demo town has villages whose ids differ in their number of digits
    expect(new Set(paths.map((p: number[]) => String(p.at(-1)).length)).size).toBeGreaterThan(1);
  });

  it('another town’s admin can neither register a station in town 1 nor read one', async () => {
    expect(
      (await api(town2, 'POST', '/stations', { orgId: String(village), name: '越权站点' })).statusCode,
    ).toBe(403);
    expect((await api(town2, 'GET', `/stations/${station}`)).statusCode).toBe(403);
  });
});

describe('the operator enters a session and its attendees are credited', () => {
  it('finds the station among theirs, picks who came, and saves', async () => {
    const mine = (await api(operator, 'GET', '/me/stations')).json();
    expect(mine.items.map((s: { id: string }) => s.id)).toContain(station);
    for (let i = 0; i < 3; i++) await makeMember(env, village);
    const list = (await api(operator, 'GET', `/stations/${station}/people`)).json();
    people = list.items.map((p: { memberId: string }) => p.memberId);
    expect(people).toHaveLength(3);
    const courses = (await api(operator, 'GET', `/stations/${station}/courses`)).json().items;
    const course = courses[0] ?? null;

    const before = await stationSeconds(people);
    const res = await api(operator, 'POST', `/stations/${station}/sessions`, {
      courseId: course?.id ?? null,
      title: course ? '' : '党员教育电视片《初心》',
      startedAt: '2026-11-19T19:00:00+08:00',
      minutes: 150,
      memberIds: people.slice(0, 2),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      stationName: '测试村远程教育站点',
      minutes: 150,
      attendeeCount: 2,
      title: course ? course.title : '党员教育电视片《初心》',
      can: { photo: true },
    });
    expect(await stationSeconds(people)).toEqual({
      [people[0]]: before[people[0]] + 9000,
      [people[1]]: before[people[1]] + 9000,
      [people[2]]: before[people[2]],
    });
    if (course) {
      const progress = await query<{ seconds: number }>(
        env,
        'select seconds from course_progress where member_id = $1 and course_id = $2',
        [people[0], course.id],
      );
      expect(progress[0]?.seconds).toBeGreaterThanOrEqual(9000);
    }
    const [audit] = await query<{ after: { attendees: number } }>(
      env,
      "select after from audit_log where action = 'station.session_recorded' and target_id = $1",
      [res.json().id],
    );
    expect(audit.after.attendees).toBe(2);

    // a photo of the room, served back as a JPEG
    const f = multipartFile(await jpeg());
    const up = await env.app.inject({
      method: 'POST',
      url: `/api/v1/station-sessions/${res.json().id}/photo`,
      payload: f.payload,
      headers: { ...operator.headers, ...f.headers },
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().hasPhoto).toBe(true);
    expect(
      (await api(town, 'GET', `/station-sessions/${res.json().id}/photo?size=thumb`)).headers['content-type'],
    ).toBe('image/jpeg');
  });

  it('refuses a member of another village, a start in the future or before last month, and writes nothing', async () => {
    const stranger = await makeMember(env, await orgId(env, '中共青山区石桥镇委员会'));
    const [{ n: before }] = await query<{ n: number }>(
      env,
      'select count(*)::int as n from station_sessions',
    );
    const body = { title: '农村实用技术', startedAt: '2026-11-19T19:00:00+08:00', minutes: 60 };
    const outsider = await api(operator, 'POST', `/stations/${station}/sessions`, {
      ...body,
      memberIds: [String(stranger.id)],
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details[0].path).toBe('memberIds');
    for (const startedAt of ['2026-11-20T12:00:00+08:00', '2026-09-30T19:00:00+08:00']) {
      const res = await api(operator, 'POST', `/stations/${station}/sessions`, {
        ...body,
        startedAt,
        memberIds: [people[0]],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('startedAt');
    }
    const neither = await api(operator, 'POST', `/stations/${station}/sessions`, {
      startedAt: body.startedAt,
      minutes: 60,
      memberIds: [people[0]],
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details[0].path).toBe('title');
    const [{ n: after }] = await query<{ n: number }>(env, 'select count(*)::int as n from station_sessions');
    expect(after).toBe(before);
  });

  it('a station manager the station does not list cannot enter its sessions', async () => {
    const other = await makeUser(env, { orgId: town1, role: 'station_manager' });
    const s = await login(env, other.username);
    const res = await api(s, 'POST', `/stations/${station}/sessions`, {
      title: '农村实用技术',
      startedAt: '2026-11-19T19:00:00+08:00',
      minutes: 60,
      memberIds: [people[0]],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不是该站点的管理员或操作员');
    expect((await api(s, 'GET', '/me/stations')).json().items).toEqual([]);
  });
});

describe('the month view', () => {
  it('counts each station’s minutes against 240 and flags the one that played nothing, first', async () => {
    const view = (await api(town, 'GET', `/stations/monthly?orgId=${village}&month=${MONTH}`)).json();
    expect(view).toMatchObject({ month: MONTH, requiredMinutes: 240, org: { id: String(village) } });
    expect(
      view.items.map((r: { name: string; minutes: number; state: string }) => [r.name, r.minutes, r.state]),
    ).toEqual([
      ['测试村第二站点', 0, 'zero'],
      ['测试村远程教育站点', 150, 'short'],
    ]);
    expect(view.totals).toEqual({ stations: 2, met: 0, short: 1, zero: 1, minutes: 150 });

    // another 90 minutes this month and it meets the rule
    await api(operator, 'POST', `/stations/${station}/sessions`, {
      title: '乡村振兴大讲堂',
      startedAt: '2026-11-20T08:00:00+08:00',
      minutes: 90,
      memberIds: [people[2]],
    });
    const after = (
      await api(town, 'GET', `/stations/monthly?orgId=${village}&month=${MONTH}&state=met`)
    ).json();
    expect(after.items).toMatchObject([
      { name: '测试村远程教育站点', minutes: 240, sessions: 2, attendances: 3 },
    ]);
    expect(after.total).toBe(1);
    expect(idle).toBeTruthy();
  });

  it('the town’s view has a bar per org below it, adding up to its totals; the seed left some stations at zero', async () => {
    const view = (await api(town, 'GET', `/stations/monthly?month=${MONTH}&pageSize=200`)).json();
    expect(view.org).toEqual({ id: String(town1), name: '中共青山区清河镇委员会' });
    const sum = (k: 'stations' | 'zero' | 'minutes') =>
      view.byOrg.reduce((n: number, o: Record<string, number>) => n + o[k], 0);
    expect(sum('stations')).toBe(view.totals.stations);
    expect(sum('zero')).toBe(view.totals.zero);
    expect(sum('minutes')).toBe(view.totals.minutes);
    expect(view.byOrg.find((o: { orgId: string }) => o.orgId === String(village))).toMatchObject({
      stations: 2,
    });
    expect(view.items[0].state).toBe('zero');
  });

  it('another town’s admin sees none of town 1’s stations', async () => {
    const view = (await api(town2, 'GET', `/stations/monthly?month=${MONTH}&pageSize=200`)).json();
    expect(view.items.map((r: { stationId: string }) => r.stationId)).not.toContain(station);
    expect((await api(town2, 'GET', `/stations/monthly?orgId=${village}`)).statusCode).toBe(403);
  });
});

describe('a session entered by mistake is withdrawn', () => {
  const monthMinutes = async () =>
    (await api(town, 'GET', `/stations/monthly?orgId=${village}&month=${MONTH}`))
      .json()
      .items.find((r: { name: string }) => r.name === '测试村远程教育站点');

  it('the operator withdraws it with a reason: study and the month’s minutes no longer count it, the row stays struck out', async () => {
    const monthBefore = await monthMinutes();
    const before = await stationSeconds(people);
    const made = await api(operator, 'POST', `/stations/${station}/sessions`, {
      title: '录入错误：本应登记在第二站点',
      startedAt: '2026-11-20T09:00:00+08:00',
      minutes: 60,
      memberIds: people.slice(0, 2),
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().can).toEqual({ photo: true, withdraw: true });
    expect((await monthMinutes()).minutes).toBe(monthBefore.minutes + 60);
    const id = made.json().id;

    // outside the town, or no reason: refused, nothing changes
    expect(
      (await api(town2, 'POST', `/station-sessions/${id}/withdraw`, { reason: '越权' })).statusCode,
    ).toBe(403);
    const blank = await api(operator, 'POST', `/station-sessions/${id}/withdraw`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].path).toBe('reason');

    const res = await api(operator, 'POST', `/station-sessions/${id}/withdraw`, { reason: '站点选错了' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      withdrawn: { reason: '站点选错了', by: expect.any(String) },
      can: { photo: false, withdraw: false },
    });
    expect(await stationSeconds(people)).toEqual(before);
    expect(await monthMinutes()).toMatchObject({
      minutes: monthBefore.minutes,
      sessions: monthBefore.sessions,
      attendances: monthBefore.attendances,
    });
    // listed, struck out, with its reason
    const list = (await api(town, 'GET', `/station-sessions?stationId=${station}&month=${MONTH}`)).json();
    expect(list.items.find((s: { id: string }) => s.id === id).withdrawn.reason).toBe('站点选错了');
    const [audit] = await query<{ before: { minutes: number }; after: { reason: string } }>(
      env,
      "select before, after from audit_log where action = 'station.session_withdrawn' and target_id = $1",
      [id],
    );
    expect(audit).toMatchObject({ before: { minutes: 60 }, after: { reason: '站点选错了' } });

    // twice takes back once; no photo on a withdrawn session
    const again = await api(operator, 'POST', `/station-sessions/${id}/withdraw`, { reason: '再撤一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已撤销');
    expect(await stationSeconds(people)).toEqual(before);
    const f = multipartFile(await jpeg());
    const up = await env.app.inject({
      method: 'POST',
      url: `/api/v1/station-sessions/${id}/photo`,
      payload: f.payload,
      headers: { ...operator.headers, ...f.headers, 'x-test-now': new Date(NOW).toISOString() },
    });
    expect(up.statusCode).toBe(409);
  });

  it('a session of a settled month (before last month) cannot be withdrawn', async () => {
    const [old] = await query<{ id: string }>(
      env,
      `insert into station_sessions (station_id, title, started_at, minutes, attendee_count)
       values ($1, '九月的集中学习', '2026-09-15T19:00:00+08:00', 60, 0) returning id`,
      [station],
    );
    const res = await api(operator, 'POST', `/station-sessions/${old.id}/withdraw`, { reason: '补撤' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('已通报');
    const [row] = await query<{ withdrawn_at: string | null }>(
      env,
      'select withdrawn_at from station_sessions where id = $1',
      [old.id],
    );
    expect(row.withdrawn_at).toBeNull();
  });
});
