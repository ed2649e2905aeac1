import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../contracts/auth.ts';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { makeIdCard } from '../../modules/members/id-card.ts';
import { importWorkbook, multipartBody, sampleRow } from '../../modules/members/excel/test-workbooks.ts';
import { fileStore, newFileKey } from '../files/index.ts';
import { login, orgId, query, type Session, testEnv } from '../../../test/harness.ts';
import { policyFor } from './index.ts';

/**
 * The authorization matrix: every API route × every role × a target inside and outside the
 * role's subtree. A route that is registered without an entry here fails the first test, so no
 * route can ship without someone deciding who may call it.
 */
// with jobs: an accepted import is queued for the worker; its files go to a throw-away folder
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-matrix-'));
const env = await testEnv({ loginRateLimitPerMinute: 100_000, dataDir }, { withJobs: true });
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const root = await orgId(env, '中共青山区委员会');
const town1 = await orgId(env, '中共青山区清河镇委员会');
const town2 = await orgId(env, '中共青山区石桥镇委员会');
const [{ id: villageBranch }] = (
  await env.database.pool.query<{ id: number }>(
    "select id from orgs where path like (select path from orgs where id = $1) || '%' and kind = 'branch' and name like '%村%' order by id limit 1",
    [town1],
  )
).rows;

/** Where each role is granted for the matrix, and so what "inside" means for it. */
const GRANTED_ON: Record<Role, number> = {
  dept_admin: root,
  org_admin: town1,
  secretary: villageBranch,
  member: villageBranch,
  station_manager: villageBranch,
};

type Req = { method: string; url: string; payload?: unknown; headers?: Record<string, string> };
type Maker = (target: number, self: { userId: number }) => Promise<Req>;

/** Routes that list the caller's own scope and take no target: "outside" does not apply. */
const UNTARGETED = new Set([
  'GET /api/v1/transfers/destinations',
  'GET /api/v1/orgs/roots',
  'GET /api/v1/me/member',
  'POST /api/v1/me/corrections',
  'GET /api/v1/me/corrections',
]);

