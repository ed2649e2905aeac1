import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { validMember } from '../record/matrix.ts';

/** A member of `orgId` who lost contact on 2023-01-10 (so suspension may be decided from 2023-07-10). */
async function lostMember(env: TestEnv, orgId: number) {
  const m = await validMember(env, orgId);
  await query(
    env,
    "update members set lost_contact_on = '2023-01-10', lost_contact_reason = '外出务工，电话停机' where id = $1",
    [m.id],
  );
  return m;
}

/** Authorization-matrix cases for Party standing (platform/access/matrix.test.ts). */
export const standingMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/standing/due': {
      action: 'standing.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/standing/due?orgId=${target}` }),
    },
    'GET /api/v1/members/:id/standing': {
      action: 'member.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/standing`,
      }),
    },
    'POST /api/v1/members/:id/lost-contact': {
      action: 'standing.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await validMember(env, target)).id}/lost-contact`,
        payload: { lostOn: '2024-01-10', reason: '外出务工，电话停机' },
      }),
    },
    'POST /api/v1/members/:id/found': {
      action: 'standing.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await lostMember(env, target)).id}/found`,
        payload: { foundOn: '2023-05-01' },
      }),
    },
    'PUT /api/v1/members/:id/abroad': {
      action: 'standing.manage',
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/members/${(await validMember(env, target)).id}/abroad`,
        payload: { kind: 'settled', since: '2024-01-01' },
      }),
    },
    'POST /api/v1/members/:id/standing-decisions': {
      action: 'standing.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await lostMember(env, target)).id}/standing-decisions`,
        payload: { kind: 'suspend', resolutionOn: '2023-08-01', reason: '失联满6个月，多方查找未果' },
      }),
    },
    'POST /api/v1/standing-decisions/:id/approval': {
      action: 'standing.manage',
      make: async ({ env, target }) => {
        const m = await lostMember(env, target);
        const [d] = await query<{ id: number }>(
          env,
          `insert into standing_decisions (member_id, kind, resolution_on, reason)
           values ($1, 'suspend', '2023-08-01', '失联满6个月，多方查找未果') returning id`,
          [m.id],
        );
        return {
          method: 'POST',
          url: `/api/v1/standing-decisions/${d.id}/approval`,
          payload: { approvedOn: '2023-08-20', approvedBy: '中共测试镇委员会' },
        };
      },
    },
  },
};
