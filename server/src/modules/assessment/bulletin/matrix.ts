import type { MakeContext, MatrixCases, RouteCase } from '../../../../test/matrix.ts';
import { query } from '../../../../test/harness.ts';

const EMPTY_FACTS = {
  month: '2026-06',
  computedAt: null,
  monthState: 'open',
  units: 0,
  unitsEmpty: 0,
  mean: null,
  children: [],
  figures: [],
  good: [],
  goodAllMet: 0,
  missedByItem: [],
  missed: [],
  missedTotal: 0,
  stations: [],
};

/** A computed month the bulletins can be written from (its scores empty: the routes, not the figures, are tested here). */
async function computedMonth(env: MakeContext['env']) {
  await query(
    env,
    `insert into assessment_months (month, state, computed_at, scheme) values ('2026-06', 'open', now(), '{"items":[]}')
     on conflict (month) do update set computed_at = excluded.computed_at, scheme = excluded.scheme`,
  );
}

/** A draft bulletin of the target org, made for each case. */
async function draftAt(env: MakeContext['env'], orgId: number): Promise<string> {
  await computedMonth(env);
  const rows = await query<{ id: string }>(
    env,
    `insert into assessment_bulletins (month, org_id, title, department, year, blocks, facts)
     values ('2026-06', $1, '关于2026年6月份智慧党建工作情况的通报', '中共测试区委组织部', 2026, '[]', $2)
     returning id`,
    [orgId, JSON.stringify(EMPTY_FACTS)],
  );
  return String(rows[0].id);
}

const onDraft = (
  action: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  tail = '',
  payload?: object,
): RouteCase => ({
  action,
  make: async ({ env, target }) => ({
    method,
    url: `/api/v1/assessment/bulletins/${await draftAt(env, target)}${tail}`,
    ...(payload ? { payload } : {}),
  }),
});

/** Authorization-matrix cases for the bulletins (platform/access/matrix.test.ts). */
export const bulletinMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/assessment/bulletins': {
      action: 'assessment.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/assessment/bulletins?orgId=${target}` }),
    },
    'POST /api/v1/assessment/bulletins': {
      action: 'assessment.manage',
      make: async ({ env, target }) => {
        await computedMonth(env);
        return {
          method: 'POST',
          url: '/api/v1/assessment/bulletins',
          payload: { month: '2026-06', orgId: String(target) },
        };
      },
    },
    'GET /api/v1/assessment/bulletins/:id': onDraft('assessment.view', 'GET'),
    'GET /api/v1/assessment/bulletins/:id/docx': onDraft('assessment.view', 'GET', '/docx'),
    'GET /api/v1/assessment/bulletins/:id/xlsx': onDraft('assessment.view', 'GET', '/xlsx'),
    'PATCH /api/v1/assessment/bulletins/:id': onDraft('assessment.manage', 'PATCH', '', {
      blocks: [{ key: 'next', text: '按时召开三会一课。' }],
    }),
    'POST /api/v1/assessment/bulletins/:id/refresh': onDraft('assessment.manage', 'POST', '/refresh'),
    'POST /api/v1/assessment/bulletins/:id/issue': onDraft('assessment.manage', 'POST', '/issue'),
    'DELETE /api/v1/assessment/bulletins/:id': onDraft('assessment.manage', 'DELETE'),
  },
};