/** For each route, a valid request against an org (or an account in an org) under `target`. */
const MAKERS: Record<string, Maker> = {
  'POST /api/v1/auth/login': async () => ({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'member', password: 'Hongyun@2026' },
  }),
  'POST /api/v1/auth/logout': async () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
  'GET /api/v1/auth/me': async () => ({ method: 'GET', url: '/api/v1/auth/me' }),
  'POST /api/v1/auth/password': async () => ({
    method: 'POST',
    url: '/api/v1/auth/password',
    payload: { currentPassword: 'Hongyun@2026', newPassword: 'Another#Pass9' },
  }),
  'GET /api/v1/auth/sessions': async () => ({ method: 'GET', url: '/api/v1/auth/sessions' }),
  'DELETE /api/v1/auth/sessions/:id': async (_t, self) => {
    const [{ id }] = (
      await env.database.pool.query('select max(id) as id from sessions where user_id = $1', [self.userId])
    ).rows;
    return { method: 'DELETE', url: `/api/v1/auth/sessions/${id}` };
  },
  'GET /api/v1/orgs/roots': async () => ({ method: 'GET', url: '/api/v1/orgs/roots' }),
  'GET /api/v1/orgs': async (t) => ({ method: 'GET', url: `/api/v1/orgs?under=${t}&q=党` }),
  'GET /api/v1/orgs/:id': async (t) => ({ method: 'GET', url: `/api/v1/orgs/${t}` }),
  'GET /api/v1/orgs/:id/children': async (t) => ({ method: 'GET', url: `/api/v1/orgs/${t}/children` }),
  'GET /api/v1/orgs/:id/stats': async (t) => ({ method: 'GET', url: `/api/v1/orgs/${t}/stats` }),
  'POST /api/v1/orgs': async (t) => {
    const probe = await makeOrg(env, t);
    await env.database.pool.query('delete from orgs where id = $1', [probe.id]);
    return {
      method: 'POST',
      url: '/api/v1/orgs',
      payload: { parentId: String(t), name: '矩阵测试党组织', code: `M-${probe.id}`, kind: probe.kind },
    };
  },
  'PATCH /api/v1/orgs/:id': async (t) => ({
    method: 'PATCH',
    url: `/api/v1/orgs/${(await makeOrg(env, t)).id}`,
    payload: { name: '改名后' },
  }),
  'POST /api/v1/orgs/:id/move': async (t) => {
    const from = await makeOrg(env, t);
    const to = await makeOrg(env, t);
    const moved = await makeOrg(env, from.id);
    return { method: 'POST', url: `/api/v1/orgs/${moved.id}/move`, payload: { parentId: String(to.id) } };
  },
  'POST /api/v1/orgs/:id/reorder': async (t) => {
    const p = await makeOrg(env, t);
    const a = await makeOrg(env, p.id);
    const b = await makeOrg(env, p.id);
    return {
      method: 'POST',
      url: `/api/v1/orgs/${p.id}/reorder`,
      payload: { childIds: [String(b.id), String(a.id)] },
    };
  },
  'DELETE /api/v1/orgs/:id': async (t) => ({
    method: 'DELETE',
    url: `/api/v1/orgs/${(await makeOrg(env, t)).id}`,
  }),
  'GET /api/v1/users': async (t) => ({ method: 'GET', url: `/api/v1/users?orgId=${t}` }),
  'GET /api/v1/users/:id': async (t) => ({
    method: 'GET',
    url: `/api/v1/users/${(await makeUser(env, { orgId: t })).id}`,
  }),
  'POST /api/v1/users': async (t) => ({
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      username: `m${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      displayName: '矩阵',
      orgId: String(t),
      password: 'Matrix#2026a',
    },
  }),
  'PATCH /api/v1/users/:id': async (t) => ({
    method: 'PATCH',
    url: `/api/v1/users/${(await makeUser(env, { orgId: t })).id}`,
    payload: { displayName: '新名字' },
  }),
  'POST /api/v1/users/:id/reset-password': async (t) => ({
    method: 'POST',
    url: `/api/v1/users/${(await makeUser(env, { orgId: t })).id}/reset-password`,
    payload: { password: 'Reset#2026abc' },
  }),
  'POST /api/v1/users/:id/unlock': async (t) => ({
    method: 'POST',
    url: `/api/v1/users/${(await makeUser(env, { orgId: t })).id}/unlock`,
  }),
  'POST /api/v1/users/:id/grants': async (t) => ({
    method: 'POST',
    url: `/api/v1/users/${(await makeUser(env, { orgId: t })).id}/grants`,
    payload: { role: 'member', orgId: String(t) },
  }),
  'DELETE /api/v1/users/:id/grants/:grantId': async (t) => {
    const u = await makeUser(env, { orgId: t, role: 'member' });
    const [{ id }] = (await env.database.pool.query('select id from role_grants where user_id = $1', [u.id]))
      .rows;
    return { method: 'DELETE', url: `/api/v1/users/${u.id}/grants/${id}` };
  },
  'GET /api/v1/audit': async (t) => ({ method: 'GET', url: `/api/v1/audit?orgId=${t}` }),
  'GET /api/v1/transfers/destinations': async () => ({
    method: 'GET',
    url: `/api/v1/transfers/destinations?q=${encodeURIComponent('党支部')}`,
  }),
  'GET /api/v1/members/:id/photo': async (t) => {
    const m = await makeMember(env, t);
    await query(env, "update members set photo = 'demo' where id = $1", [m.id]);
    return { method: 'GET', url: `/api/v1/members/${m.id}/photo` };
  },
  'POST /api/v1/members/:id/photo': async (t) => {
    const boundary = 'hyphoto';
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return {
      method: 'POST',
      url: `/api/v1/members/${(await makeMember(env, t)).id}/photo`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  },
  'GET /api/v1/members': async (t) => ({ method: 'GET', url: `/api/v1/members?orgId=${t}` }),
  'GET /api/v1/members/:id': async (t) => ({
    method: 'GET',
    url: `/api/v1/members/${(await makeMember(env, t)).id}`,
  }),
  'GET /api/v1/members/:id/history': async (t) => ({
    method: 'GET',
    url: `/api/v1/members/${(await makeMember(env, t)).id}/history`,
  }),
  'POST /api/v1/members/:id/reveal': async (t) => ({
    method: 'POST',
    url: `/api/v1/members/${(await makeMember(env, t)).id}/reveal`,
  }),
  'POST /api/v1/members': async (t) => {
    const branch =
      (await query<{ kind: string }>(env, 'select kind from orgs where id = $1', [t]))[0].kind === 'branch'
        ? t
        : (await makeOrg(env, t, 'branch')).id;
    return { method: 'POST', url: '/api/v1/members', payload: newMemberPayload(branch) };
  },
  'PATCH /api/v1/members/:id': async (t) => ({
    method: 'PATCH',
    url: `/api/v1/members/${(await makeMember(env, t)).id}`,
    payload: { workUnit: '新单位' },
  }),
  'GET /api/v1/members/import-template': async (t) => ({
    method: 'GET',
    url: `/api/v1/members/import-template?orgId=${t}`,
  }),
  'POST /api/v1/members/imports': async (t) => {
    const [{ code }] = await query<{ code: string }>(env, 'select code from orgs where id = $1', [
      await branchIn(t),
    ]);
    const file = await importWorkbook([sampleRow(code)]);
    const form = await multipartBody({ orgId: String(t) }, [{ name: '矩阵.xlsx', body: file }]);
    return { method: 'POST', url: '/api/v1/members/imports', ...form };
  },
  'GET /api/v1/members/imports/:id': async (t, self) => ({
    method: 'GET',
    url: `/api/v1/members/imports/${await finishedImport(t, self.userId, false)}`,
  }),
  'GET /api/v1/members/imports/:id/errors': async (t, self) => ({
    method: 'GET',
    url: `/api/v1/members/imports/${await finishedImport(t, self.userId, true)}/errors`,
  }),
  // a name prefix no one has: the scope check is the point, not the rows
  'GET /api/v1/members/export': async (t) => ({
    method: 'GET',
    url: `/api/v1/members/export?orgId=${t}&q=${encodeURIComponent('矩阵导出')}`,
  }),
  'GET /api/v1/transfers': async (t) => ({ method: 'GET', url: `/api/v1/transfers?side=in&orgId=${t}` }),
  'GET /api/v1/transfers/monthly': async (t) => ({
    method: 'GET',
    url: `/api/v1/transfers/monthly?orgId=${t}`,
  }),
  'POST /api/v1/transfers': async (t) => ({
    method: 'POST',
    url: '/api/v1/transfers',
    payload: {
      memberId: String((await makeMember(env, t)).id),
      kind: 'outgoing',
      toOrgName: '外省某党支部',
      letterNo: nextLetterNo(),
      duesPaidUntil: '2026-10',
      reason: '矩阵测试',
    },
  }),
  'POST /api/v1/transfers/incoming': async (t) => ({
    method: 'POST',
    url: '/api/v1/transfers/incoming',
    payload: {
      ...newMemberPayload(await branchIn(t)),
      fromOrgName: '外省某党委',
      letterNo: nextLetterNo(),
      duesPaidUntil: '2026-10',
      reason: '矩阵测试',
    },
  }),
  // the receiving side accepts and returns; the sending side cancels
  'POST /api/v1/transfers/:id/accept': async (t) => ({
    method: 'POST',
    url: `/api/v1/transfers/${await pendingTransfer('to', t)}/accept`,
  }),
  'POST /api/v1/transfers/:id/return': async (t) => ({
    method: 'POST',
    url: `/api/v1/transfers/${await pendingTransfer('to', t)}/return`,
    payload: { reason: '矩阵测试' },
  }),
  'POST /api/v1/transfers/:id/cancel': async (t) => ({
    method: 'POST',
    url: `/api/v1/transfers/${await pendingTransfer('from', t)}/cancel`,
    payload: {},
  }),
  'GET /api/v1/pipeline/due': async (t) => ({ method: 'GET', url: `/api/v1/pipeline/due?orgId=${t}` }),
  'PATCH /api/v1/members/:id/pipeline': async (t) => ({
    method: 'PATCH',
    url: `/api/v1/members/${(await makeMember(env, t, { status: 'applicant' })).id}/pipeline`,
    payload: { appliedOn: '2024-03-01' },
  }),
  'POST /api/v1/members/:id/advance': async (t) => {
    const m = await makeMember(env, t, { status: 'applicant' });
    await query(env, "update members set applied_on = '2024-03-01', talked_on = '2024-03-10' where id = $1", [
      m.id,
    ]);
    return {
      method: 'POST',
      url: `/api/v1/members/${m.id}/advance`,
      payload: { to: 'activist', on: '2024-04-01' },
    };
  },
  'GET /api/v1/dues/standard-table': async () => ({ method: 'GET', url: '/api/v1/dues/standard-table' }),
  'POST /api/v1/dues/payments': async (t) => ({
    method: 'POST',
    url: '/api/v1/dues/payments',
    payload: {
      payments: [{ memberId: String((await validMember(t)).id), month: '2025-01', amountFen: 100 }],
    },
  }),
  'GET /api/v1/dues/arrears': async (t) => ({
    method: 'GET',
    url: `/api/v1/dues/arrears?orgId=${await branchIn(t)}`,
  }),
  'GET /api/v1/members/quality': async (t) => ({ method: 'GET', url: `/api/v1/members/quality?orgId=${t}` }),
  'POST /api/v1/members/cards/issue': async (t) => {
    const m = await validMember(t);
    return { method: 'POST', url: '/api/v1/members/cards/issue', payload: { orgId: String(m.branchId) } };
  },
  'POST /api/v1/members/:id/card/reset': async (t) => ({
    method: 'POST',
    url: `/api/v1/members/${await memberWithCard(t)}/card/reset`,
  }),
  // a member's own record: linked to the caller, wherever it is
  'GET /api/v1/me/member': async (t, self) => {
    await ownMember(t, self.userId);
    return { method: 'GET', url: '/api/v1/me/member' };
  },
  'POST /api/v1/me/corrections': async (t, self) => {
    await ownMember(t, self.userId);
    return {
      method: 'POST',
      url: '/api/v1/me/corrections',
      payload: { field: 'workUnit', value: '矩阵单位', reason: '矩阵测试' },
    };
  },
  'GET /api/v1/me/corrections': async (t, self) => {
    await ownMember(t, self.userId);
    return { method: 'GET', url: '/api/v1/me/corrections' };
  },
  'GET /api/v1/corrections': async (t) => ({ method: 'GET', url: `/api/v1/corrections?orgId=${t}` }),
  'POST /api/v1/corrections/:id/approve': async (t) => ({
    method: 'POST',
    url: `/api/v1/corrections/${await pendingCorrection(t)}/approve`,
  }),
  'POST /api/v1/corrections/:id/reject': async (t) => ({
    method: 'POST',
    url: `/api/v1/corrections/${await pendingCorrection(t)}/reject`,
    payload: { reason: '矩阵测试' },
  }),
};

/** A member whose record passes the record checks whole (approving a correction re-checks it). */
async function validMember(t: number) {
  const m = await makeMember(env, t);
  await query(
    env,
    "update members set joined_on = birth_date + interval '20 years', full_on = birth_date + interval '21 years' where id = $1",
    [m.id],
  );
  return m;
}

async function ownMember(t: number, userId: number) {
  const m = await validMember(t);
  if (userId) await query(env, 'update members set user_id = $1 where id = $2', [userId, m.id]);
  return m;
}

let cardSeq = 0;
async function memberWithCard(t: number) {
  const m = await validMember(t);
  const u = await makeUser(env, { orgId: m.branchId, role: 'member' });
  const cardNo = `9${String(process.pid % 1_000_000).padStart(6, '0')}${String(++cardSeq).padStart(5, '0')}`;
  await query(env, "update users set study_card_no = $2, card_password_hash = 'x' where id = $1", [
    u.id,
    cardNo,
  ]);
  await query(env, 'update members set user_id = $1, study_card_no = $2 where id = $3', [u.id, cardNo, m.id]);
  return m.id;
}

async function pendingCorrection(t: number) {
  const m = await validMember(t);
  const [{ id }] = await query<{ id: number }>(
    env,
    "insert into corrections (member_id, field, value, reason) values ($1, 'workUnit', '矩阵单位', '矩阵测试') returning id",
    [m.id],
  );
  return id;
}

async function branchIn(t: number) {
  const [{ kind }] = await query<{ kind: string }>(env, 'select kind from orgs where id = $1', [t]);
  return kind === 'branch' ? t : (await makeOrg(env, t, 'branch')).id;
}

let letterSeq = 0;
const nextLetterNo = () => `矩阵转〔${process.pid}〕${++letterSeq}号`;

/** A pending internal transfer whose receiving ('to') or sending ('from') branch lies under `t`. */
async function pendingTransfer(side: 'to' | 'from', t: number) {
  const here = await branchIn(t);
  const elsewhere = (await makeOrg(env, root, 'branch')).id;
  const [from, to] = side === 'from' ? [here, elsewhere] : [elsewhere, here];
  const m = await makeMember(env, from);
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into transfers (kind, member_id, from_org_id, from_org_name, to_org_id, to_org_name, letter_no,
                            issued_on, valid_until, dues_paid_until, reason)
     values ('internal', $1, $2, '矩阵转出党支部', $3, '矩阵转入党支部', $4, current_date, current_date + 90, '2026-10', '矩阵测试')
     returning id`,
    [m.id, from, to, nextLetterNo()],
  );
  return id;
}

