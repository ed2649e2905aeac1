import type { MatrixCases } from '../../../test/matrix.ts';

/** Authorization-matrix cases for the workbench (platform/access/matrix.test.ts). */
export const workbenchMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/workbench': {
      action: 'workbench.view',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/workbench' }),
    },
    'GET /api/v1/workbench/member': {
      action: 'authenticated',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/workbench/member' }),
    },
  },
};
