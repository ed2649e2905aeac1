import { makeMember } from '../../../../test/fixtures.ts';
import { query } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';

/** Authorization-matrix cases for the recruitment pipeline (platform/access/matrix.test.ts). */
export const pipelineMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/pipeline/due': {
      action: 'member.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/pipeline/due?orgId=${target}` }),
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
  },
};
