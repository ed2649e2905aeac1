import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
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

/**
 * A decision of `orgId`'s branch meeting awaiting approval, for a member kept one level below
 * `orgId`: approvals are recorded only from an org strictly above the member's branch
 * (policy.ts mayApproveStanding), so the grid's caller "inside" the target is the committee above.
 * (For a branch target that is a branch made under it — a shape only the grid needs: there the
 * secretary's grant is above the member's branch.)
 */
async function decisionAwaiting(env: TestEnv, target: number) {
  const m = await lostMember(env, (await makeOrg(env, target, 'branch')).id);
  const [d] = await query<{ id: number }>(
    env,
    `insert into standing_decisions (member_id, kind, resolution_on, reason)
     values ($1, 'suspend', '2023-08-01', '失联满6个月，多方查找未果') returning id`,
    [m.id],
  );
  return d.id;
}

/** The same decision for a member of `branchId` itself: its own secretary may not approve it. */
async function ownDecision(env: TestEnv, branchId: number) {
  const m = await lostMember(env, branchId);
  const [d] = await query<{ id: number }>(
    env,
    `insert into standing_decisions (member_id, kind, resolution_on, reason)
     values ($1, 'suspend', '2023-08-01', '失联满6个月，多方查找未果') returning id`,
    [m.id],
  );
  return d.id;
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
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/standing-decisions/${await decisionAwaiting(env, target)}/approval`,
        payload: { approvedOn: '2023-08-20', approvedBy: '中共测试镇委员会' },
      }),
    },
    'POST /api/v1/standing-decisions/:id/refusal': {
      action: 'standing.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/standing-decisions/${await decisionAwaiting(env, target)}/refusal`,
        payload: { refusedOn: '2023-08-20', refusedBy: '中共测试镇委员会', reason: '查找工作不充分' },
      }),
    },
  },
  probes: {
    'POST /api/v1/standing-decisions/:id/approval': [
      {
        title: 'a branch secretary approves its own branch meeting’s decision',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/standing-decisions/${await ownDecision(env, places.branch1)}/approval`,
          payload: { approvedOn: '2023-08-20', approvedBy: '中共测试镇委员会' },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/standing-decisions/:id/refusal': [
      {
        title: 'a branch secretary refuses its own branch meeting’s decision',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/standing-decisions/${await ownDecision(env, places.branch1)}/refusal`,
          payload: { refusedOn: '2023-08-20', refusedBy: '中共测试镇委员会', reason: '查找工作不充分' },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/members/:id/standing-decisions': [
      {
        title: 'a branch secretary records its decision with the approval already given',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/members/${(await lostMember(env, places.branch1)).id}/standing-decisions`,
          payload: {
            kind: 'suspend',
            resolutionOn: '2023-08-01',
            reason: '失联满6个月，多方查找未果',
            approvedOn: '2023-08-20',
            approvedBy: '中共测试镇委员会',
          },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'the town admin records a branch decision with its approval',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/members/${(await lostMember(env, places.branch1)).id}/standing-decisions`,
          payload: {
            kind: 'suspend',
            resolutionOn: '2023-08-01',
            reason: '失联满6个月，多方查找未果',
            approvedOn: '2023-08-20',
            approvedBy: '中共测试镇委员会',
          },
        }),
        expect: { status: 200 },
      },
    ],
  },
};
