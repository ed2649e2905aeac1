import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { query, testEnv } from '../../../test/harness.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { authorize, browse, exchange, Jar, pkce, type RpClient, token, userinfo } from './fixtures.ts';
import { DEMO_RP } from './seed.ts';

/**
 * Single sign-on over real HTTP (the app listening, fetch without following redirects): the code
 * flow with PKCE, and each bad input of issue 17 refused and audited.
 */
const env = await testEnv();
await env.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
afterAll(() => env.close());

const demo: RpClient = {
  clientId: DEMO_RP.clientId,
  clientSecret: DEMO_RP.clientSecret,
  redirectUri: 'http://127.0.0.1:4100/callback',
};
/** A Hongyun login session made directly (the login route itself is tested in platform/auth). */
async function login(_env: typeof env, username: string) {
  const [u] = await query<{ id: number }>(env, 'select id from users where username = $1', [username]);
  const s = await createSession(env.database.db, {
    userId: Number(u.id),
    idleMinutes: 30,
    maxHours: 24,
    ip: null,
    userAgent: null,
    now: new Date(),
  });
  const cookie = `hy_session=${s.token}; hy_csrf=${s.csrfToken}`;
  return { cookie, headers: { cookie, 'x-csrf-token': s.csrfToken } };
}
const browser = async (username: string) => new Jar((await login(env, username)).cookie);

