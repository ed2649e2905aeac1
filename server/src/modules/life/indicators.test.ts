import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorDef, IndicatorMonth } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { makeActivity } from './activities/fixtures.ts';
import { lifeIndicators } from './indicators.ts';

// September 2026: the month that ends the third quarter, so the quarterly kinds (支部党员大会, 党课)
// are due besides the monthly ones (支部委员会会议, 党小组会, 主题党日): five kinds.
const M: IndicatorMonth = { month: '2026-09', ...shanghaiMonthRange('2026-09') };
const at = (s: string) => new Date(`${s}+08:00`);

let env: TestEnv;
let a: number;
let b: number;
const ids: Record<string, number> = {};

const def = (key: string): IndicatorDef => lifeIndicators.find((d) => d.key === key)!;
const values = async (key: string, orgIds = [a, b]) =>
  (await def(key).compute(env.database.db, M, orgIds)).sort((x, y) => x.orgId - y.orgId);
const recordsOf = (key: string, org: number) => def(key).records(env.database.db, org, M, 50);

async function attendee(
  activityId: number,
  org: number,
  o: { signed?: boolean; leave?: 'approved'; expected?: boolean } = {},
) {
  const m = await makeMember(env, org);
  await query(
    env,
    `insert into activity_attendees (activity_id, member_id, name, expected, signed_in_at, method, leave)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      activityId,
      m.id,
      `出勤测试${m.id}`,
      o.expected ?? true,
      o.signed ? at('2026-09-10T09:05:00') : null,
      o.signed ? 'qr' : null,
      o.leave ?? null,
    ],
  );
}

async function report(member: { id: number }, org: number, period: string, submittedAt: string) {
  await query(
    env,
    `insert into thought_reports (member_id, member_name, stage, org_id, org_path, period, title, body, submitted_at)
     select $1, '写作者', 'activist', id, path, $3, '我的思想汇报', '正文', $4 from orgs where id = $2`,
    [member.id, org, period, at(submittedAt)],
  );
}

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  a = (await makeOrg(env, town, 'branch', '考核测试第一支部')).id;
  b = (await makeOrg(env, town, 'branch', '考核测试第二支部')).id;
  await query(env, `update orgs set created_at = '2026-01-01' where id in ($1, $2)`, [a, b]);

  // A: a committee meeting and a 主题党日 held in September, a 支部党员大会 held in August (in the
  // quarter, so the quarter's one is met, but not held this month), a 党小组会 planned and never
  // minuted, and a committee meeting in October (another month)
  const committee = await makeActivity(env, a, {
    kind: 'committee_meeting',
    status: 'held',
    startsAt: at('2026-09-10T09:00:00'),
  });
  ids.committee = committee.id;
  const day = await makeActivity(env, a, {
    kind: 'party_day',
    status: 'held',
    startsAt: at('2026-09-25T14:00:00'),
  });
  ids.day = day.id;
  await makeActivity(env, a, {
    kind: 'general_meeting',
    status: 'held',
    startsAt: at('2026-08-20T09:00:00'),
  });
  ids.planned = (
    await makeActivity(env, a, {
      kind: 'group_meeting',
      status: 'planned',
      startsAt: at('2026-09-28T09:00:00'),
    })
  ).id;
  await makeActivity(env, a, {
    kind: 'committee_meeting',
    status: 'held',
    startsAt: at('2026-10-08T09:00:00'),
  });
  // B: a Party lecture held on the month's last evening (Beijing time)
  ids.lecture = (
    await makeActivity(env, b, { kind: 'party_lecture', status: 'held', startsAt: at('2026-09-30T19:00:00') })
  ).id;

  // attendance: makeActivity put one expected member on each list, not signed in. The committee
  // meeting adds one signed in, one on approved leave (not due) and one added at the roll call; the
  // 主题党日's own member signs in.
  await attendee(committee.id, a, { signed: true });
  await attendee(committee.id, a, { leave: 'approved' });
  await attendee(committee.id, a, { signed: true, expected: false });
  await query(
    env,
    `update activity_attendees set signed_in_at = $2, method = 'roll_call' where activity_id = $1`,
    [day.id, at('2026-09-25T14:10:00')],
  );
  // photos: the 主题党日 has one, the committee meeting only an attachment
  for (const [id, kind] of [
    [day.id, 'photo'],
    [committee.id, 'attachment'],
  ] as const)
    await query(
      env,
      `insert into activity_files (activity_id, kind, name, file_key, content_type, size) values ($1, $2, 'x', 'x/x', 'image/jpeg', 1)`,
      [id, kind],
    );

  // thought reports (the department's default: quarterly, 2026-Q3 ends in September): in A one
  // activist hands in on 20 September, another on 5 October (late); in B the one activist never does
  const onTime = await makeMember(env, a, { status: 'activist' });
  const late = await makeMember(env, a, { status: 'activist' });
  const never = await makeMember(env, b, { status: 'candidate' });
  ids.never = never.id;
  await report(onTime, a, '2026-Q3', '2026-09-20T10:00:00');
  await report(late, a, '2026-Q3', '2026-10-05T10:00:00');
});
afterAll(() => env.close());

describe('组织生活开展次数', () => {
  it('counts each org’s activities held in the month: not the planned one, not August’s or October’s', async () => {
    expect(await values('life.activities_held')).toEqual([
      { orgId: a, num: 2 },
      { orgId: b, num: 1 },
    ]);
  });

  it('with orgIds, only those orgs; without, every org with records (the same figure)', async () => {
    expect(await values('life.activities_held', [b])).toEqual([{ orgId: b, num: 1 }]);
    const all = await def('life.activities_held').compute(env.database.db, M);
    expect(all.find((v) => v.orgId === a)).toEqual({ orgId: a, num: 2 });
    expect(all.find((v) => v.orgId === b)).toEqual({ orgId: b, num: 1 });
  });

  it('records: the month’s activities, newest first, the planned one not counted', async () => {
    const recs = await recordsOf('life.activities_held', a);
    expect(recs.map((r) => [r.href, r.counted])).toEqual([
      [`/activities/${ids.planned}`, false],
      [`/activities/${ids.day}`, true],
      [`/activities/${ids.committee}`, true],
    ]);
  });
});

describe('三会一课按规定开展', () => {
  it('five kinds due at the quarter’s end; a kind held earlier in the quarter counts, a planned one does not', async () => {
    expect(await values('life.required_kinds')).toEqual([
      { orgId: a, num: 3, den: 5 },
      { orgId: b, num: 1, den: 5 },
    ]);
  });

  it('without orgIds every branch of the tree is given the kinds due, ours among them', async () => {
    const all = await def('life.required_kinds').compute(env.database.db, M);
    expect(all.find((v) => v.orgId === a)).toEqual({ orgId: a, num: 3, den: 5 });
    const [{ n }] = await query<{ n: number }>(
      env,
      `select count(*)::int as n from orgs where kind = 'branch'`,
    );
    expect(all).toHaveLength(n);
    expect(all.every((v) => v.den === 5)).toBe(true);
  });

  it('records list every kind due, the missed ones counted:false', async () => {
    const recs = await recordsOf('life.required_kinds', a);
    expect(recs).toHaveLength(5);
    expect(
      recs
        .filter((r) => !r.counted)
        .map((r) => r.title)
        .sort(),
    ).toEqual(['党课', '党小组会'].sort());
    expect(recs.find((r) => r.title === '党课')).toMatchObject({ at: null, note: '2026-Q3 未开展' });
    expect(recs.filter((r) => r.counted).map((r) => r.title.split('：')[0])).toEqual([
      '主题党日',
      '支部委员会会议',
      '支部党员大会',
    ]);
  });

  it('in a month that ends no quarter only the monthly kinds are due', async () => {
    const aug = { month: '2026-08', ...shanghaiMonthRange('2026-08') };
    const v = await def('life.required_kinds').compute(env.database.db, aug, [a]);
    expect(v).toEqual([{ orgId: a, num: 0, den: 3 }]);
  });
});

describe('出勤率 and 活动照片', () => {
  it('present over due: approved leave is not due, the roll call’s addition is present and due', async () => {
    // A: committee 2 present of 3 due (its own member absent), 主题党日 1 of 1; B: 0 of 1
    expect(await values('life.attendance')).toEqual([
      { orgId: a, num: 3, den: 4 },
      { orgId: b, num: 0, den: 1 },
    ]);
    const recs = await recordsOf('life.attendance', a);
    expect(recs).toHaveLength(4);
    expect(recs.filter((r) => !r.counted).map((r) => r.note)).toEqual(['未签到']);
  });

  it('held activities with a photo over those held; an attachment is not a photo', async () => {
    expect(await values('life.activity_photos')).toEqual([
      { orgId: a, num: 1, den: 2 },
      { orgId: b, num: 0, den: 1 },
    ]);
    const recs = await recordsOf('life.activity_photos', a);
    expect(recs.map((r) => [r.href, r.counted, r.note])).toEqual([
      [`/activities/${ids.day}`, true, '1 张照片'],
      [`/activities/${ids.committee}`, false, '缺少照片'],
    ]);
  });
});

describe('思想汇报按期提交', () => {
  it('reports due for the quarter ending in the month, handed in by its end, per writer’s org', async () => {
    expect(await values('life.thought_reports')).toEqual([
      { orgId: a, num: 1, den: 2 },
      { orgId: b, num: 0, den: 1 },
    ]);
  });

  it('without orgIds (every writer of the tree) the two orgs have the same figures; an empty orgIds, none', async () => {
    const all = await def('life.thought_reports').compute(env.database.db, M);
    expect(all.filter((v) => v.orgId === a || v.orgId === b).sort((x, y) => x.orgId - y.orgId)).toEqual(
      await values('life.thought_reports'),
    );
    expect(await def('life.thought_reports').compute(env.database.db, M, [])).toEqual([]);
  });

  it('records: the late one and the missing one counted:false', async () => {
    const recs = await recordsOf('life.thought_reports', a);
    expect(recs.map((r) => [r.counted, r.note])).toEqual([
      [false, '逾期提交（2026-10-05）'],
      [true, '按期提交'],
    ]);
    expect(await recordsOf('life.thought_reports', b)).toEqual([
      expect.objectContaining({ counted: false, note: '未提交', at: null }),
    ]);
  });

  it('October ends no quarter: nothing is due', async () => {
    const oct = { month: '2026-10', ...shanghaiMonthRange('2026-10') };
    expect(await def('life.thought_reports').compute(env.database.db, oct, [a, b])).toEqual([]);
  });
});
