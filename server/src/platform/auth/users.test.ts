import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { bind } from '../pii/index.ts';

let env: TestEnv;
let town: Session;
let admin: Session;
let root: number;
let town1: number;
let town2: number;
beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  admin = await login(env, 'admin');
  root = await orgId(env, '中共青山区委员会');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

describe('accounts and role grants', () => {
  it('creates an account with a role in the town; the phone is encrypted at rest and masked when shown', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const res = await api(town, 'POST', '/users', {
      username: 'zhangsan',
      displayName: '张三',
      phone: '13912345678',
      orgId: String(branch.id),
      password: 'Start#2026ab',
      grants: [{ role: 'secretary', orgId: String(branch.id) }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ phone: '139****5678', grants: [{ role: 'secretary' }] });
    const [row] = await query<{ id: number; phone_enc: string }>(
      env,
      "select id, phone_enc from users where username = 'zhangsan'",
    );
    expect(row.phone_enc).not.toContain('13912345678');
    expect(env.pii.decrypt(row.phone_enc, bind('users', 'phone', row.id))).toBe('13912345678');
    const found = (await api(town, 'GET', '/users?q=13912345678')).json();
    expect(found.items.map((u: { username: string }) => u.username)).toEqual(['zhangsan']);
    const [audit] = await query<{ after: { phone: string } }>(
      env,
      "select after from audit_log where action = 'user.created' order by id desc limit 1",
    );
    expect(audit.after.phone).toBe('139****5678');
    // the new owner must choose their own password
    const s = await login(env, 'zhangsan', 'Start#2026ab');
    expect((await api(s, 'GET', '/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('refuses bad input naming the field: weak password, bad phone, taken username', async () => {
    const bad = await api(town, 'POST', '/users', {
      username: '1x',
      displayName: '',
      phone: '123',
      orgId: String(town1),
      password: 'short',
    });
    expect(bad.statusCode).toBe(400);
    const paths = [...new Set(bad.json().error.details.map((d: { path: string }) => d.path))].sort();
    expect(paths).toEqual(['displayName', 'password', 'phone', 'username']);
    const taken = await api(town, 'POST', '/users', {
      username: 'ADMIN',
      displayName: '重名',
      orgId: String(town1),
      password: 'Start#2026ab',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0].path).toBe('username');
  });

  it('a town admin cannot create accounts in another town, nor grant the department-admin role', async () => {
    expect(
      (
        await api(town, 'POST', '/users', {
          username: 'outsider',
          displayName: '外',
          orgId: String(town2),
          password: 'Start#2026ab',
        })
      ).statusCode,
    ).toBe(403);
    const u = await makeUser(env, { orgId: town1 });
    const res = await api(town, 'POST', `/users/${u.id}/grants`, {
      role: 'dept_admin',
      orgId: String(town1),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('只有组织部管理员');
    expect(await query(env, 'select 1 from role_grants where user_id = $1', [u.id])).toHaveLength(0);
  });

  it('a town admin cannot reset the password of an account that holds a role above the town', async () => {
    const boss = await makeUser(env, { orgId: town1, role: 'dept_admin', grantOrgId: root });
    const res = await api(town, 'POST', `/users/${boss.id}/reset-password`, { password: 'Taken#Over99' });
    expect(res.statusCode).toBe(403);
    expect(
      (await api(admin, 'POST', `/users/${boss.id}/reset-password`, { password: 'Reset#2026ab' })).statusCode,
    ).toBe(200);
  });

  it('lists only accounts homed in the admin’s subtree', async () => {
    await makeUser(env, { orgId: town2 });
    const list = (await api(town, 'GET', '/users?pageSize=200')).json();
    const orgIds: string[] = list.items.map((u: { orgId: string }) => u.orgId);
    const inTown = await query<{ id: number }>(
      env,
      "select id from orgs where path like (select path from orgs where id = $1) || '%'",
      [town1],
    );
    const allowed = new Set(inTown.map((o) => String(o.id)));
    expect(orgIds.length).toBeGreaterThan(0);
    expect(orgIds.every((id) => allowed.has(id))).toBe(true);
  });

  it('disabling an account ends its sessions; unlocking clears a lock; grants can be revoked', async () => {
    const u = await makeUser(env, { orgId: town1, role: 'member' });
    const s = await login(env, u.username);
    expect((await api(town, 'PATCH', `/users/${u.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await api(s, 'GET', '/auth/me')).statusCode).toBe(401);
    await query(env, "update users set locked_until = now() + interval '10 minutes' where id = $1", [u.id]);
    expect((await api(town, 'GET', `/users/${u.id}`)).json().locked).toBe(true);
    expect((await api(town, 'POST', `/users/${u.id}/unlock`)).json().locked).toBe(false);
    const user = (await api(town, 'GET', `/users/${u.id}`)).json();
    const after = (await api(town, 'DELETE', `/users/${u.id}/grants/${user.grants[0].id}`)).json();
    expect(after.grants).toEqual([]);
  });
});
