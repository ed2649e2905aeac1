import type { TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeAttempt, makeCandidates, makeExam } from './fixtures.ts';

/** Authorization-matrix cases for 阅卷, 成绩 and 统计 (platform/access/matrix.test.ts). */

/** An exam of `orgId` with one candidate who submitted: 单选 right, 简答 waiting for a grader. */
async function sat(env: TestEnv, orgId: number) {
  const { ids } = await makeCandidates(env, orgId, 1);
  const exam = await makeExam(env, orgId, { memberIds: ids });
  const attempt = await makeAttempt(env, exam, ids[0], [{ choices: [0] }, { text: '矩阵测试的简答' }]);
  return { exam, attempt };
}

const namesBySecretary: MatrixProbe = {
  title: "a branch secretary (exam.grade, not exam.manage) asks for the examinees' names (403)",
  as: [{ role: 'secretary', on: 'branch1' }],
  make: async ({ env, places }) => {
    const { exam } = await sat(env, places.branch1);
    return { method: 'GET', url: `/api/v1/exams/${exam.id}/grading?names=true` };
  },
  expect: { refused: 403 },
};

const anotherExamsAttempt: MatrixProbe = {
  title: "town 1's admin grades town 2's attempt through an exam of town 1 (404)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    const mine = await sat(env, places.town1);
    const theirs = await sat(env, places.town2);
    return {
      method: 'PUT',
      url: `/api/v1/exams/${mine.exam.id}/grading/${theirs.attempt}/1`,
      payload: { score: 5 },
    };
  },
  expect: { refused: 404 },
};

const resultsOfAnotherTown: MatrixProbe = {
  title: "town 1's admin filters a town 1 exam's results by an org of town 2 (400 naming orgId)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    const { exam } = await sat(env, places.town1);
    return { method: 'GET', url: `/api/v1/exams/${exam.id}/results?orgId=${places.branch2}` };
  },
  expect: { refused: 400 },
};

export const gradingMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/exams/:id/grading': {
      action: 'exam.grade',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/exams/${(await sat(env, target)).exam.id}/grading`,
      }),
    },
    'PUT /api/v1/exams/:id/grading/:attemptId/:slot': {
      action: 'exam.grade',
      make: async ({ env, target }) => {
        const { exam, attempt } = await sat(env, target);
        return {
          method: 'PUT',
          url: `/api/v1/exams/${exam.id}/grading/${attempt}/1`,
          payload: { score: 8, comment: '矩阵评分' },
        };
      },
    },
    'GET /api/v1/exams/:id/results': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/exams/${(await sat(env, target)).exam.id}/results`,
      }),
    },
    'GET /api/v1/exams/:id/results/orgs': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/exams/${(await sat(env, target)).exam.id}/results/orgs`,
      }),
    },
    'GET /api/v1/exams/:id/statistics': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/exams/${(await sat(env, target)).exam.id}/statistics`,
      }),
    },
    'GET /api/v1/exams/:id/results/export': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/exams/${(await sat(env, target)).exam.id}/results/export`,
      }),
    },
  },
  probes: {
    'GET /api/v1/exams/:id/grading': [namesBySecretary],
    'PUT /api/v1/exams/:id/grading/:attemptId/:slot': [anotherExamsAttempt],
    'GET /api/v1/exams/:id/results': [resultsOfAnotherTown],
  },
};
