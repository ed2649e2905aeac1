import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases } from '../../../../test/matrix.ts';
import { validMember } from '../record/matrix.ts';

/** Authorization-matrix cases for members' correction requests (platform/access/matrix.test.ts). */

/** The caller's own record, in `target`: what /me acts on. */
async function ownMember({ env, target, self }: MakeContext) {
  const m = await validMember(env, target);
  if (self.userId) await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
  return m;
}

async function pendingCorrection(env: TestEnv, orgId: number) {
  const m = await validMember(env, orgId);
  const [{ id }] = await query<{ id: number }>(
    env,
    "insert into corrections (member_id, field, value, reason) values ($1, 'workUnit', '矩阵单位', '矩阵测试') returning id",
    [m.id],
  );
  return id;
}

export const correctionMatrix: MatrixCases = {
  routes: {
    'POST /api/v1/me/corrections': {
      action: 'member.self',
      untargeted: true,
      make: async (c) => {
        await ownMember(c);
        return {
          method: 'POST',
          url: '/api/v1/me/corrections',
          payload: { field: 'workUnit', value: '矩阵单位', reason: '矩阵测试' },
        };
      },
    },
    'GET /api/v1/me/corrections': {
      action: 'member.self',
      untargeted: true,
      make: async (c) => {
        await ownMember(c);
        return { method: 'GET', url: '/api/v1/me/corrections' };
      },
    },
    'GET /api/v1/corrections': {
      action: 'member.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/corrections?orgId=${target}` }),
    },
    'POST /api/v1/corrections/:id/approve': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/corrections/${await pendingCorrection(env, target)}/approve`,
      }),
    },
    'POST /api/v1/corrections/:id/reject': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/corrections/${await pendingCorrection(env, target)}/reject`,
        payload: { reason: '矩阵测试' },
      }),
    },
  },

  probes: {
    'POST /api/v1/corrections/:id/approve': [
      {
        // a member may ask for a correction of their own record, never decide one
        title: 'a member approves a correction they asked for themself',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, self, places }) => {
          const m = await validMember(env, places.branch1);
          await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
          const [{ id }] = await query<{ id: number }>(
            env,
            "insert into corrections (member_id, field, value, reason) values ($1, 'workUnit', '矩阵单位', '矩阵测试') returning id",
            [m.id],
          );
          return { method: 'POST', url: `/api/v1/corrections/${id}/approve` };
        },
        expect: { refused: 403 },
      },
    ],
  },
};
