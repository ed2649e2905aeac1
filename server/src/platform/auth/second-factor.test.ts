import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/fixtures.ts';
import { login, passCode, query, type TestEnv, testEnv, totpSecretOf } from '../../../test/harness.ts';
import { totpAt } from './totp.ts';

// 两步验证 (issue 17, item 3): required for dept admins, chosen by others, remembered per device,
// reset by an admin with a reason; every step audited.

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const PASSWORD = 'Hongyun@2026';
const post = (
  url: string,
  payload: object,
  opts: { headers?: Record<string, string>; cookies?: Record<string, string> } = {},
) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload,
    headers: opts.headers,
    cookies: opts.cookies,
  });
const password = (username: string, cookies: Record<string, string> = {}) =>
  post('/auth/login', { username, password: PASSWORD }, { cookies });
const audits = (username: string) =>
  query<{ action: string; after: Record<string, unknown> | null }>(
    env,
    `select action, after from audit_log
      where target_id = (select id::text from users where username = $1) and action like 'auth.%' order by id`,
    [username],
  );
/** Waits for the authenticator's next code (every 30 s). */
const nextStep = () => new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));

/** The message the answer gives for one field. */
const field = (res: { json: () => unknown }, path: string): string | undefined =>
  (res.json() as { error: { details?: { path: string; message: string }[] } }).error.details?.find(
    (d) => d.path === path,
  )?.message;

/** A code that is not the current one (nor its neighbours). */
const notTheCode = (secret: string) => {
  const near = [-30_000, 0, 30_000].map((d) => totpAt(secret, new Date(Date.now() + d)));
  return ['111111', '222222', '333333', '444444'].find((c) => !near.includes(c))!;
};

