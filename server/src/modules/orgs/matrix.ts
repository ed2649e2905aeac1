import { makeOrg } from '../../../test/fixtures.ts';
import { query } from '../../../test/harness.ts';
import type { MatrixCases } from '../../../test/matrix.ts';

/** Authorization-matrix cases for the org tree (platform/access/matrix.test.ts). */
export const orgsMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/orgs/roots': {
      action: 'org.view',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/orgs/roots' }),
    },
    'GET /api/v1/orgs': {
      action: 'org.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/orgs?under=${target}&q=党` }),
    },
    'GET /api/v1/orgs/:id': {
      action: 'org.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/orgs/${target}` }),
    },
    'GET /api/v1/orgs/:id/children': {
      action: 'org.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/orgs/${target}/children` }),
    },
    'GET /api/v1/orgs/:id/stats': {
      action: 'org.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/orgs/${target}/stats` }),
    },
    'POST /api/v1/orgs': {
      action: 'org.manage',
      make: async ({ env, target }) => {
        // a kind the parent may contain, and a code no one has: made, then taken back
        const probe = await makeOrg(env, target);
        await query(env, 'delete from orgs where id = $1', [probe.id]);
        return {
          method: 'POST',
          url: '/api/v1/orgs',
          payload: {
            parentId: String(target),
            name: '矩阵测试党组织',
            code: `M-${probe.id}`,
            kind: probe.kind,
          },
        };
      },
    },
    'PATCH /api/v1/orgs/:id': {
      action: 'org.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/orgs/${(await makeOrg(env, target)).id}`,
        payload: { name: '改名后' },
      }),
    },
    'POST /api/v1/orgs/:id/move': {
      action: 'org.manage',
      make: async ({ env, target }) => {
        const from = await makeOrg(env, target);
        const to = await makeOrg(env, target);
        const moved = await makeOrg(env, from.id);
        return { method: 'POST', url: `/api/v1/orgs/${moved.id}/move`, payload: { parentId: String(to.id) } };
      },
    },
    'POST /api/v1/orgs/:id/reorder': {
      action: 'org.manage',
      make: async ({ env, target }) => {
        const p = await makeOrg(env, target);
        const a = await makeOrg(env, p.id);
        const b = await makeOrg(env, p.id);
        return {
          method: 'POST',
          url: `/api/v1/orgs/${p.id}/reorder`,
          payload: { childIds: [String(b.id), String(a.id)] },
        };
      },
    },
    'DELETE /api/v1/orgs/:id': {
      action: 'org.manage',
      make: async ({ env, target }) => ({
        method: 'DELETE',
        url: `/api/v1/orgs/${(await makeOrg(env, target)).id}`,
      }),
    },
  },

  probes: {
    'POST /api/v1/orgs/:id/move': [
      {
        title: 'a town-1 admin moves a town-1 org under a town-2 parent',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const moved = await makeOrg(env, places.town1, 'general_branch');
          return {
            method: 'POST',
            url: `/api/v1/orgs/${moved.id}/move`,
            payload: { parentId: String(places.town2) },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin moves a town-2 org under a town-1 parent',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const moved = await makeOrg(env, places.town2, 'general_branch');
          return {
            method: 'POST',
            url: `/api/v1/orgs/${moved.id}/move`,
            payload: { parentId: String(places.town1) },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin moves a town-1 org up to the district root',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const moved = await makeOrg(env, places.town1, 'general_branch');
          return {
            method: 'POST',
            url: `/api/v1/orgs/${moved.id}/move`,
            payload: { parentId: String(places.root) },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin moves town 1 itself, the top of their scope, under an org of their own',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const into = await makeOrg(env, places.town1, 'committee');
          return {
            method: 'POST',
            url: `/api/v1/orgs/${places.town1}/move`,
            payload: { parentId: String(into.id) },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'DELETE /api/v1/orgs/:id': [
      {
        title: 'the secretary of a town-1 branch, also admin of town 2, deletes an empty org in their branch',
        as: [
          { role: 'secretary', on: 'branch1' },
          { role: 'org_admin', on: 'town2' },
        ],
        make: async ({ env, places }) => ({
          method: 'DELETE',
          url: `/api/v1/orgs/${(await makeOrg(env, places.branch1, 'group')).id}`,
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
