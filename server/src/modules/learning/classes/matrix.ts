import { makeMember } from '../../../../test/fixtures.ts';
import { query } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeCourse } from '../library/fixtures.ts';
import { branchIn } from '../offline/fixtures.ts';
import { makeClass } from './fixtures.ts';

/** Authorization-matrix cases for 网上班级 (platform/access/matrix.test.ts). */

let seq = 0;

/** A valid new class run by `target`: a branch of it as the cohort, a course open to it. */
async function newClass({ env, target }: MakeContext) {
  const branch = await branchIn(env, target);
  await makeMember(env, branch);
  const course = await makeCourse(env, target);
  return {
    orgId: String(target),
    name: `矩阵网上班级${process.pid}-${++seq}`,
    cohortKind: 'org',
    cohortOrgId: String(branch),
    courseIds: [String(course.id)],
    startsOn: '2026-11-01',
    deadline: '2026-12-31',
  };
}

const outsideMember: MatrixProbe = {
  title: "town 1's admin opens a class of town 1 naming a member of town 2 (400 naming memberIds)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    const inside = await makeMember(env, places.branch1);
    const outside = await makeMember(env, places.branch2);
    const course = await makeCourse(env, places.town1);
    return {
      method: 'POST',
      url: '/api/v1/classes',
      payload: {
        orgId: String(places.town1),
        name: `矩阵越权班级${process.pid}-${++seq}`,
        cohortKind: 'members',
        memberIds: [String(inside.id), String(outside.id)],
        courseIds: [String(course.id)],
        startsOn: '2026-11-01',
        deadline: '2026-12-31',
      },
    };
  },
  expect: { refused: 400 },
};

const closedCourse: MatrixProbe = {
  title: "town 1's admin puts in the plan a course town 2 published for itself (400 naming courseIds)",
  as: [{ role: 'org_admin', on: 'town1' }],
  make: async ({ env, places }) => {
    await makeMember(env, places.branch1);
    const course = await makeCourse(env, places.town2);
    return {
      method: 'POST',
      url: '/api/v1/classes',
      payload: {
        orgId: String(places.town1),
        name: `矩阵越权班级${process.pid}-${++seq}`,
        cohortKind: 'org',
        cohortOrgId: String(places.branch1),
        courseIds: [String(course.id)],
        startsOn: '2026-11-01',
        deadline: '2026-12-31',
      },
    };
  },
  expect: { refused: 400 },
};

export const classMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/classes': {
      action: 'class.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/classes?orgId=${target}` }),
    },
    'POST /api/v1/classes': {
      action: 'class.manage',
      make: async (c) => ({ method: 'POST', url: '/api/v1/classes', payload: await newClass(c) }),
    },
    'GET /api/v1/classes/people': {
      action: 'class.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/classes/people?orgId=${target}` }),
    },
    'GET /api/v1/classes/courses': {
      action: 'class.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/classes/courses?orgId=${target}` }),
    },
    'GET /api/v1/me/classes': {
      action: 'study.attend',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/me/classes' }),
    },
    'GET /api/v1/classes/:id': {
      action: 'class.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/classes/${(await makeClass(env, target)).id}`,
      }),
    },
    'PUT /api/v1/classes/:id': {
      action: 'class.manage',
      make: async (c) => {
        const made = await makeClass(c.env, c.target);
        const payload = await newClass(c);
        return { method: 'PUT', url: `/api/v1/classes/${made.id}`, payload };
      },
    },
    'GET /api/v1/classes/:id/members': {
      action: 'class.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/classes/${(await makeClass(env, target)).id}/members`,
      }),
    },
    'GET /api/v1/classes/:id/progress': {
      action: 'class.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/classes/${(await makeClass(env, target)).id}/progress`,
      }),
    },
    'GET /api/v1/classes/:id/progress/export': {
      action: 'class.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/classes/${(await makeClass(env, target)).id}/progress/export`,
      }),
    },
    'POST /api/v1/classes/:id/remind': {
      action: 'class.manage',
      make: async ({ env, target }) => {
        const made = await makeClass(env, target);
        await query(env, 'update online_classes set last_reminded_at = null where id = $1', [made.id]);
        return { method: 'POST', url: `/api/v1/classes/${made.id}/remind` };
      },
    },
  },
  probes: { 'POST /api/v1/classes': [outsideMember, closedCourse] },
};
