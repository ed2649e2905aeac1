import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorDef, IndicatorValue } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { examsIndicators } from './indicators.ts';
import { makeExam } from './sittings/fixtures.ts';

// Given an exam of the town that closed in October 2026, sat by members of two branches, and
// exams that closed in November or were cancelled: each branch's October figures.
const OCT = { month: '2026-10', ...shanghaiMonthRange('2026-10') };

let env: TestEnv;
let a: number;
let b: number;
let exam: number;
const def = (key: string) => examsIndicators.find((d) => d.key === key) as IndicatorDef;
const mine = (values: IndicatorValue[]) =>
  values
    .filter((v) => v.orgId === a || v.orgId === b)
    .sort((x, y) => (x.orgId === a ? -1 : y.orgId === a ? 1 : 0));
const db = () => env.database.db;

/** An exam with `people` as candidates, open the day before it closes at `closesAt`, or cancelled. */
async function examClosing(town: number, people: number[], closesAt: string, status = 'published') {
  const { examId } = await makeExam(env, town, people);
  await query(
    env,
    `update exams set opens_at = $2::timestamptz - interval '1 day', closes_at = $2::timestamptz, status = $3,
                      pass_score = 60, total_points = 100
      where id = $1`,
    [examId, closesAt, status],
  );
  return examId;
}

/** An attempt of the member: still open, submitted (a short answer waits for a grader) or graded with `score`. */
async function attempt(
  examId: number,
  member: number,
  status: 'open' | 'submitted' | 'graded',
  score?: number,
) {
  await query(
    env,
    `insert into exam_attempts (exam_id, member_id, org_id, org_path, attempt_no, seed, slots, started_at, due_at,
                                status, submitted_at, submitted_by, score, pending, passed)
     select $1, m.id, m.org_id, m.org_path,
            coalesce((select max(attempt_no) from exam_attempts where exam_id = $1 and member_id = m.id), 0) + 1,
            7, '[]'::jsonb, e.opens_at + interval '1 hour', e.opens_at + interval '2 hours', $3,
            case when $3 = 'open' then null else e.opens_at + interval '90 minutes' end,
            case when $3 = 'open' then null else 'member' end,
            $4::float8, case when $3 = 'submitted' then 1 else 0 end,
            case when $3 = 'graded' then $4::float8 >= 60 end
       from members m, exams e where m.id = $2 and e.id = $1`,
    [examId, member, status, score ?? null],
  );
}

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  a = (await makeOrg(env, town, 'branch', '考试指标甲支部')).id;
  b = (await makeOrg(env, town, 'branch', '考试指标乙支部')).id;
  const [a1, a2, a3] = [
    (await makeMember(env, a, { name: '甲一' })).id,
    (await makeMember(env, a, { name: '甲二' })).id,
    (await makeMember(env, a, { name: '甲三' })).id,
  ];
  const [b1, b2] = [
    (await makeMember(env, b, { name: '乙一' })).id,
    (await makeMember(env, b, { name: '乙二' })).id,
  ];
  exam = await examClosing(town, [a1, a2, a3, b1, b2], '2026-10-20T18:00:00+08:00');
  await attempt(exam, a1, 'graded', 40); // failed first, then passed on a second attempt: the best counts
  await attempt(exam, a1, 'graded', 85);
  await attempt(exam, a2, 'graded', 50);
  // a3 never started: absent
  await attempt(exam, b1, 'submitted'); // waiting for a grader
  await attempt(exam, b2, 'open'); // started, never submitted
  const november = await examClosing(town, [a3], '2026-11-02T18:00:00+08:00');
  await attempt(november, a3, 'graded', 90);
  const cancelled = await examClosing(town, [a3], '2026-10-25T18:00:00+08:00', 'cancelled');
  await attempt(cancelled, a3, 'graded', 90);
});
afterAll(() => env.close());

describe('exams.participation', () => {
  it('counts the candidates who submitted an attempt, of the exams closed in the month, per candidate org', async () => {
    expect(mine(await def('exams.participation').compute(db(), OCT))).toEqual([
      { orgId: a, num: 2, den: 3 },
      { orgId: b, num: 1, den: 2 },
    ]);
    expect(await def('exams.participation').compute(db(), OCT, [b])).toEqual([{ orgId: b, num: 1, den: 2 }]);
  });

  it('lists each candidate; the absent one is not counted', async () => {
    const recs = await def('exams.participation').records(db(), a, OCT, 10);
    expect(recs.map((r) => [r.title.split('：')[1], r.counted])).toEqual([
      ['甲一', true],
      ['甲二', true],
      ['甲三', false],
    ]);
    expect(recs[2]).toMatchObject({
      at: null,
      note: '缺考（考试已于 2026-10-20 结束）',
      href: `/exams/${exam}`,
    });
  });
});

describe('exams.pass_rate', () => {
  it('counts those whose best graded score reaches the pass mark, of those who sat', async () => {
    expect(mine(await def('exams.pass_rate').compute(db(), OCT))).toEqual([
      { orgId: a, num: 1, den: 2 },
      { orgId: b, num: 0, den: 1 },
    ]);
    expect(await def('exams.pass_rate').compute(db(), OCT, [a])).toEqual([{ orgId: a, num: 1, den: 2 }]);
  });

  it('lists who sat: passed, failed, or waiting for a grader', async () => {
    expect(
      (await def('exams.pass_rate').records(db(), a, OCT, 10)).map((r) => [
        r.title.split('：')[1],
        r.counted,
        r.note,
      ]),
    ).toEqual([
      ['甲一', true, '及格（85 分，及格线 60 分）'],
      ['甲二', false, '不及格（50 分，及格线 60 分）'],
    ]);
    expect((await def('exams.pass_rate').records(db(), b, OCT, 10)).map((r) => [r.counted, r.note])).toEqual([
      [false, '待阅卷'],
    ]);
  });
});
