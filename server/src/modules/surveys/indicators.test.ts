import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorValue } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { makeSurvey } from './fixtures.ts';
import { surveysAnswered, surveysIndicators } from './indicators.ts';

// Given surveys of the town that ended in October 2026 — one by its closing time, one closed by
// hand without one — asking members of two branches, and surveys that ended in November or were
// never published: each branch's October participation.
const OCT = { month: '2026-10', ...shanghaiMonthRange('2026-10') };

let env: TestEnv;
let a: number;
let b: number;
let s1: number;
let s2: number;
const mine = (values: IndicatorValue[]) =>
  values
    .filter((v) => v.orgId === a || v.orgId === b)
    .sort((x, y) => (x.orgId === a ? -1 : y.orgId === a ? 1 : 0));
const db = () => env.database.db;

async function survey(
  town: number,
  people: number[],
  closesAt: string | null,
  status: 'open' | 'closed' | 'draft',
) {
  const { surveyId } = await makeSurvey(env, town, { memberIds: people, status });
  await query(env, 'update surveys set closes_at = $2::timestamptz where id = $1', [surveyId, closesAt]);
  return surveyId;
}
const answered = (surveyId: number, member: number) =>
  query(env, 'insert into survey_participations (survey_id, member_id) values ($1, $2)', [surveyId, member]);

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  a = (await makeOrg(env, town, 'branch', '问卷指标甲支部')).id;
  b = (await makeOrg(env, town, 'branch', '问卷指标乙支部')).id;
  const [a1, a2, a3] = [
    (await makeMember(env, a)).id,
    (await makeMember(env, a)).id,
    (await makeMember(env, a)).id,
  ];
  const b1 = (await makeMember(env, b)).id;
  s1 = await survey(town, [a1, a2, b1], '2026-10-25T18:00:00+08:00', 'closed');
  await answered(s1, a1);
  await answered(s1, b1);
  // no closing time, closed by hand on 12 October (closeSurvey's audit entry)
  s2 = await survey(town, [a1, a3], null, 'closed');
  await answered(s2, a3);
  await query(
    env,
    `insert into audit_log (at, action, target_type, target_id, org_id, org_path)
     select '2026-10-12T10:00:00+08:00', 'survey.closed', 'survey', $2, org_id, org_path from surveys where id = $1`,
    [s2, String(s2)],
  );
  // ends in November; closed by hand in October though it had a closing time in November: November's
  const s3 = await survey(town, [a2], '2026-11-03T18:00:00+08:00', 'closed');
  await query(
    env,
    `insert into audit_log (at, action, target_type, target_id) values ('2026-10-20T10:00:00+08:00', 'survey.closed', 'survey', $1)`,
    [String(s3)],
  );
  await survey(town, [a2], '2026-10-20T18:00:00+08:00', 'draft');
});
afterAll(() => env.close());

it('is the surveys module’s only indicator', () => {
  expect(surveysIndicators.map((d) => d.key)).toEqual(['surveys.answered']);
});

it('counts the invitees who answered, of the surveys that ended in the month, per invitee org', async () => {
  expect(mine(await surveysAnswered.compute(db(), OCT))).toEqual([
    { orgId: a, num: 2, den: 4 },
    { orgId: b, num: 1, den: 1 },
  ]);
  expect(await surveysAnswered.compute(db(), OCT, [b])).toEqual([{ orgId: b, num: 1, den: 1 }]);
});

it('lists the surveys that asked the org, newest first, with how many did not answer', async () => {
  expect(await surveysAnswered.records(db(), a, OCT, 10)).toEqual([
    {
      title: expect.stringMatching(/^问卷：/),
      at: new Date('2026-10-25T18:00:00+08:00').toISOString(),
      counted: false,
      note: '2 人中 1 人作答，1 人未作答',
      href: `/surveys/${s1}/results`,
    },
    {
      title: expect.stringMatching(/^问卷：/),
      at: new Date('2026-10-12T10:00:00+08:00').toISOString(),
      counted: false,
      note: '2 人中 1 人作答，1 人未作答',
      href: `/surveys/${s2}/results`,
    },
  ]);
  expect(await surveysAnswered.records(db(), b, OCT, 10)).toMatchObject([
    { counted: true, note: '1 人全部作答' },
  ]);
});
