import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorDef, IndicatorValue } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { learningIndicators } from './indicators.ts';

// Given two branches of the demo town with records of October 2026 (and some of September and
// November), each indicator gives each branch exactly its own October figure.
const OCT = { month: '2026-10', ...shanghaiMonthRange('2026-10') };

let env: TestEnv;
let a: number;
let b: number;
let a1: number;
let a2: number;
let b1: number;
const def = (key: string) => learningIndicators.find((d) => d.key === key) as IndicatorDef;
const mine = (values: IndicatorValue[]) =>
  values
    .filter((v) => v.orgId === a || v.orgId === b)
    .sort((x, y) => (x.orgId === a ? -1 : y.orgId === a ? 1 : 0));
const db = () => env.database.db;

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  a = (await makeOrg(env, town, 'branch', '指标测试甲支部')).id;
  b = (await makeOrg(env, town, 'branch', '指标测试乙支部')).id;
  a1 = (await makeMember(env, a, { name: '甲一' })).id;
  a2 = (await makeMember(env, a, { name: '甲二' })).id;
  b1 = (await makeMember(env, b, { name: '乙一' })).id;
});
afterAll(() => env.close());

it('declares keys of the learning module, study time as information only', () => {
  expect(learningIndicators.map((d) => d.key)).toEqual([
    'learning.offline_approved',
    'learning.classes_completed',
    'learning.station_minutes',
    'learning.study_minutes',
  ]);
  expect(def('learning.study_minutes').basis).toBe('activity');
  expect(learningIndicators.filter((d) => d.basis === 'activity')).toHaveLength(1);
});

describe('learning.offline_approved', () => {
  async function study(org: number, topic: string, state: string, studiedOn: string, decidedAt: string) {
    const [s] = await query<{ id: string }>(
      env,
      `insert into offline_studies (org_id, org_path, topic, studied_on, minutes, state, submissions, submitted_at,
                                    decided_at, return_reason)
       select id, path, $2, $3::date, 90, $4, 1, $5::timestamptz - interval '1 day', $5::timestamptz,
              case when $4 = 'returned' then '缺少签到表' end
         from orgs where id = $1 returning id`,
      [org, topic, studiedOn, state, decidedAt],
    );
    await query(
      env,
      `insert into offline_study_events (study_id, action, reason, at) values ($1, $2, $3, $4::timestamptz)`,
      [s.id, state, state === 'returned' ? '缺少签到表' : null, decidedAt],
    );
  }

  beforeAll(async () => {
    await study(a, '九月底的学习，十月审批', 'approved', '2026-09-28', '2026-10-05T10:00:00+08:00');
    await study(a, '学习党章', 'approved', '2026-10-15', '2026-10-20T10:00:00+08:00');
    await study(a, '退回的学习', 'returned', '2026-10-08', '2026-10-10T10:00:00+08:00');
    await study(a, '十月底的学习，十一月审批', 'approved', '2026-10-30', '2026-11-02T09:00:00+08:00');
    await study(b, '月末最后一小时审批', 'approved', '2026-10-29', '2026-10-31T23:00:00+08:00');
  });

  it('counts the sessions approved in the month by the approval time, per recording org', async () => {
    expect(mine(await def('learning.offline_approved').compute(db(), OCT))).toEqual([
      { orgId: a, num: 2 },
      { orgId: b, num: 1 },
    ]);
  });

  it('computes only the orgs asked for', async () => {
    expect(await def('learning.offline_approved').compute(db(), OCT, [b])).toEqual([{ orgId: b, num: 1 }]);
  });

  it('lists the month’s decisions, newest first: approved ones counted, the returned one not', async () => {
    const recs = await def('learning.offline_approved').records(db(), a, OCT, 10);
    expect(recs.map((r) => [r.title, r.counted])).toEqual([
      ['线下学习：学习党章', true],
      ['线下学习：退回的学习', false],
      ['线下学习：九月底的学习，十月审批', true],
    ]);
    expect(recs[1].note).toContain('缺少签到表');
    expect(recs[0].href).toMatch(/^\/offline-studies\?/);
  });
});

