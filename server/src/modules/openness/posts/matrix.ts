import { makeOrg } from '../../../../test/fixtures.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { makeAttachment, makePost, multipart } from '../test-fixtures.ts';

/** Authorization-matrix cases for 工作动态, 组织公告 and 党务公开 (platform/access/matrix.test.ts). */
export const postMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/public/posts/:id': {
      action: 'public',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/public/posts/${await makePost(env, target)}`,
      }),
    },
    'GET /api/v1/public/posts/:id/attachments/:attachmentId': {
      action: 'public',
      make: async ({ env, target }) => {
        const post = await makePost(env, target);
        return {
          method: 'GET',
          url: `/api/v1/public/posts/${post}/attachments/${await makeAttachment(env, post)}`,
        };
      },
    },
    'GET /api/v1/posts': {
      action: 'openness.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/posts?orgId=${target}` }),
    },
    'POST /api/v1/posts': {
      action: 'openness.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/posts',
        payload: {
          orgId: String(target),
          kind: 'update',
          title: '矩阵工作动态',
          body: '<p>正文</p>',
          visibility: 'public',
        },
      }),
    },
    'GET /api/v1/posts/monthly-counts': {
      action: 'openness.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/posts/monthly-counts?orgId=${target}` }),
    },
    'GET /api/v1/posts/:id': {
      action: 'openness.read',
      // a members-only item of a new org under the target: read by its line (page/matrix.ts)
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/posts/${await makePost(env, (await makeOrg(env, target)).id, { visibility: 'members' })}`,
      }),
    },
    'PATCH /api/v1/posts/:id': {
      action: 'openness.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/posts/${await makePost(env, target, { published: false })}`,
        payload: { title: '改过的标题' },
      }),
    },
    'POST /api/v1/posts/:id/publish': {
      action: 'openness.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/posts/${await makePost(env, target, { published: false })}/publish`,
      }),
    },
    'POST /api/v1/posts/:id/withdraw': {
      action: 'openness.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/posts/${await makePost(env, target)}/withdraw`,
        payload: { reason: '内容有误' },
      }),
    },
    'GET /api/v1/posts/:id/attachments/:attachmentId': {
      action: 'openness.read',
      make: async ({ env, target }) => {
        const post = await makePost(env, (await makeOrg(env, target)).id, { visibility: 'members' });
        return { method: 'GET', url: `/api/v1/posts/${post}/attachments/${await makeAttachment(env, post)}` };
      },
    },
    'DELETE /api/v1/posts/:id/attachments/:attachmentId': {
      action: 'openness.manage',
      make: async ({ env, target }) => {
        const post = await makePost(env, target);
        return {
          method: 'DELETE',
          url: `/api/v1/posts/${post}/attachments/${await makeAttachment(env, post)}`,
        };
      },
    },
    'POST /api/v1/posts/:id/attachments': {
      action: 'openness.manage',
      make: async ({ env, target }) => {
        const form = multipart({ field: 'file', name: '纪要.pdf', body: Buffer.from('%PDF-1.4\n矩阵\n') });
        return {
          method: 'POST',
          url: `/api/v1/posts/${await makePost(env, target, { published: false })}/attachments`,
          payload: form.payload,
          headers: form.headers,
        };
      },
    },
  },
  probes: {
    'POST /api/v1/posts': [
      {
        title: 'a branch-1 secretary writes on the page of a town-2 branch',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ places }) => ({
          method: 'POST',
          url: '/api/v1/posts',
          payload: {
            orgId: String(places.branch2),
            kind: 'announcement',
            title: '越权',
            body: '<p>x</p>',
            visibility: 'public',
            publish: true,
          },
        }),
        expect: { refused: 403 },
      },
    ],
    'GET /api/v1/posts/:id': [
      {
        title: 'a branch-1 member reads a draft of their own branch',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'GET',
          url: `/api/v1/posts/${await makePost(env, places.branch1, { published: false })}`,
        }),
        expect: { status: 404 },
      },
      {
        title: 'a branch-1 member reads a members-only item of the district (above them)',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'GET',
          url: `/api/v1/posts/${await makePost(env, places.root, { visibility: 'members' })}`,
        }),
        expect: { status: 200 },
      },
    ],
    'GET /api/v1/public/posts/:id': [
      {
        title: 'anyone asks for a members-only item without login',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'GET',
          url: `/api/v1/public/posts/${await makePost(env, places.branch1, { visibility: 'members' })}`,
        }),
        expect: { status: 404 },
      },
    ],
  },
};
