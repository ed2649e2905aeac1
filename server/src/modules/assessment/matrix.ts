import type { MatrixCases, MakeContext } from '../../../test/matrix.ts';
import { query } from '../../../test/harness.ts';
import type { Registry } from './registry.ts';

/** A month of its own for each state-changing route, so the cases do not undo one another. */
async function monthIn(env: MakeContext['env'], month: string, state: 'open' | 'closed') {
  await query(
    env,
    `insert into assessment_months (month, state, computed_at) values ($1, $2, now())
     on conflict (month) do update set state = excluded.state, computed_at = excluded.computed_at`,
    [month, state],
  );
}

/** Authorization-matrix cases for the assessment (platform/access/matrix.test.ts). */
export function assessmentMatrix(registry: Registry): MatrixCases {
  const view = (tail: (c: MakeContext) => string) => ({
    action: 'assessment.view',
    make: async (c: MakeContext) => ({ method: 'GET' as const, url: `/api/v1/assessment${tail(c)}` }),
  });
  const key = registry.all[0]?.key ?? 'none';
  return {
    routes: {
      'GET /api/v1/assessment/indicators': { ...view(() => '/indicators'), untargeted: true },
      'GET /api/v1/assessment/scheme': { ...view(() => '/scheme'), untargeted: true },
      'GET /api/v1/assessment/months/:month': { ...view(() => '/months/2026-10'), untargeted: true },
      'GET /api/v1/assessment/months/:month/rankings': view(
        (c) => `/months/2026-10/rankings?orgId=${c.target}`,
      ),
      'GET /api/v1/assessment/months/:month/trend': view(
        (c) => `/months/2026-10/trend?orgId=${c.target}&months=6`,
      ),
      'GET /api/v1/assessment/months/:month/heatmap': view(
        (c) => `/months/2026-10/heatmap?orgId=${c.target}`,
      ),
      'GET /api/v1/assessment/months/:month/orgs/:orgId': view((c) => `/months/2026-10/orgs/${c.target}`),
      'GET /api/v1/assessment/months/:month/orgs/:orgId/items/:key/records': view(
        (c) => `/months/2026-10/orgs/${c.target}/items/${key}/records`,
      ),
      'PUT /api/v1/assessment/scheme': {
        action: 'assessment.manage',
        untargeted: true,
        make: async () => {
          const items = registry.all.filter((d) => d.basis === 'outcome').slice(0, 2);
          return {
            method: 'PUT',
            url: '/api/v1/assessment/scheme',
            payload: {
              items: items.map((d, i) => ({
                key: d.key,
                weight: i === 0 ? 100 - 50 * (items.length - 1) : 50,
                target: 0,
              })),
            },
          };
        },
      },
      'POST /api/v1/assessment/months/:month/compute': {
        action: 'assessment.manage',
        untargeted: true,
        make: async ({ env }) => {
          await monthIn(env, '2026-02', 'open');
          return {
            method: 'POST',
            url: '/api/v1/assessment/months/2026-02/compute',
            payload: { full: false },
          };
        },
      },
      'POST /api/v1/assessment/months/:month/close': {
        action: 'assessment.manage',
        untargeted: true,
        make: async ({ env }) => {
          await monthIn(env, '2026-03', 'open');
          return { method: 'POST', url: '/api/v1/assessment/months/2026-03/close' };
        },
      },
      'POST /api/v1/assessment/months/:month/reopen': {
        action: 'assessment.manage',
        untargeted: true,
        make: async ({ env }) => {
          await monthIn(env, '2026-04', 'closed');
          return {
            method: 'POST',
            url: '/api/v1/assessment/months/2026-04/reopen',
            payload: { reason: '补录了漏报的活动' },
          };
        },
      },
      'POST /api/v1/assessment/months/:month/adjustments': {
        action: 'assessment.manage',
        untargeted: true,
        make: async ({ env, target }) => {
          await monthIn(env, '2026-05', 'open');
          return {
            method: 'POST',
            url: '/api/v1/assessment/months/2026-05/adjustments',
            payload: { orgId: String(target), points: 2, reason: '获评市级先进基层党组织' },
          };
        },
      },
    },
  };
}