describe('a dept admin must use it', () => {
  let secret = '';
  let recovery: string[] = [];

  it('the first login enrols: the password gives a ticket and a QR code, not a session', async () => {
    const res = await password('admin');
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'hy_session')).toBeUndefined();
    const step = res.json();
    expect(step).toMatchObject({ step: 'enrol', ticket: expect.any(String) });
    expect(step.otpauthUri).toMatch(/^otpauth:\/\/totp\/%E7%BA%A2%E4%BA%91%3Aadmin\?secret=/);
    secret = step.secret;
    // a reload before scanning shows the same QR code, so a phone that scanned it still works
    expect((await password('admin')).json().secret).toBe(secret);

    const wrong = await post('/auth/login/code', { ticket: step.ticket, code: notTheCode(secret) });
    expect(wrong.statusCode).toBe(400);
    expect(field(wrong, 'code')).toContain('验证码不正确');

    const ok = await passCode(env, step.ticket, secret, false);
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'hy_session')).toBeDefined();
    expect(ok.cookies.find((c) => c.name === 'hy_device')).toBeUndefined();
    recovery = ok.json().recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect(recovery[0]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // the secret is kept sealed, not as typed into the phone
    const [row] = await query<{ secret_enc: string }>(
      env,
      "select secret_enc from user_totp where user_id = (select id from users where username = 'admin')",
    );
    expect(row!.secret_enc).not.toContain(secret);

    const trail = (await audits('admin')).map((a) => a.action);
    expect(trail).toEqual([
      'auth.password_passed',
      'auth.password_passed',
      'auth.totp_failed',
      'auth.totp_enrolled',
      'auth.login',
    ]);
    expect((await audits('admin')).at(-1)!.after).toMatchObject({ secondFactor: 'totp' });
  });

  it('later logins ask for the code; a code already used is refused as used', async () => {
    const step = (await password('admin')).json();
    expect(step).toEqual({ step: 'totp', ticket: expect.any(String) });
    // the code just used at enrolment (same 30 s, or the one before)
    const [last] = await query<{ last_step: string }>(
      env,
      "select last_step from user_totp where user_id = (select id from users where username = 'admin')",
    );
    const used = totpAt(secret, new Date(Number(last!.last_step) * 30_000));
    const again = await post('/auth/login/code', { ticket: step.ticket, code: used });
    expect(again.statusCode).toBe(400);
    expect(field(again, 'code')).toContain('已经用过');
    const failed = (await audits('admin')).at(-1)!;
    expect(failed).toMatchObject({ action: 'auth.totp_failed', after: { reason: 'reused' } });
  });

  it('a recovery code works once, in place of the code', async () => {
    const step = (await password('admin')).json();
    const first = await post('/auth/login/code', {
      ticket: step.ticket,
      recoveryCode: recovery[3]!.toLowerCase(),
    });
    expect(first.statusCode).toBe(200);
    expect((await audits('admin')).at(-1)!.after).toMatchObject({ secondFactor: 'recovery_code' });
    const step2 = (await password('admin')).json();
    const second = await post('/auth/login/code', { ticket: step2.ticket, recoveryCode: recovery[3]! });
    expect(second.statusCode).toBe(400);
    expect(field(second, 'recoveryCode')).toContain('已用过');
  });

  it('five wrong codes end the ticket: the password again', async () => {
    const step = (await password('admin')).json();
    for (let i = 0; i < 5; i++) {
      expect(
        (await post('/auth/login/code', { ticket: step.ticket, code: notTheCode(secret) })).statusCode,
      ).toBe(400);
    }
    const sixth = await post('/auth/login/code', { ticket: step.ticket, code: totpAt(secret, new Date()) });
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().error.code).toBe('ticket_expired');
    const forged = await post('/auth/login/code', { ticket: 'forged-ticket', code: '123456' });
    expect(forged.statusCode).toBe(401);
    const bad = await post('/auth/login/code', { ticket: step.ticket, code: '12ab' });
    expect(bad.statusCode).toBe(400);
    expect(field(bad, 'code')).toBeDefined();
  });

  it('a remembered device skips the code for its own account only, until it expires', async () => {
    const step = (await password('admin')).json();
    const ok = await passCode(env, step.ticket, secret, true);
    expect(ok.statusCode).toBe(200);
    const device = ok.cookies.find((c) => c.name === 'hy_device')!;
    expect(device).toMatchObject({ httpOnly: true, path: '/api/v1/auth' });
    expect(new Date(device.expires!).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const direct = await password('admin', { hy_device: device.value });
    expect(direct.json()).toMatchObject({ username: 'admin' });
    expect((await audits('admin')).at(-1)!.after).toMatchObject({ secondFactor: 'remembered_device' });

    // another dept admin on the same device still gives a code
    await query(
      env,
      "insert into role_grants (user_id, role, org_id) select id, 'dept_admin', (select id from orgs where parent_id is null limit 1) from users where username = 'town2_admin'",
    );
    expect((await password('town2_admin', { hy_device: device.value })).json().step).toBe('enrol');

    await query(
      env,
      "delete from role_grants where role = 'dept_admin' and user_id = (select id from users where username = 'town2_admin')",
    );

    await query(env, "update trusted_devices set expires_at = now() - interval '1 second'");
    expect((await password('admin', { hy_device: device.value })).json().step).toBe('totp');
  });

  it('cannot be switched off while the role requires it', { timeout: 90_000 }, async () => {
    const s = await login(env, 'admin');
    const status = await env.app.inject({ method: 'GET', url: '/api/v1/auth/totp', headers: s.headers });
    expect(status.json()).toMatchObject({ enabled: true, required: true, recoveryCodesLeft: 9 });
    const off = await post(
      '/auth/totp/disable',
      { code: totpAt(secret, new Date()) },
      { headers: s.headers },
    );
    expect(off.statusCode).toBe(409);
    expect(off.json().error.message).toContain('必须启用');
  });
});

