import net from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { startDemoRp } from '../../../../scripts/demo-rp.ts';
import { query, testEnv } from '../../../test/harness.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { browse, Jar } from './fixtures.ts';

/**
 * The demo sub-platform (scripts/demo-rp.ts, built on openid-client) against the provider: the
 * library's own checks (issuer, PKCE, state, ID token signature, userinfo subject) all pass.
 */
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
const env = await testEnv({ publicUrl: base });
await env.app.listen({ port, host: '127.0.0.1' });
afterAll(() => env.close());

it('the demo RP signs a logged-in Hongyun user in, shows the name, and logs out through end_session', async () => {
  const rp = await startDemoRp({
    port: 0,
    hongyunUrl: base,
    clientId: 'demo-points',
    clientSecret: 'demo-points-secret-2026',
  });
  try {
    await query(
      env,
      "update sso_clients set redirect_uris = array[$1], post_logout_redirect_uris = array[$2] where client_id = 'demo-points'",
      [`${rp.url}/callback`, `${rp.url}/`],
    );
    const [u] = await query<{ id: number }>(env, "select id from users where username = 'secretary'");
    const s = await createSession(env.database.db, {
      userId: Number(u.id),
      idleMinutes: 30,
      maxHours: 24,
      ip: null,
      userAgent: null,
      now: new Date(),
    });
    const jar = new Jar(`hy_session=${s.token}`);
    // the browser: follow every redirect by hand across the two servers (one jar: same host)
    let res = await browse(rp.url, jar, `${rp.url}/login`);
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
      const to = new URL(res.headers.get('location') as string, res.url || rp.url);
      res = await browse(to.origin, jar, to.href);
    }
    const html = await res.text();
    expect(html, html).toContain('欢迎，刘建华');
    expect(html).toContain('secretary');
    // logout: to Hongyun's end_session page, a form to confirm
    const out = await browse(rp.url, jar, `${rp.url}/logout`);
    const to = new URL(out.headers.get('location') as string);
    expect(to.pathname).toBe('/oidc/session/end');
    const confirm = await browse(base, jar, to.href);
    expect(await confirm.text()).toContain('退出');
  } finally {
    await rp.close();
  }
});