describe('learning.classes_completed', () => {
  let x: number;
  beforeAll(async () => {
    const courses: number[] = [];
    for (const title of ['指标测试课程一', '指标测试课程二']) {
      const [c] = await query<{ id: string }>(
        env,
        `insert into courses (org_id, org_path, scope_org_id, scope_path, kind, title, status, published_at)
         select id, path, id, path, 'article', $2, 'published', '2026-09-01' from orgs where id = $1 returning id`,
        [a, title],
      );
      courses.push(Number(c.id));
    }
    const klass = async (name: string, deadline: string, people: number[]) => {
      const [c] = await query<{ id: string }>(
        env,
        `insert into online_classes (org_id, org_path, name, cohort_kind, member_count, starts_on, deadline)
         select id, path, $2, 'members', $3, '2026-09-01', $4::date from orgs where id = $1 returning id`,
        [a, name, people.length, deadline],
      );
      for (const [i, course] of courses.entries())
        await query(
          env,
          'insert into online_class_courses (class_id, course_id, position) values ($1, $2, $3)',
          [c.id, course, i + 1],
        );
      for (const m of people)
        await query(
          env,
          `insert into online_class_members (class_id, member_id, org_id, org_path, name)
           select $1, id, org_id, org_path, name from members where id = $2`,
          [c.id, m],
        );
      return Number(c.id);
    };
    x = await klass('十月专题班', '2026-10-15', [a1, a2, b1]);
    await klass('十一月专题班', '2026-11-05', [a1]);
    const finished = (member: number, course: number, at: string) =>
      query(
        env,
        `insert into course_progress (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
         values ($1, $2, 900, $3::timestamptz, $3::timestamptz, $3::timestamptz)`,
        [member, course, at],
      );
    await finished(a1, courses[0], '2026-10-02T20:00:00+08:00');
    await finished(a1, courses[1], '2026-10-15T23:30:00+08:00'); // the last evening of the deadline
    await finished(a2, courses[0], '2026-10-03T20:00:00+08:00');
    await finished(a2, courses[1], '2026-10-16T00:30:00+08:00'); // half an hour late
    await finished(b1, courses[0], '2026-09-20T20:00:00+08:00');
    await finished(b1, courses[1], '2026-09-21T20:00:00+08:00');
  });

  it('counts the members who finished the whole plan by the end of the deadline, per member org', async () => {
    expect(mine(await def('learning.classes_completed').compute(db(), OCT))).toEqual([
      { orgId: a, num: 1, den: 2 },
      { orgId: b, num: 1, den: 1 },
    ]);
    expect(await def('learning.classes_completed').compute(db(), OCT, [b])).toEqual([
      { orgId: b, num: 1, den: 1 },
    ]);
  });

  it('lists each member: the one who finished late is not counted', async () => {
    const recs = await def('learning.classes_completed').records(db(), a, OCT, 10);
    expect(recs).toEqual([
      {
        title: '十月专题班：甲二',
        at: null,
        counted: false,
        note: '截止 2026-10-15 时学完 1/2 门课程，未按期学完',
        href: `/classes/${x}`,
      },
      {
        title: '十月专题班：甲一',
        at: new Date('2026-10-15T23:30:00+08:00').toISOString(),
        counted: true,
        note: '截止 2026-10-15 前学完全部 2 门课程',
        href: `/classes/${x}`,
      },
    ]);
  });
});

