import type { MatrixCases } from '../../../../test/matrix.ts';

/** Authorization-matrix cases for record quality (platform/access/matrix.test.ts). */
export const qualityMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/members/quality': {
      action: 'member.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/members/quality?orgId=${target}` }),
    },
    'GET /api/v1/members/quality/gaps': {
      action: 'member.view',
      make: async ({ target }) => ({
        method: 'GET',
        url: `/api/v1/members/quality/gaps?orgId=${target}&rate=completenessRate`,
      }),
    },
  },
};
