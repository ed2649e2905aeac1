import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorDef, IndicatorValue } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { electionsIndicators } from './indicators.ts';

// Given branches whose last 换届选举 on the platform closed five years (a village's term) or three
// years (a unit's) before October 2026, and some that renewed early or are due in November.
const OCT = { month: '2026-10', ...shanghaiMonthRange('2026-10') };

let env: TestEnv;
let village: number;
let unit: number;
let early: number;
let november: number;
let held: number;
const def = (key: string) => electionsIndicators.find((d) => d.key === key) as IndicatorDef;
const ours = () => [village, unit, early, november];
const mine = (values: IndicatorValue[]) =>
  values
    .filter((v) => ours().includes(v.orgId))
    .sort((x, y) => ours().indexOf(x.orgId) - ours().indexOf(y.orgId));
const db = () => env.database.db;

async function election(org: number, closedAt: string, kind = 'election', state = 'closed') {
  const [e] = await query<{ id: string }>(
    env,
    `insert into elections (org_id, org_path, kind, title, seats, state, opened_at, closed_at)
     select id, path, $2, '支部委员会换届选举', 3, $3, $4::timestamptz - interval '1 hour', $4::timestamptz
       from orgs where id = $1 returning id`,
    [org, kind, state, closedAt],
  );
  return Number(e.id);
}

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  const branch = async (name: string, place: string) => {
    const o = await makeOrg(env, town, 'branch', name);
    await query(env, 'update orgs set place = $2 where id = $1', [o.id, place]);
    return o.id;
  };
  village = await branch('换届测试村党支部', '清河镇换届测试村');
  unit = await branch('换届测试镇中心学校党支部', '清河镇');
  early = await branch('换届测试镇卫生院党支部', '清河镇');
  november = await branch('换届测试社区党支部', '清河镇换届测试社区');
  await election(village, '2021-10-10T10:00:00+08:00');
  held = await election(village, '2026-10-28T10:00:00+08:00');
  await election(unit, '2023-10-05T10:00:00+08:00');
  await election(unit, '2024-03-01T10:00:00+08:00', 'appraisal'); // an appraisal renews no term
  await election(early, '2023-10-05T10:00:00+08:00');
  await election(early, '2025-06-01T10:00:00+08:00'); // renewed early: next due in 2028
  await election(november, '2021-11-01T00:30:00+08:00'); // a community's five years end in November
});
afterAll(() => env.close());

describe('elections.on_time', () => {
  it('counts the orgs whose term ended in the month and that held their election by its end', async () => {
    expect(mine(await def('elections.on_time').compute(db(), OCT))).toEqual([
      { orgId: village, num: 1, den: 1 },
      { orgId: unit, num: 0, den: 1 },
    ]);
    expect(await def('elections.on_time').compute(db(), OCT, [unit])).toEqual([
      { orgId: unit, num: 0, den: 1 },
    ]);
    const nov = { month: '2026-11', ...shanghaiMonthRange('2026-11') };
    expect(mine(await def('elections.on_time').compute(db(), nov))).toEqual([
      { orgId: november, num: 0, den: 1 },
    ]);
  });

  it('shows the election that renewed the term, or the term that ran out', async () => {
    expect(await def('elections.on_time').records(db(), village, OCT, 10)).toEqual([
      {
        title: '支部委员会换届选举',
        at: new Date('2026-10-28T10:00:00+08:00').toISOString(),
        counted: true,
        note: '按期换届（上届 2021-10-10 选举，任期 5 年）',
        href: `/elections/${held}`,
      },
    ]);
    expect(await def('elections.on_time').records(db(), unit, OCT, 10)).toMatchObject([
      { at: null, counted: false, note: expect.stringMatching(/^届满未换届：上届于 2023-10-05 选举产生/) },
    ]);
    expect(await def('elections.on_time').records(db(), early, OCT, 10)).toEqual([]);
  });
});

describe('elections.held', () => {
  it('counts the elections closed in the month', async () => {
    expect(mine(await def('elections.held').compute(db(), OCT))).toEqual([{ orgId: village, num: 1 }]);
    expect(await def('elections.held').compute(db(), OCT, [unit])).toEqual([]);
    expect(await def('elections.held').records(db(), village, OCT, 10)).toMatchObject([
      { title: '支部委员会换届选举', counted: true, href: `/elections/${held}` },
    ]);
  });
});
