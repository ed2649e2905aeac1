import { query } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases, MatrixPlaces } from '../../../../test/matrix.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { writeBankWorkbook } from './excel.ts';
import { jpeg, makeCategory, makeQuestion, multipartFile, singleBody } from './fixtures.ts';

/**
 * Authorization-matrix cases for 题库. A record "under the district root" is put in town 2's bank:
 * the root's own bank is readable by every admin (policy.ts), so a case aimed at the root that must
 * be refused to a town's admin names a bank under the root that is not the root's — as the grid
 * means "above its subtree". The probes below check the root's bank itself.
 */

/** Where a record made for `target` is kept. */
const holder = (places: MatrixPlaces, target: number) => (target === places.root ? places.town2 : target);

async function category({ env, places, target }: MakeContext) {
  return makeCategory(env, holder(places, target));
}
async function question(c: MakeContext) {
  return makeQuestion(c.env, await category(c));
}

export const bankMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/question-categories': {
      action: 'question.view',
      make: async ({ places, target }) => ({
        method: 'GET',
        url: `/api/v1/question-categories?orgId=${target === places.root ? places.town2 : target}`,
      }),
    },
    'POST /api/v1/question-categories': {
      action: 'question.manage',
      make: async ({ places, target }) => ({
        method: 'POST',
        url: '/api/v1/question-categories',
        payload: { orgId: String(holder(places, target)), name: `矩阵分类${process.pid}-${Math.random()}` },
      }),
    },
    'PATCH /api/v1/question-categories/:id': {
      action: 'question.manage',
      make: async (c) => ({
        method: 'PATCH',
        url: `/api/v1/question-categories/${await category(c)}`,
        payload: { name: `改名${process.pid}-${Math.random()}` },
      }),
    },
    'DELETE /api/v1/question-categories/:id': {
      action: 'question.manage',
      make: async (c) => ({ method: 'DELETE', url: `/api/v1/question-categories/${await category(c)}` }),
    },
    'GET /api/v1/question-categories/:id/export': {
      action: 'question.view',
      make: async (c) => {
        const id = await category(c);
        await makeQuestion(c.env, id);
        return { method: 'GET', url: `/api/v1/question-categories/${id}/export?format=xlsx` };
      },
    },
    'GET /api/v1/questions': {
      action: 'question.view',
      make: async (c) => ({ method: 'GET', url: `/api/v1/questions?categoryId=${await category(c)}` }),
    },
    'POST /api/v1/questions': {
      action: 'question.manage',
      make: async (c) => ({
        method: 'POST',
        url: '/api/v1/questions',
        payload: { categoryId: String(await category(c)), question: singleBody() },
      }),
    },
    'GET /api/v1/questions/:id': {
      action: 'question.view',
      make: async (c) => ({ method: 'GET', url: `/api/v1/questions/${await question(c)}` }),
    },
    'PUT /api/v1/questions/:id': {
      action: 'question.manage',
      make: async (c) => {
        const cat = await category(c);
        const id = await makeQuestion(c.env, cat);
        return {
          method: 'PUT',
          url: `/api/v1/questions/${id}`,
          payload: { categoryId: String(cat), question: singleBody('修改后的题干（ ）。') },
        };
      },
    },
    'POST /api/v1/questions/:id/archive': {
      action: 'question.manage',
      make: async (c) => ({ method: 'POST', url: `/api/v1/questions/${await question(c)}/archive` }),
    },
    'GET /api/v1/question-template': {
      action: 'question.manage',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/question-template' }),
    },
    'POST /api/v1/question-imports': {
      action: 'question.manage',
      make: async (c) => {
        const f = multipartFile(
          await writeBankWorkbook([{ category: null, question: singleBody() }]),
          'bank.xlsx',
        );
        return {
          method: 'POST',
          url: `/api/v1/question-imports?categoryId=${await category(c)}&confirm=1`,
          payload: f.payload,
          headers: f.headers,
        };
      },
    },
    'POST /api/v1/question-images': {
      action: 'question.manage',
      make: async ({ places, target }) => {
        const f = multipartFile(await jpeg());
        return {
          method: 'POST',
          url: `/api/v1/question-images?orgId=${holder(places, target)}`,
          payload: f.payload,
          headers: f.headers,
        };
      },
    },
    'GET /api/v1/question-images/:id': {
      action: 'question.view',
      make: async ({ env, places, target }) => {
        const org = holder(places, target);
        const img = await storeImage(env.config, new Date(), 'question-images', await jpeg(), 'file');
        const [p] = await query<{ id: string }>(
          env,
          `insert into question_images (org_id, org_path, file_key, thumb_key, width, height, size)
           select id, path, $2, $3, $4, $5, $6 from orgs where id = $1 returning id`,
          [org, img.fileKey, img.thumbKey, img.width, img.height, img.size],
        );
        return { method: 'GET', url: `/api/v1/question-images/${p.id}` };
      },
    },
  },
  probes: {
    'GET /api/v1/questions/:id': [
      {
        title: 'a town’s admin reads a question of the department’s bank',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'GET',
          url: `/api/v1/questions/${await makeQuestion(env, await makeCategory(env, places.root))}`,
        }),
        expect: { status: 200 },
      },
    ],
    'PUT /api/v1/questions/:id': [
      {
        title: 'a town’s admin changes a question of the department’s bank',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const cat = await makeCategory(env, places.root);
          return {
            method: 'PUT',
            url: `/api/v1/questions/${await makeQuestion(env, cat)}`,
            payload: { categoryId: String(cat), question: singleBody('改动组织部的题目（ ）。') },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/questions': [
      {
        title: 'a town’s admin files a question in a category of town 2',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/questions',
          payload: { categoryId: String(await makeCategory(env, places.town2)), question: singleBody() },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/question-categories': [
      {
        title: 'a town’s admin adds a category under one of the department’s bank',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/question-categories',
          payload: { parentId: String(await makeCategory(env, places.root)), name: '越权子分类' },
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
