import { expect } from 'vitest';
import { makeUser } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases, MatrixResponse } from '../../../../test/matrix.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { branchIn } from '../record/matrix.ts';
import { importWorkbook, multipartBody, sampleRow } from './test-workbooks.ts';

/** Authorization-matrix cases for member import and export (platform/access/matrix.test.ts). */

/** An import into `orgId` as the job leaves it: done, or failed with its error workbook stored. */
async function finishedImport(env: TestEnv, orgId: number, userId: number, failed: boolean) {
  const key = newFileKey('member-imports', 'xlsx');
  await fileStore(env.config).put(key, await importWorkbook([]));
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into member_imports (org_id, created_by, file_name, file_path, status, error_file_path)
     values ($1, $2, '矩阵.xlsx', $3, $4, $5) returning id`,
    [orgId, userId, key, failed ? 'failed' : 'done', failed ? key : null],
  );
  return id;
}

/** An update import of `userId` into `orgId`, waiting for its confirmation after a preview of one change. */
async function previewedImport(env: TestEnv, orgId: number, userId: number) {
  const key = newFileKey('member-imports', 'xlsx');
  // an empty workbook: a confirmed run finds nothing to write and fails, writing no member
  await fileStore(env.config).put(key, await importWorkbook([]));
  const preview = {
    notes: [],
    noteCount: 0,
    unchanged: 0,
    rows: [
      {
        row: 2,
        memberId: 1,
        version: 1,
        name: '矩阵党员',
        orgName: '矩阵',
        changes: { workUnit: ['甲', '乙'] },
      },
    ],
  };
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into member_imports (org_id, created_by, file_name, file_path, status, mode, updated_count, preview)
     values ($1, $2, '矩阵.xlsx', $3, 'previewed', 'update', 1, $4) returning id`,
    [orgId, userId, key, JSON.stringify(preview)],
  );
  return id;
}

/** Waits for the queued import a 202 answer names to finish; its status. */
async function importFinished(env: TestEnv, res: MatrixResponse) {
  if (res.statusCode !== 202) return null;
  const id = Number(res.json().id);
  for (let i = 0; i < 600; i++) {
    const [row] = await query<{ status: string }>(env, 'select status from member_imports where id = $1', [
      id,
    ]);
    if (row.status === 'done' || row.status === 'failed' || row.status === 'cancelled') return row.status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

const codeOf = async (env: TestEnv, orgId: number) =>
  (await query<{ code: string }>(env, 'select code from orgs where id = $1', [orgId]))[0].code;

const membersUnder = async (env: TestEnv, orgId: number) =>
  Number(
    (
      await query<{ n: string }>(
        env,
        "select count(*) as n from members m join orgs o on o.id = m.org_id where o.path like (select path from orgs where id = $1) || '%'",
        [orgId],
      )
    )[0].n,
  );

let before = { town1: 0, town2: 0 };

export const excelMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/members/import-template': {
      action: 'member.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/members/import-template?orgId=${target}` }),
    },
    'POST /api/v1/members/imports': {
      action: 'member.manage',
      make: async ({ env, target }) => {
        const file = await importWorkbook([sampleRow(await codeOf(env, await branchIn(env, target)))]);
        const form = await multipartBody({ orgId: String(target) }, [{ name: '矩阵.xlsx', body: file }]);
        return { method: 'POST', url: '/api/v1/members/imports', ...form };
      },
      // the job writes the members later: wait, so the next refusal's write check is its own
      settle: async ({ env }, res) => {
        await importFinished(env, res);
      },
    },
    'GET /api/v1/members/imports': {
      action: 'member.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/members/imports?orgId=${target}` }),
    },
    'GET /api/v1/members/imports/:id/preview': {
      action: 'member.manage',
      make: async ({ env, target, self }) => ({
        method: 'GET',
        url: `/api/v1/members/imports/${await previewedImport(env, target, self.userId)}/preview`,
      }),
    },
    'POST /api/v1/members/imports/:id/confirm': {
      action: 'member.manage',
      make: async ({ env, target, self }) => ({
        method: 'POST',
        url: `/api/v1/members/imports/${await previewedImport(env, target, self.userId)}/confirm`,
      }),
      // the job runs the confirmed import (and refuses the empty file): wait for it
      settle: async ({ env }, res) => {
        await importFinished(env, res);
      },
    },
    'POST /api/v1/members/imports/:id/cancel': {
      action: 'member.manage',
      make: async ({ env, target, self }) => ({
        method: 'POST',
        url: `/api/v1/members/imports/${await previewedImport(env, target, self.userId)}/cancel`,
      }),
    },
    'GET /api/v1/members/imports/:id': {
      action: 'member.manage',
      make: async ({ env, target, self }) => ({
        method: 'GET',
        url: `/api/v1/members/imports/${await finishedImport(env, target, self.userId, false)}`,
      }),
    },
    'GET /api/v1/members/imports/:id/errors': {
      action: 'member.manage',
      make: async ({ env, target, self }) => ({
        method: 'GET',
        url: `/api/v1/members/imports/${await finishedImport(env, target, self.userId, true)}/errors`,
      }),
    },
    // a name prefix no one has: the scope check is the point, not the rows
    'GET /api/v1/members/export': {
      action: 'member.view',
      make: async ({ target }) => ({
        method: 'GET',
        url: `/api/v1/members/export?orgId=${target}&q=${encodeURIComponent('矩阵导出')}`,
      }),
    },
  },

  probes: {
    'POST /api/v1/members/imports/:id/confirm': [
      {
        // the job writes with the rights of the one who started the import: only they decide it
        title: 'a town-1 admin confirms an update import that another town-1 admin started',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const other = await makeUser(env, { orgId: places.town1, role: 'org_admin' });
          return {
            method: 'POST',
            url: `/api/v1/members/imports/${await previewedImport(env, places.town1, other.id)}/confirm`,
          };
        },
        expect: { refused: 403 },
      },
    ],
    'GET /api/v1/members/imports/:id/errors': [
      {
        // the error workbook repeats the file's cells: its uploader or a full-view holder only (issue 11, item 7)
        title:
          'a town-1 branch secretary downloads the error workbook of an import someone else started in the branch',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => {
          const uploader = await makeUser(env, { orgId: places.town1, role: 'org_admin' });
          return {
            method: 'GET',
            url: `/api/v1/members/imports/${await finishedImport(env, places.branch1, uploader.id, true)}/errors`,
          };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/members/imports': [
      {
        // the upload is accepted (the rows are read by the job); the job must refuse the whole file
        title: 'a town-1 admin imports into town 1 a workbook whose second row names a town-2 branch',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          before = {
            town1: await membersUnder(env, places.town1),
            town2: await membersUnder(env, places.town2),
          };
          const file = await importWorkbook([
            sampleRow(await codeOf(env, places.branch1)),
            sampleRow(await codeOf(env, places.branch2)),
          ]);
          const form = await multipartBody({ orgId: String(places.town1) }, [
            { name: '矩阵.xlsx', body: file },
          ]);
          return { method: 'POST', url: '/api/v1/members/imports', ...form };
        },
        expect: { status: 202 },
        check: async ({ env, places }, res) => {
          expect(await importFinished(env, res)).toBe('failed');
          expect({
            town1: await membersUnder(env, places.town1),
            town2: await membersUnder(env, places.town2),
          }).toEqual(before);
        },
      },
    ],
  },
};
