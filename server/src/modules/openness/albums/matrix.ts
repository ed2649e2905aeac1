import { makeOrg } from '../../../../test/fixtures.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { makeAlbum, makeAlbumPhoto, multipart, tinyJpeg } from '../test-fixtures.ts';

/** Authorization-matrix cases for 支部相册 (platform/access/matrix.test.ts). */
export const albumMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/public/albums/:id': {
      action: 'public',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/public/albums/${await makeAlbum(env, target)}`,
      }),
    },
    'GET /api/v1/albums': {
      action: 'openness.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/albums?orgId=${target}` }),
    },
    'POST /api/v1/albums': {
      action: 'openness.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/albums',
        payload: { orgId: String(target), title: '矩阵相册', visibility: 'public' },
      }),
    },
    'GET /api/v1/albums/:id': {
      action: 'openness.read',
      // a members-only album of a new org under the target: read by its line (page/matrix.ts)
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/albums/${await makeAlbum(env, (await makeOrg(env, target)).id, 'members')}`,
      }),
    },
    'PATCH /api/v1/albums/:id': {
      action: 'openness.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/albums/${await makeAlbum(env, target)}`,
        payload: { title: '改过的相册名' },
      }),
    },
    'DELETE /api/v1/albums/:id/photos/:photoId': {
      action: 'openness.manage',
      make: async ({ env, target }) => {
        const album = await makeAlbum(env, target);
        return {
          method: 'DELETE',
          url: `/api/v1/albums/${album}/photos/${await makeAlbumPhoto(env, album)}`,
        };
      },
    },
    'POST /api/v1/albums/:id/photos': {
      action: 'openness.manage',
      make: async ({ env, target }) => {
        const form = multipart(
          { field: 'photo', name: 'p.jpg', body: await tinyJpeg(), type: 'image/jpeg' },
          { caption: '合影' },
        );
        return {
          method: 'POST',
          url: `/api/v1/albums/${await makeAlbum(env, target)}/photos`,
          payload: form.payload,
          headers: form.headers,
        };
      },
    },
  },
};
