import type { MakeContext, MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeCategory, makeQuestion } from '../bank/fixtures.ts';
import { makePaper } from './fixtures.ts';

/** Authorization-matrix cases for 试卷 (platform/access/matrix.test.ts). */

let seq = 0;

/** A valid fixed paper of `target` with a question of its own bank. */
async function newPaper({ env, target }: MakeContext) {
  const question = await makeQuestion(env, await makeCategory(env, target));
  return {
    orgId: String(target),
    title: `矩阵试卷${process.pid}-${++seq}`,
    kind: 'fixed',
    questionIds: [String(question)],
  };
}

const otherTownsQuestion: MatrixProbe = {
  title: "town 1's admin makes a paper of town 1 with a question of town 2's bank (400 naming questionIds)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    const inside = await makeQuestion(env, await makeCategory(env, places.town1));
    const outside = await makeQuestion(env, await makeCategory(env, places.town2));
    return {
      method: 'POST',
      url: '/api/v1/papers',
      payload: {
        orgId: String(places.town1),
        title: `矩阵越权试卷${process.pid}-${++seq}`,
        kind: 'fixed',
        questionIds: [String(inside), String(outside)],
      },
    };
  },
  expect: { refused: 400 },
};

const otherTownsCategory: MatrixProbe = {
  title:
    "town 1's admin makes a random paper of town 1 drawing from a category of town 2's bank (400 naming rules.0.categoryId)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    const category = await makeCategory(env, places.town2);
    await makeQuestion(env, category);
    return {
      method: 'POST',
      url: '/api/v1/papers',
      payload: {
        orgId: String(places.town1),
        title: `矩阵越权试卷${process.pid}-${++seq}`,
        kind: 'random',
        rules: [{ categoryId: String(category), count: 1, type: 'single' }],
      },
    };
  },
  expect: { refused: 400 },
};

const moveToOtherTown: MatrixProbe = {
  title: "town 1's admin moves a paper of town 1 to town 2 (403)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    const paper = await makePaper(env, places.town1);
    return {
      method: 'PUT',
      url: `/api/v1/papers/${paper.id}`,
      payload: {
        orgId: String(places.town2),
        title: `矩阵越权试卷${process.pid}-${++seq}`,
        kind: 'fixed',
        questionIds: paper.questionIds.map(String),
      },
    };
  },
  expect: { refused: 403 },
};

export const paperMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/papers': {
      action: 'exam.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/papers?orgId=${target}` }),
    },
    'POST /api/v1/papers': {
      action: 'exam.manage',
      make: async (c) => ({ method: 'POST', url: '/api/v1/papers', payload: await newPaper(c) }),
    },
    'GET /api/v1/papers/:id': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/papers/${(await makePaper(env, target)).id}`,
      }),
    },
    'PUT /api/v1/papers/:id': {
      action: 'exam.manage',
      make: async (c) => {
        const paper = await makePaper(c.env, c.target);
        return { method: 'PUT', url: `/api/v1/papers/${paper.id}`, payload: await newPaper(c) };
      },
    },
    'POST /api/v1/papers/:id/archive': {
      action: 'exam.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/papers/${(await makePaper(env, target)).id}/archive`,
      }),
    },
    'GET /api/v1/papers/:id/preview': {
      action: 'exam.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/papers/${(await makePaper(env, target)).id}/preview?seed=7`,
      }),
    },
  },
  probes: {
    'POST /api/v1/papers': [otherTownsQuestion, otherTownsCategory],
    'PUT /api/v1/papers/:id': [moveToOtherTown],
  },
};