describe('an admin of another role chooses it', () => {
  it('a secretary enrols on the account page, then logs in with a code, then switches it off', async () => {
    expect((await password('secretary')).json().username).toBe('secretary');
    const s = await login(env, 'secretary');
    const start = await post('/auth/totp/enrol', {}, { headers: s.headers });
    expect(start.statusCode).toBe(200);
    const { secret } = start.json();
    const wrong = await post('/auth/totp/confirm', { code: notTheCode(secret) }, { headers: s.headers });
    expect(wrong.statusCode).toBe(400);
    const ok = await post('/auth/totp/confirm', { code: totpAt(secret, new Date()) }, { headers: s.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().recoveryCodes).toHaveLength(10);

    const step = (await password('secretary')).json();
    expect(step.step).toBe('totp');
    expect(await totpSecretOf(env, 'secretary')).toBe(secret);

    // the code step, then switching it off: each takes a code not used before (one per 30 s)
    const s2 = await login(env, 'secretary');
    const status = await env.app.inject({ method: 'GET', url: '/api/v1/auth/totp', headers: s2.headers });
    expect(status.json()).toMatchObject({ enabled: true, required: false, recoveryCodesLeft: 10 });
    await nextStep();
    const off = await post(
      '/auth/totp/disable',
      { code: totpAt(secret, new Date()) },
      { headers: s2.headers },
    );
    expect(off.statusCode).toBe(200);
    expect((await password('secretary')).json().username).toBe('secretary');
    expect((await audits('secretary')).map((a) => a.action)).toContain('auth.totp_disabled');
  }, 120_000);

  it('the department may require it of other roles (a setting), not leave dept admins out', async () => {
    const dept = await login(env, 'admin');
    const put = (value: unknown) =>
      env.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/auth.totpRoles',
        payload: { value },
        headers: dept.headers,
      });
    const without = await put(['org_admin']);
    expect(without.statusCode).toBe(400);
    expect(JSON.stringify(without.json())).toContain('组织部管理员必须启用');
    expect((await put(['dept_admin', 'org_admin'])).statusCode).toBe(200);
    expect((await password('town_admin')).json().step).toBe('enrol');
    expect((await put(['dept_admin'])).statusCode).toBe(200);
    expect((await password('town_admin')).json().username).toBe('town_admin');
  });
});

describe('reset by an admin', () => {
  it('within the admin’s subtree, with a reason, audited; the user enrols afresh', async () => {
    // the secretary (a village of 清河镇) sets one up again
    const s = await login(env, 'secretary');
    const { secret } = (await post('/auth/totp/enrol', {}, { headers: s.headers })).json();
    expect(
      (await post('/auth/totp/confirm', { code: totpAt(secret, new Date()) }, { headers: s.headers }))
        .statusCode,
    ).toBe(200);
    const outsider = await login(env, 'town2_admin');
    const secretaryId = (
      await query<{ id: string }>(env, "select id from users where username = 'secretary'")
    )[0]!.id;
    const outside = await post(
      `/users/${secretaryId}/totp-reset`,
      { reason: '手机丢失' },
      { headers: outsider.headers },
    );
    expect([403, 404]).toContain(outside.statusCode);

    const town = await login(env, 'town_admin');
    const noReason = await post(
      `/users/${secretaryId}/totp-reset`,
      { reason: '' },
      { headers: town.headers },
    );
    expect(noReason.statusCode).toBe(400);
    expect(field(noReason, 'reason')).toBeDefined();
    expect((await query(env, 'select 1 from user_totp where user_id = $1', [secretaryId])).length).toBe(1);

    const ok = await post(
      `/users/${secretaryId}/totp-reset`,
      { reason: '手机丢失' },
      { headers: town.headers },
    );
    expect(ok.statusCode).toBe(200);
    expect((await query(env, 'select 1 from user_totp where user_id = $1', [secretaryId])).length).toBe(0);
    expect(
      (await query(env, 'select 1 from user_recovery_codes where user_id = $1', [secretaryId])).length,
    ).toBe(0);
    const [entry] = await query<{ after: { reason: string }; actor_name: string }>(
      env,
      "select after, actor_name from audit_log where action = 'auth.totp_reset' and target_id = $1",
      [secretaryId],
    );
    expect(entry).toMatchObject({ after: { reason: '手机丢失' } });
    // not required for a secretary: the next login goes straight in
    expect((await password('secretary')).json().username).toBe('secretary');
  });
});

describe('the same code step sent twice at once', () => {
  it('opens one session; the other is refused and nothing else changes', async () => {
    const root = (await query<{ id: number }>(env, 'select id from orgs where parent_id is null'))[0]!.id;
    const u = await makeUser(env, { orgId: root, role: 'dept_admin' });
    const step = (await password(u.username)).json();
    const body = { ticket: step.ticket, code: totpAt(step.secret, new Date()) };
    const [a, b] = await Promise.all([post('/auth/login/code', body), post('/auth/login/code', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 401]);
    const sessions = await query(env, 'select 1 from sessions where user_id = $1', [u.id]);
    expect(sessions).toHaveLength(1);
  });
});
