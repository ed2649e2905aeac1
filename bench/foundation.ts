import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
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

/**
 * Foundation benchmark, city scale (25,000 orgs): (a) the bare Fastify ceiling, (b) children of a
 * random org, (c) a random org's subtree counted, (d) logins, and (b) again while (d) runs.
 * Server and load generator share the machine's two cores, as they would in a small deployment.
 */
export async function foundation() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-'));
  const results: Record<string, unknown> = { machine: machine(), scale: 'city' };
  try {
    // (a) ceiling
    const helloPort = await freePort();
    const hello = await startProcess(
      ['bench/hello.ts'],
      { PORT: String(helloPort) },
      async () => (await fetch(`http://127.0.0.1:${helloPort}/hello`)).ok,
    );
    await load({ url: `http://127.0.0.1:${helloPort}/hello`, duration: 3 }); // warm-up
    const ceiling = await load({ url: `http://127.0.0.1:${helloPort}/hello` });
    await stopProcess(hello);
    console.log('(a) hello-world ceiling', ceiling);

    const { server, base, startupSeconds } = await startCityServer(dataDir, { JOBS: '0' });
    results.startupWithCitySeedSeconds = startupSeconds;
    try {
      const { cookie } = await loginAs(base, 'admin');
      // every org id of the city, from the admin's own view (lazy walk of two levels + search)
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const r = await (
          await fetch(`${base}/api/v1/orgs?pageSize=200&page=${page}`, { headers: { cookie } })
        ).json();
        ids.push(...r.items.map((o: { id: string }) => o.id));
        if (ids.length >= r.total) break;
      }
      results.orgs = ids.length;
      const randomPath = (suffix: string) => (req: object) => ({
        ...req,
        path: `/api/v1/orgs/${ids[Math.floor(Math.random() * ids.length)]}${suffix}`,
      });
      const authed = { headers: { cookie } };

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
        body: JSON.stringify({ username: 'admin', password: 'Hongyun@2026' }),
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

      const ratio = (f: Figures) => Math.round((f.rps / ceiling.rps) * 1000) / 1000;
      Object.assign(results, {
        a_helloCeiling: ceiling,
        b_children: { ...children, ratioToCeiling: ratio(children) },
        c_subtreeCount: { ...subtree, ratioToCeiling: ratio(subtree) },
        d_logins: { ...logins, ratioToCeiling: ratio(logins) },
        b_childrenDuringLogins: { ...childrenDuringLogins, ratioToCeiling: ratio(childrenDuringLogins) },
        d_loginsDuringChildren: loginsDuringChildren,
        targets: {
          'b p99 < 20 ms': children.p99 < 20,
          'c p99 < 20 ms': subtree.p99 < 20,
          'b p99 during logins < 50 ms': childrenDuringLogins.p99 < 50,
        },
      });
    } finally {
      await stopProcess(server);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('written to', writeResults('foundation', results));
  return results;
}