describe('learning.station_minutes', () => {
  beforeAll(async () => {
    const station = async (
      org: number,
      name: string,
      opts: { active?: boolean; createdAt?: string } = {},
    ) => {
      const [s] = await query<{ id: string }>(
        env,
        `insert into stations (org_id, org_path, name, active, created_at)
         select id, path, $2, $3, $4::timestamptz from orgs where id = $1 returning id`,
        [org, name, opts.active ?? true, opts.createdAt ?? '2026-01-10T09:00:00+08:00'],
      );
      return Number(s.id);
    };
    const session = (s: number, at: string, minutes: number, withdrawn = false) =>
      query(
        env,
        `insert into station_sessions (station_id, title, started_at, minutes, attendee_count, withdrawn_at, withdrawn_reason)
         values ($1, '集中学习', $2::timestamptz, $3, 5, $4::timestamptz, $5)`,
        [s, at, minutes, withdrawn ? '2026-10-30T10:00:00+08:00' : null, withdrawn ? '录入错误' : null],
      );
    const met = await station(a, '甲站点达标');
    await session(met, '2026-10-01T00:00:00+08:00', 200);
    await session(met, '2026-10-31T19:00:00+08:00', 100);
    const zero = await station(a, '甲站点零播放');
    await session(zero, '2026-09-30T23:00:00+08:00', 300);
    await session(zero, '2026-11-01T00:00:00+08:00', 300);
    const short = await station(a, '甲站点不足');
    await session(short, '2026-10-12T19:00:00+08:00', 200);
    await session(short, '2026-10-13T19:00:00+08:00', 100, true); // withdrawn: counted nowhere
    const exact = await station(b, '乙站点正好');
    await session(exact, '2026-10-20T19:00:00+08:00', 240);
    await station(b, '乙站点已停用', { active: false });
    await station(b, '乙站点十一月新建', { createdAt: '2026-11-10T09:00:00+08:00' });
  });

  it('counts the stations that played at least 240 minutes in the month, of the stations in use', async () => {
    expect(mine(await def('learning.station_minutes').compute(db(), OCT))).toEqual([
      { orgId: a, num: 1, den: 3 },
      { orgId: b, num: 1, den: 1 },
    ]);
    expect(await def('learning.station_minutes').compute(db(), OCT, [b])).toEqual([
      { orgId: b, num: 1, den: 1 },
    ]);
  });

  it('lists every station with its minutes; the one that played nothing says 零分钟', async () => {
    const recs = await def('learning.station_minutes').records(db(), a, OCT, 10);
    expect(recs.map((r) => [r.title, r.counted, r.at])).toEqual([
      ['甲站点达标', true, new Date('2026-10-31T19:00:00+08:00').toISOString()],
      ['甲站点不足', false, new Date('2026-10-12T19:00:00+08:00').toISOString()],
      ['甲站点零播放', false, null],
    ]);
    expect(recs[0].note).toContain('300 分钟');
    expect(recs[1].note).toContain('200 分钟');
    expect(recs[2].note).toMatch(/^零分钟/);
  });
});

describe('learning.study_minutes', () => {
  beforeAll(async () => {
    const credit = (member: number, course: number, day: string, seconds: number) =>
      query(
        env,
        'insert into study_credits (member_id, course_id, day, seconds) values ($1, $2, $3::date, $4)',
        [member, course, day, seconds],
      );
    await credit(a1, 1, '2026-10-01', 600);
    await credit(a1, 2, '2026-10-31', 1200);
    await credit(a1, 2, '2026-11-01', 6000);
    await credit(a2, 1, '2026-09-30', 600);
    await credit(b1, 1, '2026-10-15', 150);
  });

  it('sums the minutes credited on the days of the month, per member org', async () => {
    expect(mine(await def('learning.study_minutes').compute(db(), OCT))).toEqual([
      { orgId: a, num: 30 },
      { orgId: b, num: 3 },
    ]);
    expect(await def('learning.study_minutes').compute(db(), OCT, [a])).toEqual([{ orgId: a, num: 30 }]);
  });

  it('lists the members who studied, by name, the latest day first', async () => {
    const recs = await def('learning.study_minutes').records(db(), a, OCT, 10);
    expect(recs).toEqual([
      {
        title: '甲一',
        at: new Date('2026-10-31T00:00:00+08:00').toISOString(),
        counted: true,
        note: '本月在线学习 30 分钟（仅供参考，不计分）',
        href: `/study?orgId=${a}`,
      },
    ]);
  });
});
