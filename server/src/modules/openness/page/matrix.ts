import { makeOrg } from '../../../../test/fixtures.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { makePost } from '../test-fixtures.ts';

/** Authorization-matrix cases for org pages (platform/access/matrix.test.ts). */
export const pageMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/public/orgs/:orgId': {
      action: 'public',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/public/orgs/${target}` }),
    },
    'GET /api/v1/org-pages/:orgId/view': {
      action: 'openness.read',
      // members read the members-only items of their line (below and above them), not beside it:
      // the page of a new org under the target is inside for the target's own people, and
      // outside for those of a town or of the root's other lines
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/org-pages/${(await makeOrg(env, target)).id}/view`,
      }),
    },
    'GET /api/v1/org-pages/kept-up': {
      action: 'openness.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/org-pages/kept-up?orgId=${target}` }),
    },
    'GET /api/v1/org-pages/kept-up/share': {
      action: 'openness.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/org-pages/kept-up/share?orgId=${target}` }),
    },
    'GET /api/v1/org-pages/:orgId': {
      action: 'openness.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/org-pages/${target}` }),
    },
    'PUT /api/v1/org-pages/:orgId': {
      action: 'openness.manage',
      make: async ({ target }) => ({
        method: 'PUT',
        url: `/api/v1/org-pages/${target}`,
        payload: { introduction: '<p>矩阵支部简介</p>', contactPhone: '028-12345678' },
      }),
    },
  },
  probes: {
    'GET /api/v1/org-pages/:orgId/view': [
      {
        title: 'a branch-1 member reads the members-only page of their town (above them)',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => {
          await makePost(env, places.town1, { visibility: 'members', title: '镇党委仅党员可见' });
          return { method: 'GET', url: `/api/v1/org-pages/${places.town1}/view` };
        },
        expect: { status: 200 },
        check: async (_c, res) => {
          if (!res.json().posts.items.some((p: { title: string }) => p.title === '镇党委仅党员可见'))
            throw new Error('the town’s members-only item is on the page its members read');
        },
      },
      {
        title: 'a branch-1 member reads the members-only page of a town-2 branch',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ places }) => ({ method: 'GET', url: `/api/v1/org-pages/${places.branch2}/view` }),
        expect: { refused: 403 },
      },
    ],
    'PUT /api/v1/org-pages/:orgId': [
      {
        title: 'a town-1 admin writes the introduction of a town-2 branch',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ places }) => ({
          method: 'PUT',
          url: `/api/v1/org-pages/${places.branch2}`,
          payload: { introduction: '<p>越权</p>' },
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
