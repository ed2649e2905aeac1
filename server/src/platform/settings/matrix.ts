import type { MatrixCases } from '../../../test/matrix.ts';

/** Authorization-matrix cases for the deployment settings (platform/access/matrix.test.ts). */
export const settingsMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/settings': {
      action: 'settings.view',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/settings' }),
    },
    'PUT /api/v1/settings/:key': {
      action: 'settings.manage',
      untargeted: true,
      make: async () => ({
        method: 'PUT',
        url: '/api/v1/settings/members.transferLetterMaxDays',
        payload: { value: 60 },
      }),
    },
  },
};
