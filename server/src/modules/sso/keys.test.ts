import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { query, testEnv } from '../../../test/harness.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { authorize, exchange, Jar, pkce } from './fixtures.ts';
import { loadCookieKeys, loadSigningKeys, newSigningKey } from './keys.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-oidc-keys-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the provider keys', () => {
  it('are generated once into DATA_DIR and read back the same afterwards', () => {
    const config = { dataDir: tmp, oidcJwks: null, oidcCookieKeys: null };
    const first = loadSigningKeys(config);
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatchObject({ alg: 'RS256', use: 'sig' });
    expect(loadSigningKeys(config)).toEqual(first);
    expect(fs.statSync(path.join(tmp, 'keys', 'oidc-jwks.json')).mode & 0o077).toBe(0);
    const cookies = loadCookieKeys(config);
    expect(cookies).toHaveLength(1);
    expect(loadCookieKeys(config)).toEqual(cookies);
    expect(loadCookieKeys({ ...config, oidcCookieKeys: ['a', 'b'] })).toEqual(['a', 'b']);
  });

  it('refuse a JWKS without private keys', () => {
    expect(() =>
      loadSigningKeys({ dataDir: tmp, oidcJwks: '{"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}' }),
    ).toThrow(/OIDC_JWKS/);
  });
});

describe('key rotation by configuration', async () => {
  const next = newSigningKey();
  const old = newSigningKey();
  const env = await testEnv({ oidcJwks: JSON.stringify({ keys: [next, old] }) });
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  afterAll(() => env.close());

  it('the first key signs; every key listed is published for verifying', async () => {
    const jwks = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([next.kid, old.kid]));
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const [u] = await query<{ id: number }>(env, "select id from users where username = 'member'");
    const s = await createSession(env.database.db, {
      userId: Number(u.id),
      idleMinutes: 30,
      maxHours: 24,
      ip: null,
      userAgent: null,
      now: new Date(),
    });
    const rp = {
      clientId: 'demo-points',
      clientSecret: 'demo-points-secret-2026',
      redirectUri: 'http://127.0.0.1:4100/callback',
    };
    const p = pkce();
    const a = await authorize(base, new Jar(`hy_session=${s.token}`), rp, { challenge: p.challenge });
    const t = await exchange(base, rp, a.code as string, p.verifier);
    const header = JSON.parse(Buffer.from(t.body.id_token.split('.')[0], 'base64url').toString());
    expect(header).toMatchObject({ alg: 'RS256', kid: next.kid });
  });
});
