import type { MatrixCases } from '../../../test/matrix.ts';

/** Authorization-matrix cases for 单点登录 (platform/access/matrix.test.ts). The /oidc endpoints are the provider's (public). */

let seq = 0;
const body = () => ({
  name: `矩阵子平台${process.pid}-${++seq}`,
  redirectUris: ['https://rp.example.cn/callback'],
  postLogoutRedirectUris: [],
  allowedRoles: ['member'],
  iconUrl: null,
  launchUrl: 'https://rp.example.cn/',
  firstParty: false,
  enabled: true,
});
const demoClientId = async ({
  env,
}: {
  env: { database: { pool: { query: (q: string) => Promise<{ rows: { id: number }[] }> } } };
}) =>
  (await env.database.pool.query("select id from sso_clients where client_id = 'demo-points'")).rows[0].id;

export const ssoMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/sso/tiles': {
      action: 'authenticated',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/sso/tiles' }),
    },
    'GET /api/v1/sso/clients': {
      action: 'sso.manage',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/sso/clients' }),
    },
    'POST /api/v1/sso/clients': {
      action: 'sso.manage',
      untargeted: true,
      make: async () => ({ method: 'POST', url: '/api/v1/sso/clients', payload: body() }),
    },
    'PUT /api/v1/sso/clients/:id': {
      action: 'sso.manage',
      untargeted: true,
      make: async (c) => ({
        method: 'PUT',
        url: `/api/v1/sso/clients/${await demoClientId(c)}`,
        payload: {
          ...body(),
          name: '党员积分管理（示例子平台）',
          redirectUris: ['http://127.0.0.1:4100/callback'],
        },
      }),
    },
    'POST /api/v1/sso/clients/:id/secret': {
      action: 'sso.manage',
      untargeted: true,
      make: async (c) => ({ method: 'POST', url: `/api/v1/sso/clients/${await demoClientId(c)}/secret` }),
    },
  },
};
