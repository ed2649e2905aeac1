import { makeOrg } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { branchIn, validMember } from '../record/matrix.ts';

/** An exemption the branch agreed to, awaiting the committee, for a new member under `orgId`. */
async function reliefIn(env: TestEnv, orgId: number) {
  const m = await validMember(env, orgId);
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into dues_reliefs (member_id, kind, from_month, reason, branch_approved_on)
     values ($1, 'exempt', '2025-01', '重病住院', '2025-01-05') returning id`,
    [m.id],
  );
  return id;
}

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
    'GET /api/v1/dues/arrears/export': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/dues/arrears/export?orgId=${await branchIn(env, target)}`,
      }),
    },
    'GET /api/v1/dues/sheet': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/dues/sheet?orgId=${await branchIn(env, target)}&month=2026-01`,
      }),
    },
    'POST /api/v1/dues/standards': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/dues/standards',
        payload: {
          memberId: String((await validMember(env, target)).id),
          fromMonth: '2025-01',
          category: 'farmer',
        },
      }),
    },
    'GET /api/v1/dues/reliefs': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/dues/reliefs?orgId=${await branchIn(env, target)}&show=all`,
      }),
    },
    'POST /api/v1/dues/reliefs': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/dues/reliefs',
        payload: {
          memberId: String((await validMember(env, target)).id),
          kind: 'exempt',
          fromMonth: '2025-01',
          reason: '重病住院，无收入',
          branchApprovedOn: '2025-01-05',
        },
      }),
    },
    'POST /api/v1/dues/reliefs/:id/approve': {
      action: 'dues.manage',
      // the higher committee approves (policy.ts mayApproveRelief): the member is kept one level
      // below the target, so the grid's caller inside the target is above the member's branch
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/dues/reliefs/${await reliefIn(env, (await makeOrg(env, target, 'branch')).id)}/approve`,
        payload: { committeeApprovedOn: '2025-01-20' },
      }),
    },
    'POST /api/v1/dues/reliefs/:id/end': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/dues/reliefs/${await reliefIn(env, target)}/end`,
        payload: { toMonth: '2025-06' },
      }),
    },
    'GET /api/v1/dues/members/:id': {
      action: 'dues.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/dues/members/${(await validMember(env, target)).id}`,
      }),
    },
    // a member's own payment history: linked to the caller, wherever it is
    'GET /api/v1/me/dues': {
      action: 'member.self',
      untargeted: true,
      make: async ({ env, target, self }) => {
        const m = await validMember(env, target);
        if (self.userId)
          await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
        return { method: 'GET', url: '/api/v1/me/dues' };
      },
    },
  },

  probes: {
    'POST /api/v1/dues/reliefs/:id/approve': [
      {
        title: 'a branch secretary records the higher committee’s approval of its own branch’s exemption',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/dues/reliefs/${await reliefIn(env, places.branch1)}/approve`,
          payload: { committeeApprovedOn: '2025-01-20' },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/dues/reliefs': [
      {
        title: 'a branch secretary records an exemption with the higher committee’s approval already given',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/dues/reliefs',
          payload: {
            memberId: String((await validMember(env, places.branch1)).id),
            kind: 'exempt',
            fromMonth: '2025-01',
            reason: '重病住院，无收入',
            branchApprovedOn: '2025-01-05',
            committeeApprovedOn: '2025-01-20',
          },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'the town admin records an exemption with both dates',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/dues/reliefs',
          payload: {
            memberId: String((await validMember(env, places.branch1)).id),
            kind: 'exempt',
            fromMonth: '2025-01',
            reason: '重病住院，无收入',
            branchApprovedOn: '2025-01-05',
            committeeApprovedOn: '2025-01-20',
          },
        }),
        expect: { status: 201 },
      },
    ],
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
