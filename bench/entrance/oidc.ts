import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  authorize,
  exchange,
  Jar,
  pkce,
  type RpClient,
  userinfo,
} from '../../server/src/modules/sso/fixtures.ts';
import { call, freePort, loginAs, machine, startProcess, stopProcess } from '../lib.ts';

/** The demo sub-platform the seed registers (server/src/modules/sso/seed.ts). */
const DEMO: RpClient = {
  clientId: 'demo-points',
  clientSecret: 'demo-points-secret-2026',
  redirectUri: 'http://127.0.0.1:4100/callback',
};

/**
 * `oidcCodeFlowsPerSecond` (issue 17): 1,000 distinct users, each already logged in to Hongyun,
 * each doing one full sign-in to the demo sub-platform, `concurrency` at a time: the authorization
 * request with PKCE (S256) → Hongyun's interaction (the session cookie, the grant) → the code →
 * the token request with the client's secret and the verifier → userinfo. Five HTTP requests, two
 * signatures (the ID token), a dozen statements. Every flow must end with the user's name from
 * userinfo; a flow that does not is counted in `failures` (and a run with failures is not clean).
 *
 * Setup (not timed): the users are made through the users API by `admin` (a session holding
 * user.manage over `orgId`), each a member there, and logged in with their password.
 * `base`: a running server with the login rate limits raised (the logins come from one address).
 */
export async function oidcFlows(
  base: string,
  opts: { admin: { cookie: string; csrf: string }; orgId?: string; users?: number; concurrency?: number },
) {
  const users = opts.users ?? 1000;
  const concurrency = opts.concurrency ?? 16;
  const me = await call<{ grants: { orgId: string; role: string }[] }>(
    base,
    opts.admin.cookie,
    '/api/v1/auth/me',
  );
  const orgId = opts.orgId ?? me.grants[0].orgId;
  const password = 'Bench@2026oidc';
  const stamp = Date.now().toString(36);

  const pool = async (n: number, work: (i: number) => Promise<void>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) await work(next++);
      }),
    );
  };

  // setup: the users and their Hongyun sessions
  const t0 = Date.now();
  const sessions: string[] = new Array(users);
  await pool(users, async (i) => {
    const username = `oidc${stamp}${i}`;
    await call(base, opts.admin.cookie, '/api/v1/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': opts.admin.csrf },
      body: JSON.stringify({
        username,
        displayName: `压测用户${i}`,
        orgId,
        password,
        grants: [{ role: 'member', orgId }],
      }),
    });
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('hy_session='));
    if (!cookie) throw new Error(`login ${username}: no session`);
    sessions[i] = cookie;
  });
  const setupSeconds = (Date.now() - t0) / 1000;

  // the measured part: one full flow per user
  let failures = 0;
  let firstFailure = '';
  const times: number[] = [];
  const t1 = Date.now();
  await pool(users, async (i) => {
    const s = Date.now();
    try {
      const jar = new Jar(sessions[i]);
      const p = pkce();
      const a = await authorize(base, jar, DEMO, {
        challenge: p.challenge,
        scope: 'openid profile org roles',
      });
      if (!a.code) throw new Error(`no code: ${a.res.status} ${a.res.headers.get('location')}`);
      const t = await exchange(base, DEMO, a.code, p.verifier);
      if (t.status !== 200) throw new Error(`token: ${t.status} ${JSON.stringify(t.body)}`);
      const u = await userinfo(base, t.body.access_token);
      if (u.body.name !== `压测用户${i}`) throw new Error(`userinfo: ${u.status} ${JSON.stringify(u.body)}`);
    } catch (e) {
      failures++;
      firstFailure ||= (e as Error).message.slice(0, 300);
    }
    times.push(Date.now() - s);
  });
  const seconds = (Date.now() - t1) / 1000;
  times.sort((a, b) => a - b);
  const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    oidcCodeFlowsPerSecond: Math.round((users / seconds) * 10) / 10,
    users,
    concurrency,
    flowSeconds: Math.round(seconds * 10) / 10,
    flowP50Ms: pct(0.5),
    flowP95Ms: pct(0.95),
    flowP99Ms: pct(0.99),
    requestsPerFlow: 5,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    oidcFlowsClean: failures === 0,
    setupSeconds,
  };
}

// `node bench/entrance/oidc.ts`: on its own, against a fresh district demo (prints the figures).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-oidc-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    ['server/src/main.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_NAME_LIMIT: '100000000',
    },
    async () => (await fetch(`${base}/readyz`)).ok,
  );
  try {
    const admin = await loginAs(base, process.env.BENCH_ADMIN || 'town_admin');
    console.log(JSON.stringify({ machine: machine(), ...(await oidcFlows(base, { admin })) }, null, 2));
  } finally {
    await stopProcess(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
