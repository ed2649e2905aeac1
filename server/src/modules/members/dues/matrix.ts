import { query } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { branchIn, validMember } from '../record/matrix.ts';

/** Authorization-matrix cases for Party dues (platform/access/matrix.test.ts). */
export const duesMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/dues/standard-table': {
      action: 'authenticated',
      make: async () => ({ method: 'GET', url: '/api/v1/dues/standard-table' }),
    },
    'POST /api/v1/dues/payments': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/dues/payments',
        payload: {
          payments: [
            { memberId: String((await validMember(env, target)).id), month: '2025-01', amountFen: 100 },
          ],
        },
      }),
    },
    'GET /api/v1/dues/arrears': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/dues/arrears?orgId=${await branchIn(env, target)}`,
      }),
    },
  },

  probes: {
    'POST /api/v1/dues/payments': [
      {
        // all or nothing: the town-1 row must not be recorded either
        title: 'a town-1 admin records one batch for a town-1 member and a town-2 member',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const inside = await validMember(env, places.branch1);
          const outside = await validMember(env, places.branch2);
          return {
            method: 'POST',
            url: '/api/v1/dues/payments',
            payload: {
              payments: [
                { memberId: String(inside.id), month: '2025-01', amountFen: 100 },
                { memberId: String(outside.id), month: '2025-01', amountFen: 100 },
              ],
            },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'secretary of a town-1 branch and member of a town-2 branch records dues for a town-2 member',
        as: [
          { role: 'secretary', on: 'branch1' },
          { role: 'member', on: 'branch2' },
        ],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/dues/payments',
          payload: {
            payments: [
              {
                memberId: String((await validMember(env, places.branch2)).id),
                month: '2025-01',
                amountFen: 100,
              },
            ],
          },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a member records dues for themself',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, self, places }) => {
          const m = await validMember(env, places.branch1);
          await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
          return {
            method: 'POST',
            url: '/api/v1/dues/payments',
            payload: { payments: [{ memberId: String(m.id), month: '2025-01', amountFen: 100 }] },
          };
        },
        expect: { refused: 403 },
      },
    ],
  },
};
