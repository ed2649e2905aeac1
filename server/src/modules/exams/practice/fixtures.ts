import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { makeMember, makeUser } from '../../../../test/fixtures.ts';
import { login, query, type TestEnv } from '../../../../test/harness.ts';

/** Factories for practice in tests and matrix cases: rows made straight in the database. */

/** A member of `orgId` (or of a new branch under it) who is also the login `userId` (a new one when not given). */
export async function makePractiser(env: TestEnv, orgId: number, userId?: number) {
  const m = await makeMember(env, orgId);
  const user = userId ?? (await makeUser(env, { orgId: m.branchId, role: 'member' })).id;
  await query(env, 'update members set user_id = $1 where id = $2', [user, m.id]);
  return { memberId: m.id, branchId: m.branchId, userId: user };
}

/** The same, signed in. */
export async function signedInPractiser(env: TestEnv, orgId: number) {
  const m = await makeMember(env, orgId);
  const user = await makeUser(env, { orgId: m.branchId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [user.id, m.id]);
  return { memberId: m.id, branchId: m.branchId, userId: user.id, session: await login(env, user.username) };
}

/** A record of the member's practice of a question (in the book unless told otherwise). */
export async function makeRecord(
  env: TestEnv,
  memberId: number,
  questionId: number,
  over: {
    inBook?: boolean;
    answered?: number;
    correct?: number;
    lastAnswer?: AnswerValue | null;
    source?: 'practice' | 'exam';
  } = {},
) {
  await query(
    env,
    `insert into practice_records (member_id, question_id, answered, correct, in_book, last_answer, last_source)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [
      memberId,
      questionId,
      over.answered ?? 1,
      over.correct ?? 0,
      over.inBook ?? true,
      over.lastAnswer === undefined ? JSON.stringify({ choices: [1] }) : JSON.stringify(over.lastAnswer),
      over.source ?? 'practice',
    ],
  );
}

/** A question of each objective type, and a short answer (bank/fixtures.ts singleBody for 单选题). */
export const bodies = {
  multiple: (scoring: 'all-or-nothing' | 'partial' = 'all-or-nothing'): QuestionBody => ({
    type: 'multiple',
    stem: '“三会一课”中的“三会”包括（ ）。',
    format: 'plain',
    choices: [
      { text: '支部党员大会', weight: 50 },
      { text: '职工代表大会', weight: 0 },
      { text: '支部委员会', weight: 50 },
    ],
    scoring,
    difficulty: 'easy',
    tags: [],
  }),
  truefalse: (): QuestionBody => ({
    type: 'truefalse',
    stem: '遵义会议召开于1935年。',
    format: 'plain',
    correct: true,
    explanation: '遵义会议于1935年1月召开。',
    difficulty: 'easy',
    tags: [],
  }),
  fill: (): QuestionBody => ({
    type: 'fill',
    stem: '党的最高理想和最终目标是实现____。',
    format: 'plain',
    accepted: [{ text: '共产主义', weight: 100 }],
    difficulty: 'easy',
    tags: [],
  }),
  numeric: (): QuestionBody => ({
    type: 'numeric',
    stem: '中国共产党第一次全国代表大会出席的代表共有多少人？',
    format: 'plain',
    numeric: [{ min: 13, max: 13, weight: 100 }],
    difficulty: 'medium',
    tags: [],
  }),
  short: (): QuestionBody => ({
    type: 'short',
    stem: '简述遵义会议的历史意义。',
    format: 'plain',
    explanation: '挽救了党、挽救了红军、挽救了中国革命。',
    difficulty: 'hard',
    tags: [],
  }),
};
