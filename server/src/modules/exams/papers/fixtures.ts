import { DEFAULT_POINTS } from '../../../../../contracts/exams/sittings.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { makeCategory, makeQuestion, singleBody } from '../bank/fixtures.ts';

/** Factories for papers in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/**
 * A fixed paper of `orgId` with `questions` single-choice questions of a new category of its own
 * bank (2 points each by DEFAULT_POINTS).
 */
export async function makePaper(
  env: TestEnv,
  orgId: number,
  opts: { questions?: number; title?: string } = {},
) {
  seq += 1;
  const categoryId = await makeCategory(env, orgId);
  const questionIds: number[] = [];
  for (let i = 0; i < (opts.questions ?? 2); i++)
    questionIds.push(
      await makeQuestion(env, categoryId, singleBody(`测试试卷题目${seq}-${i + 1}：党的最高理想是（ ）。`)),
    );
  const [p] = await query<{ id: string }>(
    env,
    `insert into papers (org_id, org_path, title, kind, points)
     select id, path, $2, 'fixed', $3::jsonb from orgs where id = $1 returning id`,
    [orgId, opts.title ?? `测试试卷${process.pid}-${seq}`, JSON.stringify(DEFAULT_POINTS)],
  );
  for (const [i, q] of questionIds.entries())
    await query(env, 'insert into paper_questions (paper_id, position, question_id) values ($1, $2, $3)', [
      p.id,
      i + 1,
      q,
    ]);
  return { id: Number(p.id), categoryId, questionIds };
}