/** An import into `t` as the job leaves it: done, or failed with its error workbook stored. */
async function finishedImport(t: number, userId: number, failed: boolean) {
  const key = newFileKey('member-imports', 'xlsx');
  await fileStore(env.config).put(key, await importWorkbook([]));
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into member_imports (org_id, created_by, file_name, file_path, status, error_file_path)
     values ($1, $2, '矩阵.xlsx', $3, $4, $5) returning id`,
    [t, userId, key, failed ? 'failed' : 'done', failed ? key : null],
  );
  return id;
}

let payloadSeq = 0;
function newMemberPayload(orgId: number) {
  payloadSeq += 2;
  const birthDate = `1985-03-0${(payloadSeq % 9) + 1}`;
  return {
    name: '矩阵党员',
    gender: 'female',
    ethnicity: '汉族',
    idNumber: makeIdCard('120101', birthDate, (payloadSeq * 13) % 998, 'female'),
    birthDate,
    education: '大学本科',
    status: 'full',
    joinedOn: '2010-07-01',
    fullOn: '2011-07-01',
    orgId: String(orgId),
  };
}

describe('authorization matrix', () => {
  it('every registered API route has a matrix entry (add one when you add a route)', () => {
    const registered = env.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered.filter((k) => !MAKERS[k])).toEqual([]);
    expect(Object.keys(MAKERS).filter((k) => !registered.includes(k))).toEqual([]);
  });

  const roles = Object.keys(GRANTED_ON) as Role[];
  for (const route of env.routes) {
    const key = `${route.method} ${route.url}`;
    describe(key, () => {
      it('anonymous: refused with 401 unless public', async () => {
        const req = await MAKERS[key](town1, { userId: 0 });
        const res = await env.app.inject({
          ...(req as object),
          method: req.method as 'GET',
          url: req.url,
          payload: req.payload as object,
        });
        if (route.access === 'public') expect([401, 403]).not.toContain(res.statusCode);
        else expect(res.statusCode).toBe(401);
      });
      for (const role of roles) {
        for (const where of role === 'dept_admin'
          ? (['inside'] as const)
          : (['inside', 'outside'] as const)) {
          const allowed =
            route.access === 'public' ||
            route.access === 'authenticated' ||
            (policyFor(route.access).roles.includes(role) && (where === 'inside' || UNTARGETED.has(key)));
          it(`${role} ${where} its subtree: ${allowed ? 'allowed' : 'refused with 403'}`, async () => {
            const user = await makeUser(env, { orgId: GRANTED_ON[role], role });
            const session: Session = await login(env, user.username);
            const target = where === 'inside' ? GRANTED_ON[role] : town2;
            const req = await MAKERS[key](target, { userId: user.id });
            const res = await env.app.inject({
              method: req.method as 'GET',
              url: req.url,
              payload: req.payload as object,
              headers: { ...req.headers, ...session.headers },
            });
            if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
            else expect(res.statusCode, res.body).toBe(403);
          });
        }
      }
    });
  }
});
