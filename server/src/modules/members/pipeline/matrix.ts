import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';

/** A probationary member of `orgId` who joined on 2024-03-01. */
async function probationer(env: TestEnv, orgId: number) {
  const m = await makeMember(env, orgId, { status: 'applicant' });
  await query(
    env,
    `update members set status = 'probationary', joined_on = '2024-03-01', admission_resolution_on = '2024-03-01',
       admission_approved_on = '2024-03-20' where id = $1`,
    [m.id],
  );
  return m;
}

/** A probationer of `orgId` whose branch resolved to cancel the probation, awaiting the committee. */
async function cancellationPending(env: TestEnv, orgId: number) {
  const m = await probationer(env, orgId);
  await query(
    env,
    `insert into standing_decisions (member_id, kind, resolution_on, reason)
     values ($1, 'cancel_probation', '2025-03-05', '不履行党员义务')`,
    [m.id],
  );
  return m.id;
}

/** Authorization-matrix cases for the recruitment pipeline (platform/access/matrix.test.ts). */
export const pipelineMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/pipeline/due': {
      action: 'member.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/pipeline/due?orgId=${target}` }),
    },
    'GET /api/v1/members/:id/pipeline': {
      action: 'member.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/members/${(await makeMember(env, target, { status: 'applicant' })).id}/pipeline`,
      }),
    },
    'PATCH /api/v1/members/:id/pipeline': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/members/${(await makeMember(env, target, { status: 'applicant' })).id}/pipeline`,
        payload: { appliedOn: '2024-03-01' },
      }),
    },
    'POST /api/v1/members/:id/advance': {
      action: 'member.manage',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target, { status: 'applicant' });
        await query(
          env,
          "update members set applied_on = '2024-03-01', talked_on = '2024-03-10' where id = $1",
          [m.id],
        );
        return {
          method: 'POST',
          url: `/api/v1/members/${m.id}/advance`,
          payload: { to: 'activist', on: '2024-04-01' },
        };
      },
    },
    'PUT /api/v1/members/:id/probation/extension': {
      action: 'member.manage',
      // the branch meeting's resolution; the approval is recorded from above (probes below)
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/members/${(await probationer(env, target)).id}/probation/extension`,
        payload: { months: 6, resolutionOn: '2025-03-05', reason: '需要继续教育和考察' },
      }),
    },
    'PUT /api/v1/members/:id/probation/cancellation': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/members/${(await probationer(env, target)).id}/probation/cancellation`,
        payload: { resolutionOn: '2025-03-05', reason: '不履行党员义务' },
      }),
    },
    'POST /api/v1/members/:id/probation/cancellation/withdrawal': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${await cancellationPending(env, target)}/probation/cancellation/withdrawal`,
        payload: { reason: '支部党员大会复议，撤回原决定' },
      }),
    },
  },
  probes: {
    'PUT /api/v1/members/:id/probation/extension': [
      {
        title: 'a branch secretary records the committee’s approval of its own extension',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'PUT',
          url: `/api/v1/members/${(await probationer(env, places.branch1)).id}/probation/extension`,
          payload: {
            months: 6,
            resolutionOn: '2025-03-05',
            approvedOn: '2025-03-20',
            reason: '需要继续教育和考察',
          },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'the town admin records the extension with the committee’s approval',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'PUT',
          url: `/api/v1/members/${(await probationer(env, places.branch1)).id}/probation/extension`,
          payload: {
            months: 6,
            resolutionOn: '2025-03-05',
            approvedOn: '2025-03-20',
            reason: '需要继续教育和考察',
          },
        }),
        expect: { status: 200 },
      },
    ],
    'PUT /api/v1/members/:id/probation/cancellation': [
      {
        title: 'a branch secretary records the committee’s approval of its own cancellation',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'PUT',
          url: `/api/v1/members/${(await probationer(env, places.branch1)).id}/probation/cancellation`,
          payload: { resolutionOn: '2025-03-05', approvedOn: '2025-03-20', reason: '不履行党员义务' },
        }),
        expect: { refused: 403 },
      },
    ],
    'PATCH /api/v1/members/:id/pipeline': [
      {
        // a sponsor is a full member the caller may see: one from another town is refused, and the
        // refusal says nothing of them
        title: 'a town-1 admin names a town-2 full member as a town-1 candidate’s sponsor',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const candidate = await makeMember(env, places.branch1, { status: 'candidate' });
          const inside = await makeMember(env, places.branch1);
          const outside = await makeMember(env, places.branch2);
          return {
            method: 'PATCH',
            url: `/api/v1/members/${candidate.id}/pipeline`,
            payload: { sponsorIds: [String(inside.id), String(outside.id)] },
          };
        },
        expect: { refused: 400 },
      },
    ],
  },
};
