import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeCourse } from '../library/fixtures.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-11-20T10:00:00+08:00';

let env: TestEnv;
let town: Session;
let town2: Session;
let member: Session;
let town1: number;
let town2Id: number;
let branch: number;
let demoMember: number;
let a: number;
let b: number;
let c: number;
let course1: number;
let course2: number;
let elsewhere: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  [town, town2, member] = await Promise.all(
    ['town_admin', 'town2_admin', 'member'].map((u) => login(env, u)),
  );
  town1 = await orgId(env, '中共青山区清河镇委员会');
  [{ id: town2Id }] = await query<{ id: number }>(
    env,
    "select g.org_id as id from role_grants g join users u on u.id = g.user_id where u.username = 'town2_admin'",
  );
  [{ id: demoMember }] = await query<{ id: number }>(
    env,
    "select m.id from members m join users u on u.id = m.user_id where u.username = 'member'",
  );
  branch = (await makeOrg(env, town1, 'branch', '测试班级党支部')).id;
  a = (await makeMember(env, branch, { name: '甲学员' })).id;
  b = (await makeMember(env, branch, { name: '乙学员' })).id;
  c = (await makeMember(env, branch, { name: '丙学员' })).id;
  course1 = (await makeCourse(env, town1, { title: '班级课程一：党章学习' })).id;
  course2 = (await makeCourse(env, town1, { title: '班级课程二：党史学习', kind: 'video' })).id;
  elsewhere = (await makeCourse(env, town2Id, { title: '石桥镇自己的课程' })).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now = NOW) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(now).toISOString() },
  });

/** A course_progress row made by hand: `seconds` studied, finished or not. */
async function progress(memberId: number, courseId: number, seconds: number, finished: boolean) {
  await query(
    env,
    `insert into course_progress (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
     values ($1, $2, $3, now() - interval '2 days', now() - interval '1 day', case when $4 then now() - interval '1 day' end)
     on conflict (member_id, course_id) do update set seconds = excluded.seconds, finished_at = excluded.finished_at`,
    [memberId, courseId, seconds, finished],
  );
}

const body = (over: object = {}) => ({
  orgId: String(town1),
  name: '2026年冬训网上班级',
  description: '冬训期间学完两门课程',
  cohortKind: 'members',
  memberIds: [a, b, c, demoMember].map(String),
  courseIds: [String(course1), String(course2)],
  startsOn: '2026-11-01',
  deadline: '2026-12-31',
  ...over,
});

let klass: string;

