import { query } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeCategory, makeQuestion } from '../bank/fixtures.ts';
import { makePractiser, makeRecord } from './fixtures.ts';

/**
 * Authorization-matrix cases for 练习 and 错题本. Every route is the caller's own practice
 * (untargeted): the caller is made a member of a branch under the target, so the target's bank
 * is one of theirs (an ancestor's), and a question of it is what they practise.
 */

/** The caller as a member under `target`, and a question of the target's bank. */
async function practising({ env, target, self }: MakeContext) {
  const categoryId = await makeCategory(env, target);
  const questionId = await makeQuestion(env, categoryId);
  const memberId = self.userId ? (await makePractiser(env, target, self.userId)).memberId : null;
  return { categoryId, questionId, memberId };
}

/** A member of town 1 answers a question of town 2's bank: not one of their banks. */
const otherTownsBank: MatrixProbe = {
  title: "a member of town 1 answers a question of town 2's bank (404)",
  as: [{ role: 'member', on: 'branch1' }],
  make: async ({ env, self, places }) => {
    await makePractiser(env, places.branch1, self.userId);
    const questionId = await makeQuestion(env, await makeCategory(env, places.town2));
    return {
      method: 'POST',
      url: '/api/v1/practice/answers',
      payload: { questionId: String(questionId), answer: { choices: [0] } },
    };
  },
  expect: { refused: 404 },
};

/** A member takes out of the book a question that is in another member's book only. */
let otherRecord = { memberId: 0, questionId: 0 };
const othersBook: MatrixProbe = {
  title: "a member takes another member's wrong question out of the book (404, theirs stays)",
  as: [{ role: 'member', on: 'branch1' }],
  make: async ({ env, self, places }) => {
    await makePractiser(env, places.branch1, self.userId);
    const other = await makePractiser(env, places.branch1);
    const questionId = await makeQuestion(env, await makeCategory(env, places.town1));
    await makeRecord(env, other.memberId, questionId);
    otherRecord = { memberId: other.memberId, questionId };
    return { method: 'DELETE', url: `/api/v1/practice/wrong/${questionId}` };
  },
  expect: { refused: 404 },
  check: async ({ env }) => {
    const [r] = await query<{ in_book: boolean }>(
      env,
      'select in_book from practice_records where member_id = $1 and question_id = $2',
      [otherRecord.memberId, otherRecord.questionId],
    );
    if (!r?.in_book) throw new Error("the other member's wrong question left their book");
  },
};

export const practiceMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/practice/categories': {
      action: 'exam.sit',
      untargeted: true,
      make: async (c) => {
        await practising(c);
        return { method: 'GET', url: '/api/v1/practice/categories' };
      },
    },
    'GET /api/v1/practice/next': {
      action: 'exam.sit',
      untargeted: true,
      make: async (c) => {
        const { categoryId } = await practising(c);
        return { method: 'GET', url: `/api/v1/practice/next?categoryId=${categoryId}` };
      },
    },
    'POST /api/v1/practice/answers': {
      action: 'exam.sit',
      untargeted: true,
      make: async (c) => {
        const { questionId } = await practising(c);
        return {
          method: 'POST',
          url: '/api/v1/practice/answers',
          payload: { questionId: String(questionId), answer: { choices: [1] } },
        };
      },
    },
    'GET /api/v1/practice/wrong': {
      action: 'exam.sit',
      untargeted: true,
      make: async (c) => {
        const { questionId, memberId } = await practising(c);
        if (memberId) await makeRecord(c.env, memberId, questionId);
        return { method: 'GET', url: '/api/v1/practice/wrong' };
      },
    },
    'DELETE /api/v1/practice/wrong/:id': {
      action: 'exam.sit',
      untargeted: true,
      make: async (c) => {
        const { questionId, memberId } = await practising(c);
        if (memberId) await makeRecord(c.env, memberId, questionId);
        return { method: 'DELETE', url: `/api/v1/practice/wrong/${questionId}` };
      },
    },
  },
  probes: {
    'POST /api/v1/practice/answers': [otherTownsBank],
    'DELETE /api/v1/practice/wrong/:id': [othersBook],
  },
};
