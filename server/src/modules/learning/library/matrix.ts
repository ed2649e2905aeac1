import { randomBytes } from 'node:crypto';
import { query } from '../../../../test/harness.ts';
import type { MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { homeOrgOf, makeCourse, multipartFile, PDF } from './fixtures.ts';

const pdfFile = { body: PDF, format: 'pdf' as const, type: 'application/pdf' };

/** A published course with a file, open to the caller (its home org) or, for anonymous, to the target's. */
async function mineToStudy(c: {
  env: Parameters<typeof makeCourse>[0];
  target: number;
  self: { userId: number };
}) {
  const org = c.self.userId ? await homeOrgOf(c.env, c.self.userId) : c.target;
  return makeCourse(c.env, org, { kind: 'document', file: pdfFile });
}

const otherBranchMember: MatrixProbe = {
  title: 'a member of branch 2 opens a course published to branch 1 only',
  as: [{ role: 'member', on: 'branch2' }],
  make: async ({ env, places }) => {
    const c = await makeCourse(env, places.branch1, { kind: 'document', file: pdfFile });
    return { method: 'GET', url: `/api/v1/learning/courses/${c.id}` };
  },
  expect: { refused: 404 },
};

const otherBranchMedia: MatrixProbe = {
  title: "a member of branch 2 fetches the file of branch 1's course",
  as: [{ role: 'member', on: 'branch2' }],
  make: async ({ env, places }) => {
    const c = await makeCourse(env, places.branch1, { kind: 'document', file: pdfFile });
    return { method: 'GET', url: `/api/v1/learning/courses/${c.id}/media` };
  },
  expect: { refused: 404 },
};

const draftToMember: MatrixProbe = {
  title: 'a member opens a draft published to their own branch',
  as: [{ role: 'member', on: 'branch1' }],
  make: async ({ env, places }) => {
    const c = await makeCourse(env, places.branch1, { status: 'draft' });
    return { method: 'GET', url: `/api/v1/learning/courses/${c.id}` };
  },
  expect: { refused: 404 },
};

const townScopeToOtherTown: MatrixProbe = {
  title: "a town admin publishes a course to the other town's members (scope outside the publisher)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ places }) => ({
    method: 'POST',
    url: '/api/v1/courses',
    payload: {
      orgId: String(places.town1),
      scopeOrgId: String(places.town2),
      kind: 'article',
      title: '越权发布',
      body: '<p>正文</p>',
    },
  }),
  expect: { refused: 400 },
};

/** Authorization-matrix cases for 课件库. */
export const libraryMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/courses': {
      action: 'course.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/courses?orgId=${target}&q=党史` }),
    },
    'POST /api/v1/courses': {
      action: 'course.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/courses',
        payload: {
          orgId: String(target),
          kind: 'article',
          title: '学习党章',
          body: '<p>党章是党的根本大法。</p>',
        },
      }),
    },
    'GET /api/v1/courses/:id': {
      action: 'course.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/courses/${(await makeCourse(env, target)).id}`,
      }),
    },
    'PATCH /api/v1/courses/:id': {
      action: 'course.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/courses/${(await makeCourse(env, target, { status: 'draft' })).id}`,
        payload: { title: '学习党章（修订）' },
      }),
    },
    'POST /api/v1/courses/:id/publish': {
      action: 'course.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/courses/${(await makeCourse(env, target, { status: 'draft' })).id}/publish`,
      }),
    },
    'POST /api/v1/courses/:id/withdraw': {
      action: 'course.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/courses/${(await makeCourse(env, target)).id}/withdraw`,
        payload: { reason: '内容有误' },
      }),
    },
    'GET /api/v1/courses/:id/media': {
      action: 'course.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/courses/${(await makeCourse(env, target, { kind: 'document', file: pdfFile })).id}/media`,
      }),
    },
    'POST /api/v1/courses/:id/file': {
      action: 'course.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/courses/${(await makeCourse(env, target, { kind: 'document', status: 'draft' })).id}/file`,
        ...multipartFile(PDF, '学习资料.pdf', 'application/pdf'),
      }),
    },
    'GET /api/v1/course-categories': {
      action: 'authenticated',
      make: async () => ({ method: 'GET', url: '/api/v1/course-categories' }),
    },
    'POST /api/v1/course-categories': {
      action: 'course.categories',
      make: async () => ({
        method: 'POST',
        url: '/api/v1/course-categories',
        payload: { name: `分类${randomBytes(3).toString('hex')}` },
      }),
    },
    'PATCH /api/v1/course-categories/:id': {
      action: 'course.categories',
      make: async ({ env }) => {
        const [c] = await query<{ id: string }>(
          env,
          `insert into course_categories (name) values ($1) returning id`,
          [`分类${randomBytes(3).toString('hex')}`],
        );
        return { method: 'PATCH', url: `/api/v1/course-categories/${c.id}`, payload: { sortOrder: 3 } };
      },
    },
    'DELETE /api/v1/course-categories/:id': {
      action: 'course.categories',
      make: async ({ env }) => {
        const [c] = await query<{ id: string }>(
          env,
          `insert into course_categories (name) values ($1) returning id`,
          [`分类${randomBytes(3).toString('hex')}`],
        );
        return { method: 'DELETE', url: `/api/v1/course-categories/${c.id}` };
      },
    },
    'GET /api/v1/course-tags': {
      action: 'course.manage',
      // the whole library's tags, for picking and for the department's synonyms: no org to target
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/course-tags' }),
    },
    'PUT /api/v1/course-tags/:name': {
      action: 'course.categories',
      make: async () => ({
        method: 'PUT',
        url: `/api/v1/course-tags/${encodeURIComponent(`标签${randomBytes(2).toString('hex')}`)}`,
        payload: { expansions: ['同义词'] },
      }),
    },
    'GET /api/v1/learning/courses': {
      action: 'course.study',
      untargeted: true,
      make: async () => ({
        method: 'GET',
        url: `/api/v1/learning/courses?q=${encodeURIComponent('党的二十大')}`,
      }),
    },
    'GET /api/v1/learning/courses/:id': {
      action: 'course.study',
      untargeted: true,
      make: async (c) => ({ method: 'GET', url: `/api/v1/learning/courses/${(await mineToStudy(c)).id}` }),
    },
    'GET /api/v1/learning/courses/:id/media': {
      action: 'course.study',
      untargeted: true,
      make: async (c) => ({
        method: 'GET',
        url: `/api/v1/learning/courses/${(await mineToStudy(c)).id}/media`,
      }),
    },
  },
  probes: {
    'GET /api/v1/learning/courses/:id': [otherBranchMember, draftToMember],
    'GET /api/v1/learning/courses/:id/media': [otherBranchMedia],
    'POST /api/v1/courses': [townScopeToOtherTown],
  },
};
