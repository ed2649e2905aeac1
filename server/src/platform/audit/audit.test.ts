import { actorLabel } from './service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditActions } from '../../../../contracts/audit.ts';
import { makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('audit log', () => {
  it('the database refuses to change or remove entries', async () => {
    await login(env, 'admin');
    const pool = env.database.pool;
    await expect(pool.query("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(pool.query('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('a dept admin browses and filters it: logins with actor, IP and time; failed logins too', async () => {
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'wrong' },
    });
    const s = await login(env, 'admin');
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=auth.login',
      headers: s.headers,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[0]).toMatchObject({
      action: expect.stringMatching(/^auth\.login/),
      ip: '127.0.0.1',
      actorName: expect.any(String),
    });
    expect(items.some((e: { action: string }) => e.action === 'auth.login_failed')).toBe(true);
    // nothing secret in it
    expect(JSON.stringify(items)).not.toMatch(/passwordHash|tokenHash|\$argon2/);
  });

  it('is for dept admins only', async () => {
    const s = await login(env, 'town_admin');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/audit', headers: s.headers })).statusCode,
    ).toBe(403);
  });
});

describe("the audit log's action filter", () => {
  const actionsAs = async (username: string) => {
    const s = await login(env, username);
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as AuditActions).groups;
  };
  /** An entry as a module would write it, in `org` (its path as the scope). */
  const recorded = (action: string, org: number) =>
    query(
      env,
      'insert into audit_log (action, org_id, org_path) select $1, id, path from orgs where id = $2',
      [action, org],
    );

  it('offers the actions the log holds, grouped and labelled in both languages, not a list written into the page', async () => {
    await login(env, 'admin');
    const root = await orgId(env, '中共青山区委员会');
    await recorded('member.lost_contact', root);
    await recorded('lab.first_of_its_kind', root);
    const groups = await actionsAs('admin');
    const auth = groups.find((g) => g.group === 'auth');
    expect(auth?.label).toEqual({ zh: '登录与安全', en: 'Login and security' });
    expect(auth?.actions).toContainEqual({ action: 'auth.login', label: { zh: '登录', en: 'Logged in' } });
    expect(groups.find((g) => g.group === 'member')?.actions).toContainEqual({
      action: 'member.lost_contact',
      label: { zh: '登记失联', en: 'Lost contact recorded' },
    });
    // an action a module has just started to record is offered at once, as it is written
    expect(groups.find((g) => g.group === 'lab')).toEqual({
      group: 'lab',
      label: null,
      actions: [{ action: 'lab.first_of_its_kind', label: null }],
    });
    // what the log does not hold is not offered
    expect(groups.flatMap((g) => g.actions.map((a) => a.action))).not.toContain('org.deleted');
  });

  it('offers only what happened in the admin’s own scope', async () => {
    const town1 = await orgId(env, '中共青山区清河镇委员会');
    const town2 = await orgId(env, '中共青山区石桥镇委员会');
    await recorded('lab.in_town_one', town1);
    await recorded('lab.in_town_two', town2);
    const townDeptAdmin = await makeUser(env, { orgId: town1, role: 'dept_admin' });
    const seen = (await actionsAs(townDeptAdmin.username)).flatMap((g) => g.actions.map((a) => a.action));
    expect(seen).toContain('lab.in_town_one');
    expect(seen).not.toContain('lab.in_town_two');
    const seenAtTheTop = (await actionsAs('admin')).flatMap((g) => g.actions.map((a) => a.action));
    expect(seenAtTheTop).toEqual(expect.arrayContaining(['lab.in_town_one', 'lab.in_town_two']));
  });

  it('is for dept admins only', async () => {
    const s = await login(env, 'town_admin');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: s.headers })).statusCode,
    ).toBe(403);
  });
});

describe('how actors are named', () => {
  it('a study-card account is named without its card number, which is a credential', () => {
    expect(actorLabel({ displayName: '李卡', username: 'card818123451795' })).toBe('李卡(card818*****1795)');
    expect(actorLabel({ displayName: '王书记', username: 'secretary' })).toBe('王书记(secretary)');
  });
});
