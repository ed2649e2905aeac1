import type { MatrixCases } from '../../../../test/matrix.ts';
import { makeImage, multipart, tinyJpeg } from '../test-fixtures.ts';

/** Authorization-matrix cases for pictures of org pages (platform/access/matrix.test.ts). */
export const imageMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/public/images/:token': {
      action: 'public',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/public/images/${(await makeImage(env, target)).token}?size=thumb`,
      }),
    },
    'POST /api/v1/openness/images': {
      action: 'openness.manage',
      make: async ({ target }) => {
        const form = multipart({ field: 'image', name: 'a.jpg', body: await tinyJpeg(), type: 'image/jpeg' });
        return {
          method: 'POST',
          url: `/api/v1/openness/images?orgId=${target}`,
          payload: form.payload,
          headers: form.headers,
        };
      },
    },
  },
};
