import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { makeCategory, makeQuestion, singleBody } from '../bank/fixtures.ts';
import { scoreOf } from '../scoring.ts';
import { settleAttempt } from '../sittings/settle.ts';

/**
 * Factories for grading, results and statistics in tests and matrix cases: an exam, its
 * candidates and their attempts written straight into the tables, as the sittings would leave them.
 */

let seq = 0;

export const shortBody = (stem = '结合工作实际，谈谈如何发挥党员先锋模范作用。'): QuestionBody => ({
  type: 'short',
  stem,
  format: 'plain',
  difficulty: 'medium',
  tags: [],
});

export const truthBody = (stem = '党的基层组织是党在社会基层组织中的战斗堡垒。'): QuestionBody => ({
  type: 'truefalse',
  stem,
  format: 'plain',
  correct: true,
  difficulty: 'easy',
  tags: [],
});

export type MadeExam = {
  id: number;
  orgId: number;
  /** The questions in the paper's order, with their points. */
  questions: { id: number; body: QuestionBody; points: number }[];
  totalPoints: number;
  passScore: number;
};

/**
 * A published fixed-paper exam held by `orgId` (opened a week before NOW-ish: 2026-11-01 to
 * 2026-12-31), the questions given (by default 单选 2 分 + 简答 10 分), with the members given as
 * candidates (each candidate's org is their own).
 */
export async function makeExam(
  env: TestEnv,
  orgId: number,
  opts: {
    questions?: { body: QuestionBody; points: number }[];
    passScore?: number;
    memberIds?: number[];
    title?: string;
  } = {},
): Promise<MadeExam> {
  seq += 1;
  const specs = opts.questions ?? [
    { body: singleBody(), points: 2 },
    { body: shortBody(), points: 10 },
  ];
  const category = await makeCategory(env, orgId);
  const questions = [];
  for (const s of specs) questions.push({ id: await makeQuestion(env, category, s.body), ...s });
  const totalPoints = questions.reduce((a, q) => a + q.points, 0);
  const passScore = opts.passScore ?? Math.round(totalPoints * 0.6 * 100) / 100;
  const [paper] = await query<{ id: string }>(
    env,
    `insert into papers (org_id, org_path, title, kind, points)
     select id, path, $2, 'fixed', '{"single":2,"multiple":3,"truefalse":1,"fill":2,"numeric":2,"short":10}'::jsonb
       from orgs where id = $1 returning id`,
    [orgId, `测试试卷${process.pid}-${seq}`],
  );
  const draw = { kind: 'fixed', shuffleOptions: false, ids: questions.map((q) => q.id) };
  const [exam] = await query<{ id: string }>(
    env,
    `insert into exams (org_id, org_path, paper_id, title, opens_at, closes_at, duration_minutes, total_points,
                        pass_score, audience_kind, audience_org_id, candidate_count, draw)
     select id, path, $2, $3, '2026-11-01T00:00:00+08:00', '2026-12-31T00:00:00+08:00', 60, $4, $5, 'org', id, $6, $7::jsonb
       from orgs where id = $1 returning id`,
    [
      orgId,
      paper.id,
      opts.title ?? `测试考试${process.pid}-${seq}`,
      totalPoints,
      passScore,
      opts.memberIds?.length ?? 0,
      JSON.stringify(draw),
    ],
  );
  for (const q of questions)
    await query(
      env,
      `insert into exam_questions (exam_id, question_id, category_id, type, difficulty, body, points)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [exam.id, q.id, category, q.body.type, q.body.difficulty, JSON.stringify(q.body), q.points],
    );
  if (opts.memberIds?.length)
    await query(
      env,
      `insert into exam_candidates (exam_id, member_id, org_id, org_path)
       select $1, id, org_id, org_path from members where id = any($2::int8[])`,
      [exam.id, opts.memberIds],
    );
  return { id: Number(exam.id), orgId, questions, totalPoints, passScore };
}

/** Members made in a new branch of `orgId`, as an exam's candidates would be. */
export async function makeCandidates(env: TestEnv, orgId: number, n: number, names: string[] = []) {
  const first = await makeMember(env, orgId, { name: names[0] });
  const ids = [first.id];
  for (let i = 1; i < n; i++) ids.push((await makeMember(env, first.branchId, { name: names[i] })).id);
  return { branchId: first.branchId, ids };
}

/**
 * An attempt of `memberId` at `exam` with its answers (slot by slot; null: left blank), the
 * objective ones scored as on submission, then settled; `open` leaves it in progress.
 */
export async function makeAttempt(
  env: TestEnv,
  exam: MadeExam,
  memberId: number,
  answers: (AnswerValue | null)[],
  opts: { status?: 'open' | 'submitted'; attemptNo?: number } = {},
): Promise<number> {
  const status = opts.status ?? 'submitted';
  const slots = exam.questions.map((q) => ({ q: q.id, points: q.points }));
  const [a] = await query<{ id: string }>(
    env,
    `insert into exam_attempts (exam_id, member_id, org_id, org_path, attempt_no, seed, slots, started_at, due_at,
                                submitted_at, submitted_by, status)
     select $1, m.id, m.org_id, m.org_path, $3, 1, $4::jsonb, '2026-11-10T09:00:00+08:00', '2026-11-10T10:00:00+08:00',
            case when $5 = 'open' then null else '2026-11-10T09:40:00+08:00'::timestamptz end,
            case when $5 = 'open' then null else 'member' end, $5
       from members m where m.id = $2 returning id`,
    [exam.id, memberId, opts.attemptNo ?? 1, JSON.stringify(slots), status],
  );
  const id = Number(a.id);
  for (const [slot, answer] of answers.entries()) {
    if (!answer) continue;
    const q = exam.questions[slot];
    await query(
      env,
      `insert into exam_answers (attempt_id, slot, answer, saved_at, auto_score)
       values ($1, $2, $3::jsonb, '2026-11-10T09:30:00+08:00', $4)`,
      [id, slot, JSON.stringify(answer), status === 'open' ? null : scoreOf(q.body, answer, q.points)],
    );
  }
  if (status !== 'open') await settleAttempt(env.database.db, id);
  return id;
}

/** A 简答 grade given straight in the table (then settled), as a grader's would be. */
export async function gradeStraight(env: TestEnv, attemptId: number, slot: number, score: number) {
  await query(
    env,
    'update exam_answers set manual_score = $3, graded_at = now() where attempt_id = $1 and slot = $2',
    [attemptId, slot, score],
  );
  await settleAttempt(env.database.db, attemptId);
}