/** The provider's audit entries are written beside its answer: waited for a moment. */
async function audited(action: string, match: (after: Record<string, unknown>) => boolean, since: Date) {
  for (let i = 0; i < 40; i++) {
    const rows = await query<{ after: Record<string, unknown>; actor_id: number | null }>(
      env,
      'select after, actor_id from audit_log where action = $1 and at >= $2 order by id',
      [action, since],
    );
    const hit = rows.find((r) => match(r.after ?? {}));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${action} audited`);
}

async function signIn(username: string, rp = demo, scope?: string) {
  const jar = await browser(username);
  const p = pkce();
  // OpenID Connect: offline_access is granted only when consent is asked (prompt=consent)
  const extra = scope?.includes('offline_access') ? { prompt: 'consent' } : undefined;
  const a = await authorize(base, jar, rp, { challenge: p.challenge, scope, extra });
  return { jar, ...p, ...a };
}

const admin = async () => login(env, 'admin');
async function register(body: Record<string, unknown>) {
  const s = await admin();
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/sso/clients',
    headers: s.headers,
    payload: {
      name: '测试子平台',
      redirectUris: ['https://rp.example.cn/cb'],
      allowedRoles: ['member'],
      launchUrl: 'https://rp.example.cn/',
      firstParty: true,
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const out = res.json() as { client: { id: string; clientId: string }; clientSecret: string };
  return {
    ...out,
    rp: {
      clientId: out.client.clientId,
      clientSecret: out.clientSecret,
      redirectUri: 'https://rp.example.cn/cb',
    },
  };
}

describe('the provider', () => {
  it('publishes its discovery document: code flow, S256 only, the org and roles scopes', async () => {
    const res = await fetch(`${base}/oidc/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const d = (await res.json()) as Record<string, unknown>;
    expect(d.issuer).toBe(`${env.config.publicUrl}/oidc`);
    expect(d.code_challenge_methods_supported).toEqual(['S256']);
    expect(d.response_types_supported).toEqual(['code']);
    expect(d.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'org', 'roles', 'offline_access']),
    );
    expect(d.end_session_endpoint).toBeTruthy();
    const jwks = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0].d).toBeUndefined(); // never the private part
  });

  it('signs a logged-in member in to the demo sub-platform without a password: code, tokens, userinfo, audited', async () => {
    const since = new Date(Date.now() - 1000);
    const s = await signIn('member');
    expect(s.code, `stopped at ${s.res.status} ${s.res.headers.get('location')}`).toBeTruthy();
    const t = await exchange(base, demo, s.code as string, s.verifier);
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    expect(t.body.id_token).toBeTruthy();
    expect(t.body.refresh_token).toBeUndefined(); // no offline_access asked
    const me = await userinfo(base, t.body.access_token);
    expect(me.status).toBe(200);
    const [u] = await query<{ id: number; org_id: number }>(
      env,
      "select id, org_id from users where username = 'member'",
    );
    expect(me.body).toMatchObject({ sub: String(u.id), name: '陈小梅', roles: ['member'] });
    expect((me.body.org as { id: string }).id).toBe(String(u.org_id));
    const hit = await audited('sso.signin', (a) => a.clientId === DEMO_RP.clientId, since);
    expect(Number(hit.actor_id)).toBe(Number(u.id));
  });

  it('claims follow the scopes: without org and roles, userinfo has neither', async () => {
    const s = await signIn('secretary', demo, 'openid profile');
    const t = await exchange(base, demo, s.code as string, s.verifier);
    const me = await userinfo(base, t.body.access_token);
    expect(me.body.name).toBe('刘建华');
    expect(me.body.org).toBeUndefined();
    expect(me.body.roles).toBeUndefined();
  });

  it('sends a browser without a Hongyun session to the login page, coming back to the interaction', async () => {
    const jar = new Jar();
    const a = await authorize(base, jar, demo, { challenge: pkce().challenge });
    expect(a.code).toBeNull();
    expect(a.redirect?.pathname).toBe('/login');
    expect(a.redirect?.searchParams.get('next')).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
  });

  it('refuses a forged code (audited)', async () => {
    const since = new Date(Date.now() - 1000);
    const t = await exchange(base, demo, 'forged-code-abcdefghijklmnopqrstuvwxyz0123456', pkce().verifier);
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_grant');
    await audited('sso.refused', (a) => a.error === 'invalid_grant' && a.where === 'token', since);
  });

  it('refuses a replayed code, and revokes what the first redemption gave', async () => {
    const s = await signIn('member');
    const first = await exchange(base, demo, s.code as string, s.verifier);
    expect(first.status).toBe(200);
    const again = await exchange(base, demo, s.code as string, s.verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect((await userinfo(base, first.body.access_token)).status).toBe(401);
  });

  it('two redemptions of one code at the same moment: one gets tokens, the other is refused', async () => {
    const s = await signIn('member');
    const both = await Promise.all([
      exchange(base, demo, s.code as string, s.verifier),
      exchange(base, demo, s.code as string, s.verifier),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('refuses a verifier that does not match the challenge', async () => {
    const s = await signIn('member');
    const t = await exchange(base, demo, s.code as string, pkce().verifier);
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_grant');
  });

  it('refuses an authorization request without PKCE (back to the sub-platform with the error)', async () => {
    const jar = await browser('member');
    const params = new URLSearchParams({
      client_id: demo.clientId,
      response_type: 'code',
      redirect_uri: demo.redirectUri,
      scope: 'openid',
    });
    const res = await browse(base, jar, `/oidc/auth?${params}`);
    const to = new URL(res.headers.get('location') as string, base);
    expect(to.searchParams.get('error')).toBe('invalid_request');
    expect(to.searchParams.get('code')).toBeNull();
  });

  it('refuses a guessed secret (audited)', async () => {
    const since = new Date(Date.now() - 1000);
    const s = await signIn('member');
    const t = await exchange(base, { ...demo, clientSecret: 'guessed-secret' }, s.code as string, s.verifier);
    expect(t.status).toBe(401);
    expect(t.body.error).toBe('invalid_client');
    await audited('sso.refused', (a) => a.error === 'invalid_client', since);
  });

  it('shows an error page for a redirect URI not registered, never redirecting there (audited)', async () => {
    const since = new Date(Date.now() - 1000);
    const jar = await browser('member');
    const a = await authorize(
      base,
      jar,
      { clientId: demo.clientId, redirectUri: 'https://evil.example.com/cb' },
      {
        challenge: pkce().challenge,
      },
    );
    expect(a.code).toBeNull();
    expect(a.res.status).toBe(400);
    expect(a.res.headers.get('location')).toBeNull();
    expect(await a.res.text()).toContain('回调地址');
    await audited(
      'sso.refused',
      (a) => a.error === 'invalid_redirect_uri' && a.redirectUri === 'https://evil.example.com/cb',
      since,
    );
  });

  it('refuses a user holding none of the roles the sub-platform allows, with a Chinese page (audited)', async () => {
    const since = new Date(Date.now() - 1000);
    const { rp } = await register({ name: '干部考核系统', allowedRoles: ['dept_admin', 'org_admin'] });
    const s = await signIn('member', rp);
    expect(s.code).toBeNull();
    expect(s.res.status).toBe(403);
    expect(await s.res.text()).toContain('没有使用「干部考核系统」的权限');
    await audited('sso.refused', (a) => a.error === 'role_not_allowed', since);
    // an allowed role passes
    const ok = await signIn('town_admin', rp);
    expect(ok.code).toBeTruthy();
  });

  it('a refresh token (offline_access) gives new tokens', async () => {
    const s = await signIn('member', demo, 'openid profile offline_access');
    const t = await exchange(base, demo, s.code as string, s.verifier);
    expect(t.body.refresh_token).toBeTruthy();
    const r = await token(base, demo, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.access_token).toBeTruthy();
    expect((await userinfo(base, r.body.access_token)).body.name).toBe('陈小梅');
  });

  it('asks consent for a sub-platform not first-party, and completes once agreed', async () => {
    const { rp } = await register({ name: '第三方学习平台', firstParty: false });
    const jar = await browser('member');
    const p = pkce();
    const a = await authorize(base, jar, rp, { challenge: p.challenge });
    expect(a.res.status).toBe(200);
    const html = await a.res.text();
    expect(html).toContain('同意并登录');
    const action = /action="([^"]+\/confirm)"/.exec(html)?.[1] as string;
    const res = await browse(base, jar, action, { method: 'POST' });
    expect(res.status).toBe(303);
    // resume, then back to the sub-platform
    const resume = await browse(base, jar, new URL(res.headers.get('location') as string, base).pathname);
    const back = new URL(resume.headers.get('location') as string, base);
    expect(back.origin + back.pathname).toBe(rp.redirectUri);
    expect((await exchange(base, rp, back.searchParams.get('code') as string, p.verifier)).status).toBe(200);
  });

  it('refuses a disabled sub-platform at once, for new sign-ins and codes already issued', async () => {
    const { client, rp } = await register({ name: '待停用平台' });
    const s = await signIn('member', rp);
    expect(s.code).toBeTruthy();
    const a = await admin();
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/sso/clients/${client.id}`,
      headers: a.headers,
      payload: {
        name: '待停用平台',
        redirectUris: [rp.redirectUri],
        allowedRoles: ['member'],
        launchUrl: 'https://rp.example.cn/',
        firstParty: true,
        enabled: false,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await exchange(base, rp, s.code as string, s.verifier)).body.error).toBe('invalid_client');
    const again = await signIn('member', rp);
    expect(again.code).toBeNull();
    expect(again.res.status).toBe(400);
    expect(
      (
        await query(env, "select 1 from audit_log where action = 'sso.client_disabled' and target_id = $1", [
          client.id,
        ])
      ).length,
    ).toBe(1);
  });
});

describe('the registry (子平台接入) and the tiles', () => {
  it('shows the secret once; a reset secret replaces the old one at once', async () => {
    const { client, rp } = await register({ name: '换密钥平台' });
    const a = await admin();
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: a.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(rp.clientSecret);
    const stored = await query<{ secret_enc: string }>(
      env,
      'select secret_enc from sso_clients where id = $1',
      [client.id],
    );
    expect(stored[0].secret_enc).not.toContain(rp.clientSecret);
    const reset = await env.app.inject({
      method: 'POST',
      url: `/api/v1/sso/clients/${client.id}/secret`,
      headers: a.headers,
    });
    expect(reset.statusCode).toBe(200);
    const fresh = reset.json().clientSecret as string;
    expect(fresh).not.toBe(rp.clientSecret);
    const s1 = await signIn('member', rp);
    expect((await exchange(base, rp, s1.code as string, s1.verifier)).status).toBe(401);
    const s2 = await signIn('member', rp);
    expect(
      (await exchange(base, { ...rp, clientSecret: fresh }, s2.code as string, s2.verifier)).status,
    ).toBe(200);
    const audit = await query<{ action: string; after: unknown }>(
      env,
      "select action, after from audit_log where target_type = 'sso_client' and target_id = $1 order by id",
      [client.id],
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['sso.client_created', 'sso.secret_reset']),
    );
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it('refuses a redirect URI that is not an http(s) address, naming the field', async () => {
    const a = await admin();
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/sso/clients',
      headers: a.headers,
      payload: {
        name: '坏地址',
        redirectUris: ['javascript:alert(1)'],
        allowedRoles: ['member'],
        launchUrl: 'https://x.cn/',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('回调地址');
  });

  it('tiles: each user sees the enabled sub-platforms one of their roles may use', async () => {
    await register({ name: '仅限管理员平台', allowedRoles: ['dept_admin'] });
    await register({ name: '停用的平台', allowedRoles: ['member'], enabled: false });
    const names = async (username: string) => {
      const s = await login(env, username);
      const res = await env.app.inject({ method: 'GET', url: '/api/v1/sso/tiles', headers: s.headers });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { name: string }[]).map((t) => t.name);
    };
    const member = await names('member');
    expect(member).toContain(DEMO_RP.name);
    expect(member).not.toContain('仅限管理员平台');
    expect(member).not.toContain('停用的平台');
    const admin = await names('admin');
    expect(admin).toContain('仅限管理员平台');
    expect(admin).toContain(DEMO_RP.name);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/sso/tiles' })).statusCode).toBe(401);
  });
});
