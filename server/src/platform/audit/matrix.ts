import type { MatrixCases } from '../../../test/matrix.ts';

/** Authorization-matrix cases for the audit log (platform/access/matrix.test.ts). */
export const auditMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/audit': {
      action: 'audit.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/audit?orgId=${target}` }),
    },
    // the filter's choices, from the caller's own scope: no org to name
    'GET /api/v1/audit/actions': {
      action: 'audit.view',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/audit/actions' }),
    },
  },
};
