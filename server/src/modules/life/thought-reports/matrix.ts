import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases } from '../../../../test/matrix.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';

/** Authorization-matrix cases for 思想汇报 (platform/access/matrix.test.ts). */

/** A probationary member of `target` whose login is the caller's: what /me hands in as. */
async function ownWriter({ env, target, self }: MakeContext) {
  const m = await makeMember(env, target, { status: 'probationary' });
  if (self.userId) {
    await query(env, 'update members set user_id = null where user_id = $1', [self.userId]);
    await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
  }
  return m;
}

let seq = 0;
/** A pending report (with a stored attachment) of a probationer of `orgId`, in a period of its own. */
export async function pendingReport(env: TestEnv, orgId: number, submittedBy: number | null = null) {
  const m = await makeMember(env, orgId, { status: 'probationary' });
  const key = newFileKey('thought-reports', 'pdf');
  await fileStore(env.config).put(key, Buffer.from('%PDF-1.4\n%矩阵\n'));
  const [{ path }] = await query<{ path: string }>(env, 'select path from orgs where id = $1', [m.branchId]);
  seq += 1;
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into thought_reports (member_id, member_name, stage, org_id, org_path, period, title, body,
                                  attachment_key, attachment_name, attachment_type, attachment_size, submitted_at, submitted_by)
     values ($1, '矩阵党员', 'probationary', $2, $3, $4, '矩阵汇报', '矩阵测试', $5, '汇报.pdf', 'application/pdf', 14, now(), $6)
     returning id`,
    [
      m.id,
      m.branchId,
      path,
      `20${String(10 + (seq % 80)).padStart(2, '0')}-Q${(seq % 4) + 1}`,
      key,
      submittedBy,
    ],
  );
  return { id, memberId: m.id, branchId: m.branchId };
}

export const thoughtReportMatrix: MatrixCases = {
  routes: {
    'POST /api/v1/me/thought-reports': {
      action: 'thought_report.write',
      untargeted: true,
      make: async (c) => {
        await ownWriter(c);
        return {
          method: 'POST',
          url: '/api/v1/me/thought-reports',
          payload: { body: '矩阵测试：本季度思想汇报' },
        };
      },
    },
    'GET /api/v1/me/thought-reports': {
      action: 'thought_report.write',
      untargeted: true,
      make: async (c) => {
        await ownWriter(c);
        return { method: 'GET', url: '/api/v1/me/thought-reports' };
      },
    },
    'GET /api/v1/me/thought-reports/:id/attachment': {
      action: 'thought_report.write',
      untargeted: true,
      make: async (c) => {
        const m = await ownWriter(c);
        const r = await pendingReport(c.env, c.target);
        await query(c.env, 'update thought_reports set member_id = $1 where id = $2', [m.id, r.id]);
        return { method: 'GET', url: `/api/v1/me/thought-reports/${r.id}/attachment` };
      },
    },
    'GET /api/v1/thought-reports': {
      action: 'thought_report.review',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/thought-reports?orgId=${target}` }),
    },
    'GET /api/v1/thought-reports/due': {
      action: 'thought_report.review',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/thought-reports/due?orgId=${target}` }),
    },
    'GET /api/v1/thought-reports/monthly': {
      action: 'thought_report.review',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/thought-reports/monthly?orgId=${target}` }),
    },
    'GET /api/v1/thought-reports/frequency': {
      action: 'thought_report.review',
      make: async ({ target }) => ({
        method: 'GET',
        url: `/api/v1/thought-reports/frequency?orgId=${target}`,
      }),
    },
    'PUT /api/v1/thought-reports/frequency': {
      action: 'thought_report.review',
      make: async ({ target }) => ({
        method: 'PUT',
        url: '/api/v1/thought-reports/frequency',
        payload: { orgId: String(target), frequency: 'monthly' },
      }),
    },
    'GET /api/v1/thought-reports/:id': {
      action: 'thought_report.review',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/thought-reports/${(await pendingReport(env, target)).id}`,
      }),
    },
    'GET /api/v1/thought-reports/:id/attachment': {
      action: 'thought_report.review',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/thought-reports/${(await pendingReport(env, target)).id}/attachment`,
      }),
    },
    'POST /api/v1/thought-reports/:id/review': {
      action: 'thought_report.review',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/thought-reports/${(await pendingReport(env, target)).id}/review`,
        payload: { comment: '矩阵测试：已阅' },
      }),
    },
  },

  probes: {
    'GET /api/v1/me/thought-reports/:id/attachment': [
      {
        // a member reads the attachments of their own reports only, not a branch-mate's
        title: "a member of branch 1 downloads another member's report attachment",
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, self, places }) => {
          await ownWriter({ env, self, places, target: places.branch1 });
          const r = await pendingReport(env, places.branch1);
          return { method: 'GET', url: `/api/v1/me/thought-reports/${r.id}/attachment` };
        },
        expect: { refused: 404 },
      },
    ],
    'POST /api/v1/thought-reports/:id/review': [
      {
        // a secretary who is also a writer (a probationer elected to the committee) cannot review their own
        title: 'a secretary reviews a report they handed in themself',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, self, places }) => {
          const r = await pendingReport(env, places.branch1, self.userId);
          return {
            method: 'POST',
            url: `/api/v1/thought-reports/${r.id}/review`,
            payload: { comment: '自己审阅自己' },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'a secretary of branch 1 who is also a member in branch 2 reviews a report of branch 2',
        as: [
          { role: 'secretary', on: 'branch1' },
          { role: 'member', on: 'branch2' },
        ],
        make: async ({ env, places }) => {
          const r = await pendingReport(env, places.branch2);
          return {
            method: 'POST',
            url: `/api/v1/thought-reports/${r.id}/review`,
            payload: { comment: '越权审阅' },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'PUT /api/v1/thought-reports/frequency': [
      {
        title: 'a secretary of branch 1 sets the frequency of town 1 (the org above their branch)',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ places }) => ({
          method: 'PUT',
          url: '/api/v1/thought-reports/frequency',
          payload: { orgId: String(places.town1), frequency: 'monthly' },
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
