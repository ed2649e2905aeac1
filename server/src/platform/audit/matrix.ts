import type { MatrixCases } from '../../../test/matrix.ts';

/** Authorization-matrix cases for the audit log (platform/access/matrix.test.ts). */
export const auditMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/audit': {
      action: 'audit.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/audit?orgId=${target}` }),
    },
  },
};
