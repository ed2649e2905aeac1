import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import { purgeExpiredSessions } from './sessions.ts';

let env: TestEnv;
let town1: number;
beforeAll(async () => {
  env = await testEnv();
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
const get = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

describe('login', () => {
  it('accepts the username or the phone number, sets an HttpOnly SameSite session cookie and a CSRF cookie', async () => {
    // a town's admin: no second factor by default (a dept admin's login: second-factor.test.ts)
    const byName = await post('/auth/login', { username: 'town_admin', password: 'Hongyun@2026' });
    expect(byName.statusCode).toBe(200);
    const session = byName.cookies.find((c) => c.name === 'hy_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(byName.cookies.find((c) => c.name === 'hy_csrf')!.httpOnly).toBeFalsy();
    expect(byName.json()).toMatchObject({
      username: 'town_admin',
      idleMinutes: 30,
      actions: expect.arrayContaining(['user.manage']),
    });
    const byPhone = await post('/auth/login', { username: '13800000002', password: 'Hongyun@2026' });
    expect(byPhone.json().username).toBe('town_admin');
  });

  it('says "wrong username or password" in Chinese for both an unknown name and a wrong password', async () => {
    const unknown = await post('/auth/login', { username: 'nobody', password: 'x' });
    const wrong = await post('/auth/login', { username: 'admin', password: 'wrong' });
    for (const res of [unknown, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('用户名或密码错误，还可尝试 4 次');
    }
    const english = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(english.json().error.message).toBe(
      'Wrong username or password; 3 more tries before the account is locked',
    );
  });

  it('locks the account after five wrong passwords for 15 minutes, even against the right one', async () => {
    const u = await makeUser(env, { orgId: town1 });
    for (let i = 0; i < 4; i++)
      expect((await post('/auth/login', { username: u.username, password: 'bad' })).statusCode).toBe(401);
    const fifth = await post('/auth/login', { username: u.username, password: 'bad' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toContain('15 分钟');
    expect((await post('/auth/login', { username: u.username, password: 'Hongyun@2026' })).statusCode).toBe(
      423,
    );
    // fifteen minutes later
    await query(env, "update users set locked_until = now() - interval '1 second' where id = $1", [u.id]);
    expect((await post('/auth/login', { username: u.username, password: 'Hongyun@2026' })).statusCode).toBe(
      200,
    );
    const actions = await query<{ action: string }>(
      env,
      "select action from audit_log where target_id = $1 and action like 'auth.%' order by id",
      [String(u.id)],
    );
    expect(actions.map((a) => a.action)).toEqual([
      ...Array(4).fill('auth.login_failed'),
      'auth.locked',
      'auth.login_failed',
      'auth.login',
    ]);
  });

  it('rate-limits login attempts per address', async () => {
    const limited = await testEnv({ loginRateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'x', password: 'y' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('refuses a disabled account', async () => {
    const u = await makeUser(env, { orgId: town1 });
    await query(env, 'update users set disabled = true where id = $1', [u.id]);
    const res = await post('/auth/login', { username: u.username, password: 'Hongyun@2026' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('停用');
  });
});

describe('sessions', () => {
  it('a forged or expired cookie is a 401 that says the session ended; no cookie is a plain 401', async () => {
    expect((await get('/auth/me')).json().error.code).toBe('unauthenticated');
    const forged = await get('/auth/me', { cookie: 'hy_session=forged-token' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toBe('登录已失效，请重新登录');
    const s = await login(env, 'town_admin');
    await query(
      env,
      "update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where username = 'town_admin')",
    );
    expect((await get('/auth/me', s.headers)).statusCode).toBe(401);
  });

  it('admins get the short idle timeout, members the long one', async () => {
    const admin = await login(env, 'town_admin');
    expect((await get('/auth/me', admin.headers)).json().idleMinutes).toBe(30);
    const member = await login(env, 'member');
    expect((await get('/auth/me', member.headers)).json().idleMinutes).toBe(7 * 24 * 60);
  });

  it('refuses a write without the CSRF token, even with a valid session', async () => {
    const s = await login(env, 'town_admin');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
  });

  it('lists my sessions and revokes one; logout ends the current one', async () => {
    const u = await makeUser(env, { orgId: town1 });
    const a = await login(env, u.username);
    const b = await login(env, u.username);
    const list = (await get('/auth/sessions', a.headers)).json().items;
    expect(list).toHaveLength(2);
    const other = list.find((x: { current: boolean }) => !x.current);
    expect(
      (
        await env.app.inject({
          method: 'DELETE',
          url: `/api/v1/auth/sessions/${other.id}`,
          headers: a.headers,
        })
      ).statusCode,
    ).toBe(200);
    expect((await get('/auth/me', b.headers)).statusCode).toBe(401);
    expect((await post('/auth/logout', {}, a.headers)).statusCode).toBe(200);
    expect((await get('/auth/me', a.headers)).statusCode).toBe(401);
  });

  it('the purge job deletes expired sessions and keeps live ones', async () => {
    const u = await makeUser(env, { orgId: town1 });
    await login(env, u.username);
    await login(env, u.username);
    await query(
      env,
      "update sessions set expires_at = now() - interval '1 hour' where id = (select min(id) from sessions where user_id = $1)",
      [u.id],
    );
    const purged = await purgeExpiredSessions(env.database.db, new Date());
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await query(env, 'select 1 from sessions where user_id = $1', [u.id])).toHaveLength(1);
  });
});

describe('change password', () => {
  it('enforces the policy in words, checks the current password, and ends my other sessions', async () => {
    const u = await makeUser(env, { orgId: town1 });
    const a = await login(env, u.username);
    const other = await login(env, u.username);
    const weak = await post(
      '/auth/password',
      { currentPassword: 'Hongyun@2026', newPassword: 'abcdefgh' },
      a.headers,
    );
    expect(weak.statusCode).toBe(400);
    // says what is missing, not the rule again
    expect(weak.json().error.message).toContain(
      '新密码（newPassword）：还缺少两类字符：大写字母、数字、符号中任选两类',
    );
    const wrong = await post(
      '/auth/password',
      { currentPassword: 'nope', newPassword: 'Better#2026x' },
      a.headers,
    );
    expect(wrong.json().error.details[0].path).toBe('currentPassword');
    expect(
      (
        await post(
          '/auth/password',
          { currentPassword: 'Hongyun@2026', newPassword: 'Better#2026x' },
          a.headers,
        )
      ).statusCode,
    ).toBe(200);
    expect((await get('/auth/me', a.headers)).statusCode).toBe(200);
    expect((await get('/auth/me', other.headers)).statusCode).toBe(401);
    expect((await post('/auth/login', { username: u.username, password: 'Better#2026x' })).statusCode).toBe(
      200,
    );
  });
});