describe('the town opens a class', () => {
  it('creates it with picked members and two courses', async () => {
    const made = await api(town, 'POST', '/classes', body());
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      name: '2026年冬训网上班级',
      cohortKind: 'members',
      memberCount: 4,
      finishedCount: 0,
      courses: [{ title: '班级课程一：党章学习' }, { title: '班级课程二：党史学习' }],
      can: { edit: true, remind: true },
    });
    klass = made.json().id;
    const [audit] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'class.created' and target_id = $1",
      [klass],
    );
    expect(audit.n).toBe(1);
  });

  it('refuses a deadline before the start, naming deadline', async () => {
    const res = await api(town, 'POST', '/classes', body({ startsOn: '2026-12-31', deadline: '2026-11-01' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain('deadline');
  });

  it('refuses a member outside the creator’s scope, naming memberIds', async () => {
    const stranger = await makeMember(env, town2Id);
    const res = await api(town, 'POST', '/classes', body({ memberIds: [String(a), String(stranger.id)] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('memberIds');
  });

  it('refuses a course another town published only for itself, naming courseIds', async () => {
    const res = await api(
      town,
      'POST',
      '/classes',
      body({ courseIds: [String(course1), String(elsewhere)] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('courseIds');
    expect(res.json().error.message).toContain('石桥镇自己的课程');
  });

  it('refuses a cohort org outside the scope, naming cohortOrgId', async () => {
    const res = await api(
      town,
      'POST',
      '/classes',
      body({ cohortKind: 'org', cohortOrgId: String(town2Id), memberIds: [] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('cohortOrgId');
  });
});

describe('the course picker', () => {
  it('offers courses open to the whole cohort, never another town’s own', async () => {
    const res = await api(
      town,
      'GET',
      `/classes/courses?orgId=${branch}&q=${encodeURIComponent('班级课程')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([String(course1), String(course2)]));
    expect(ids).not.toContain(String(elsewhere));
    expect((await api(town, 'GET', `/classes/courses?orgId=${town2Id}`)).statusCode).toBe(403);
  });
});

describe('another town', () => {
  it('neither sees nor changes the class', async () => {
    expect((await api(town2, 'GET', `/classes/${klass}`)).statusCode).toBe(403);
    expect((await api(town2, 'GET', `/classes/${klass}/progress`)).statusCode).toBe(403);
    expect((await api(town2, 'PUT', `/classes/${klass}`, body({ orgId: String(town2Id) }))).statusCode).toBe(
      403,
    );
    expect((await api(town2, 'POST', `/classes/${klass}/remind`)).statusCode).toBe(403);
    const list = (await api(town2, 'GET', '/classes?pageSize=200')).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(klass);
    expect(
      (await api(town, 'GET', '/classes?pageSize=200')).json().items.map((x: { id: string }) => x.id),
    ).toContain(klass);
  });
});

describe('progress', () => {
  it('counts finished courses and seconds of the plan only, against hand-made course_progress rows', async () => {
    await progress(a, course1, 600, true);
    await progress(a, course2, 300, true);
    await progress(b, course1, 200, true);
    await progress(b, course2, 120, false);
    await progress(c, elsewhere, 999, true); // not in the plan: counts for nothing
    const res = await api(town, 'GET', `/classes/${klass}/progress?pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      courseCount: 2,
      memberCount: 4,
      finishedCount: 1,
      total: 4,
      histogram: [2, 1, 1],
    });
    const row = (id: number) => p.items.find((r: { memberId: string }) => r.memberId === String(id));
    expect(row(a)).toMatchObject({ done: 2, total: 2, seconds: 900, finishedAll: true, name: '甲学员' });
    expect(row(b)).toMatchObject({ done: 1, seconds: 320, finishedAll: false });
    expect(row(c)).toMatchObject({ done: 0, seconds: 0, finishedAll: false });
    // by org, then name
    const [order] = await query<{ ids: string[] }>(
      env,
      `select array_agg(member_id::text order by org_path, name, member_id) as ids
         from online_class_members where class_id = $1`,
      [klass],
    );
    expect(p.items.map((r: { memberId: string }) => r.memberId)).toEqual(order.ids);

    const unfinished = (
      await api(town, 'GET', `/classes/${klass}/progress?unfinished=true&pageSize=2`)
    ).json();
    expect(unfinished.total).toBe(3);
    expect(unfinished.items).toHaveLength(2);
    expect(unfinished.items.map((r: { memberId: string }) => r.memberId)).not.toContain(String(a));
    expect((await api(town, 'GET', `/classes/${klass}`)).json().finishedCount).toBe(1);
  });

  it('exports the table as .xlsx, read back', async () => {
    const res = await api(town, 'GET', `/classes/${klass}/progress/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '姓名',
      '所在党组织',
      '已完成课程',
      '课程总数',
      '学习时长（分钟）',
      '全部完成',
    ]);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => {
      if (n > 3) rows.push((r.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(4);
    expect(rows).toContainEqual(['甲学员', '测试班级党支部', 2, 2, 15, '是']);
    expect(rows).toContainEqual(['乙学员', '测试班级党支部', 1, 2, 5, '否']);
    const [audit] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'class.progress_exported' and target_id = $1",
      [klass],
    );
    expect(audit.n).toBe(1);
  });
});

describe('the member', () => {
  it('sees the class with each course marked done or not', async () => {
    await progress(demoMember, course2, 90, true);
    const res = await api(member, 'GET', '/me/classes');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.find((x: { id: string }) => x.id === klass);
    expect(mine).toMatchObject({
      deadline: '2026-12-31',
      done: 1,
      total: 2,
      courses: [
        { id: String(course1), done: false },
        { id: String(course2), done: true, seconds: 90 },
      ],
    });
  });
});

describe('reminding the unfinished', () => {
  it('sends a notice to those not finished, at most once an hour, audited', async () => {
    const first = await api(town, 'POST', `/classes/${klass}/remind`);
    expect(first.statusCode, first.body).toBe(200);
    // b, c and the demo member have a course left; a finished
    expect(first.json().reminded).toBe(3);
    const got = await query<{ member_id: string }>(
      env,
      `select r.member_id from notice_receipts r join notices n on n.id = r.notice_id
        where n.kind = 'learning.class_remind' and n.org_id = $1`,
      [town1],
    );
    expect(got.map((r) => Number(r.member_id)).sort()).toEqual([b, c, demoMember].sort());

    const again = await api(town, 'POST', `/classes/${klass}/remind`, undefined, '2026-11-20T10:30:00+08:00');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('10:00');
    const later = await api(town, 'POST', `/classes/${klass}/remind`, undefined, '2026-11-20T11:01:00+08:00');
    expect(later.statusCode).toBe(200);
    const [audit] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'class.reminded' and target_id = $1",
      [klass],
    );
    expect(audit.n).toBe(2);
  });
});

describe('editing the cohort', () => {
  it('resolves an org subtree to its members again', async () => {
    const res = await api(
      town,
      'PUT',
      `/classes/${klass}`,
      body({ cohortKind: 'org', cohortOrgId: String(branch) }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ memberCount: 3, cohortOrgName: '测试班级党支部', finishedCount: 1 });
    const p = (await api(town, 'GET', `/classes/${klass}/progress`)).json();
    expect(p.histogram).toEqual([1, 1, 1]);
    const mine = (await api(member, 'GET', '/me/classes')).json().items;
    expect(mine.map((x: { id: string }) => x.id)).not.toContain(klass);
  });
});

describe('the demo seed', () => {
  it('runs a few classes in every town, each cohort resolved to its members', async () => {
    const towns = await query<{ n: number }>(
      env,
      `select count(*)::int as n from online_classes c where c.name like '%冬训网上专题班' group by c.org_id`,
    );
    expect(towns.length).toBeGreaterThan(1);
    const [bad] = await query<{ n: number }>(
      env,
      `select count(*)::int as n from online_classes c
        where c.member_count <> (select count(*) from online_class_members m where m.class_id = c.id)
           or not exists (select 1 from online_class_courses cc where cc.class_id = c.id)`,
    );
    expect(bad.n).toBe(0);
    const mine = (await api(member, 'GET', '/me/classes')).json().items;
    expect(mine.length).toBeGreaterThan(0);
  });
});
