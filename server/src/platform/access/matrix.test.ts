import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../contracts/auth.ts';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { makeIdCard } from '../../modules/members/id-card.ts';
import { login, orgId, query, type Session, testEnv } from '../../../test/harness.ts';
import { policyFor } from './index.ts';

/**
 * The authorization matrix: every API route × every role × a target inside and outside the
 * role's subtree. A route that is registered without an entry here fails the first test, so no
 * route can ship without someone deciding who may call it.
 */
const env = await testEnv({ loginRateLimitPerMinute: 100_000 });
afterAll(() => env.close());

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

type Req = { method: string; url: string; payload?: unknown };
type Maker = (target: number, self: { userId: number }) => Promise<Req>;

/** Routes that list the caller's own scope and take no target: "outside" does not apply. */
const UNTARGETED = new Set(['GET /api/v1/orgs/roots']);

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
};

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
              headers: session.headers,
            });
            if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
            else expect(res.statusCode, res.body).toBe(403);
          });
        }
      }
    });
  }
});
