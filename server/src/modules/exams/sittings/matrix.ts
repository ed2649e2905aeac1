import { makeMember, makeUser } from '../../../../test/fixtures.ts';
import type { MakeContext, MatrixCases } from '../../../../test/matrix.ts';
import { makeCategory, makeQuestion } from '../bank/fixtures.ts';
import { makeAttempt, makeExam, makePaper, memberForUser } from './fixtures.ts';

/** Authorization-matrix cases for 考试 and 答卷 (platform/access/matrix.test.ts). */

let seq = 0;

/** A valid new exam of `target`: a paper of its bank, its own subtree sitting (one member at least). */
async function newExam({ env, target }: MakeContext) {
  await makeMember(env, target);
  const cat = await makeCategory(env, target);
  const q = await makeQuestion(env, cat);
  const paper = await makePaper(env, target, { questionIds: [q] });
  const now = Date.now();
  return {
    orgId: String(target),
    paperId: String(paper),
    title: `矩阵考试${process.pid}-${++seq}`,
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 3_600_000).toISOString(),
    durationMinutes: 30,
    passScore: 1,
    audienceKind: 'org',
    audienceOrgId: String(target),
  };
}

export const sittingMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/exams': {
      action: 'exam.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/exams?orgId=${target}` }),
    },
    'POST /api/v1/exams': {
      action: 'exam.manage',
      make: async (c) => ({ method: 'POST', url: '/api/v1/exams', payload: await newExam(c) }),
    },
    'GET /api/v1/exams/:id': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/exams/${(await makeExam(env, target)).examId}`,
      }),
    },
    'POST /api/v1/exams/:id/cancel': {
      action: 'exam.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/exams/${(await makeExam(env, target)).examId}/cancel`,
      }),
    },
    'POST /api/v1/exams/:id/regrade': {
      action: 'exam.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/exams/${(await makeExam(env, target)).examId}/regrade`,
      }),
    },
    'GET /api/v1/my/exams': {
      action: 'exam.sit',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/my/exams' }),
    },
    'GET /api/v1/my/exams/open-count': {
      action: 'exam.sit',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/my/exams/open-count' }),
    },
    'POST /api/v1/exams/:id/attempts': {
      action: 'exam.sit',
      untargeted: true,
      make: async ({ env, self, places }) => {
        const memberId = await memberForUser(env, self.userId, places.branch1);
        const { examId } = await makeExam(env, places.branch1, [memberId]);
        return { method: 'POST', url: `/api/v1/exams/${examId}/attempts` };
      },
    },
    'GET /api/v1/attempts/:id': {
      action: 'exam.sit',
      untargeted: true,
      make: async ({ env, self, places }) => ({
        method: 'GET',
        url: `/api/v1/attempts/${(await makeAttempt(env, self.userId, places.branch1)).attemptId}`,
      }),
    },
    'PUT /api/v1/attempts/:id/answers/:slot': {
      action: 'exam.sit',
      untargeted: true,
      make: async ({ env, self, places }) => ({
        method: 'PUT',
        url: `/api/v1/attempts/${(await makeAttempt(env, self.userId, places.branch1)).attemptId}/answers/0`,
        payload: { answer: { truth: true } },
      }),
    },
    'POST /api/v1/attempts/:id/submit': {
      action: 'exam.sit',
      untargeted: true,
      make: async ({ env, self, places }) => ({
        method: 'POST',
        url: `/api/v1/attempts/${(await makeAttempt(env, self.userId, places.branch1)).attemptId}/submit`,
      }),
    },
    'GET /api/v1/attempts/:id/result': {
      action: 'exam.sit',
      untargeted: true,
      make: async ({ env, self, places }) => ({
        method: 'GET',
        url: `/api/v1/attempts/${(await makeAttempt(env, self.userId, places.branch1, 'submitted')).attemptId}/result`,
      }),
    },
  },
  probes: {
    'PUT /api/v1/attempts/:id/answers/:slot': [
      {
        title: "a member writes to another examinee's attempt (404, nothing written)",
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => {
          const u = await makeUser(env, { orgId: places.branch1, role: 'member' });
          const { attemptId } = await makeAttempt(env, u.id, places.branch1);
          return {
            method: 'PUT',
            url: `/api/v1/attempts/${attemptId}/answers/0`,
            payload: { answer: { truth: true } },
          };
        },
        expect: { refused: 404 },
      },
    ],
  },
};
