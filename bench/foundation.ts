import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  call,
  clean,
  freePort,
  type Figures,
  load,
  loginAs,
  machine,
  startCityServer,
  startProcess,
  stopProcess,
  writeResults,
} from './lib.ts';

type Page<T> = { items: T[]; total: number };

/**
 * Foundation benchmark, city scale (25,000 orgs): (a) the request path side by side — a bare
 * Fastify route, the app's own /healthz and an authenticated single-row read (/auth/me), in
 * alternating rounds so that a busy machine slows all three alike; then (b) children of a random
 * org, (c) a random org's subtree counted, (d) logins, and (b) again while (d) runs. The server
 * runs at its default log level (info). Server and load generator share the machine's two cores,
 * as they would in a small deployment. A figure counts only with no errors and no non-2xx answer.
 */
export async function foundation() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-'));
  const results: Record<string, unknown> = { machine: machine(), scale: 'city' };
  const helloPort = await freePort();
  const hello = await startProcess(
    ['bench/hello.ts'],
    { PORT: String(helloPort) },
    async () => (await fetch(`http://127.0.0.1:${helloPort}/hello`)).ok,
  );
  try {
    const { server, base, startupSeconds } = await startCityServer(dataDir, { JOBS: '0', LOG_LEVEL: 'info' });
    results.startupWithCitySeedSeconds = startupSeconds;
    try {
      const { cookie } = await loginAs(base, 'admin');
      const me = await call<{ username: string }>(base, cookie, '/api/v1/auth/me');
      if (me.username !== 'admin') throw new Error(`/auth/me answered for ${me.username}`);
      const authed = { headers: { cookie } };

      // (a) the request path: three rounds of the three, each warmed up; the median round counts
      const paths: Record<'bare' | 'healthz' | 'authMe', { url: string; headers?: Record<string, string> }> =
        {
          bare: { url: `http://127.0.0.1:${helloPort}/hello` },
          healthz: { url: `${base}/healthz` },
          authMe: { url: `${base}/api/v1/auth/me`, ...authed },
        };
      const rounds: Record<keyof typeof paths, Figures[]> = { bare: [], healthz: [], authMe: [] };
      for (const opts of Object.values(paths)) await load({ ...opts, duration: 3 });
      for (let round = 0; round < 3; round++) {
        for (const name of ['bare', 'healthz', 'authMe'] as const) {
          rounds[name].push(await load({ ...paths[name], duration: 5 }));
        }
      }
      const median = (fs: Figures[]) => [...fs].sort((x, y) => x.rps - y.rps)[Math.floor(fs.length / 2)];
      const bare = median(rounds.bare);
      const healthz = median(rounds.healthz);
      const authMe = median(rounds.authMe);
      const allClean = Object.values(rounds).every((fs) => fs.every(clean));
      const r3 = (n: number) => Math.round(n * 1000) / 1000;
      const authMeRatioToHealthz = r3(authMe.rps / healthz.rps);
      const healthzRatioToBare = r3(healthz.rps / bare.rps);
      console.log('(a) bare Fastify', bare, '\n    /healthz', healthz, '\n    /auth/me', authMe);
      console.log(
        `    /auth/me ÷ /healthz = ${authMeRatioToHealthz}, /healthz ÷ bare = ${healthzRatioToBare}`,
      );

      // every org id of the city, from the admin's own view
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const r = await call<Page<{ id: string }>>(base, cookie, `/api/v1/orgs?pageSize=200&page=${page}`);
        ids.push(...r.items.map((o) => o.id));
        if (ids.length >= r.total || r.items.length === 0) break;
      }
      if (ids.length < 25_000)
        throw new Error(`expected a city of 25,000 orgs, the admin sees ${ids.length}`);
      results.orgs = ids.length;
      const randomPath = (suffix: string) => (req: object) => ({
        ...req,
        path: `/api/v1/orgs/${ids[Math.floor(Math.random() * ids.length)]}${suffix}`,
      });

      const bench = async (name: string, suffix: string): Promise<Figures> => {
        const opts = {
          url: base,
          ...authed,
          requests: [{ method: 'GET' as const, setupRequest: randomPath(suffix) as never }],
        };
        await load({ ...opts, duration: 3 });
        const f = await load(opts);
        console.log(name, f);
        return f;
      };
      const children = await bench('(b) children of a random org', '/children');
      const subtree = await bench('(c) subtree count of a random org', '/stats');

      const loginOpts = {
        url: `${base}/api/v1/auth/login`,
        method: 'POST' as const,
        connections: 4,
        headers: { 'content-type': 'application/json' },
        // a town's admin: a whole login, session and all (a dept admin's password step ends in a
        // ticket for the second factor, a different piece of work)
        body: JSON.stringify({ username: 'town_admin', password: 'Hongyun@2026' }),
      };
      const logins = await load(loginOpts);
      console.log('(d) logins', logins);
      const [childrenDuringLogins, loginsDuringChildren] = await Promise.all([
        load({
          url: base,
          ...authed,
          requests: [{ method: 'GET', setupRequest: randomPath('/children') as never }],
        }),
        load(loginOpts),
      ]);
      console.log('(b) during (d)', childrenDuringLogins, loginsDuringChildren);

      const ratio = (f: Figures) => r3(f.rps / bare.rps);
      Object.assign(results, {
        a_helloCeiling: bare,
        a_healthz: healthz,
        a_authMe: authMe,
        a_rounds: rounds,
        authMeRatioToHealthz,
        healthzRatioToBare,
        b_children: { ...children, ratioToCeiling: ratio(children) },
        c_subtreeCount: { ...subtree, ratioToCeiling: ratio(subtree) },
        d_logins: { ...logins, ratioToCeiling: ratio(logins) },
        b_childrenDuringLogins: { ...childrenDuringLogins, ratioToCeiling: ratio(childrenDuringLogins) },
        d_loginsDuringChildren: loginsDuringChildren,
        targets: {
          '/auth/me ≥ 0.25 × /healthz': allClean && authMeRatioToHealthz >= 0.25,
          '/healthz ≥ 0.5 × bare Fastify': allClean && healthzRatioToBare >= 0.5,
          'b p99 < 20 ms': clean(children) && children.p99 < 20,
          'c p99 < 20 ms': clean(subtree) && subtree.p99 < 20,
          'd logins all answered': clean(logins),
          'b p99 during logins < 50 ms':
            clean(childrenDuringLogins) && clean(loginsDuringChildren) && childrenDuringLogins.p99 < 50,
        },
      });
    } finally {
      await stopProcess(server);
    }
  } finally {
    await stopProcess(hello);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('targets', results.targets);
  console.log('written to', writeResults('foundation', results));
  return results;
}
