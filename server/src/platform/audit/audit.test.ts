import { actorLabel } from './service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestEnv, testEnv } from '../../../test/harness.ts';

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

describe('how actors are named', () => {
  it('a study-card account is named without its card number, which is a credential', () => {
    expect(actorLabel({ displayName: '李卡', username: 'card818123451795' })).toBe('李卡(card818*****1795)');
    expect(actorLabel({ displayName: '王书记', username: 'secretary' })).toBe('王书记(secretary)');
  });
});
