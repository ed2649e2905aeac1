import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importWorkbook, sampleRow } from '../server/src/modules/members/excel/test-workbooks.ts';
import { load, loginAs, machine, startCityServer, stopProcess, writeResults } from './lib.ts';

/**
 * Members benchmark at city scale (25,000 orgs, 680,000 members): the filtered member list of a
 * random town's subtree, and exact ID-number search (blind index). autocannon reports p97.5 and
 * p99, both at or above the p95 the targets name, so a pass on them is a pass on p95.
 */
export async function members() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-members-'));
  const results: Record<string, unknown> = { machine: machine(), scale: 'city' };
  try {
    const { server, base, startupSeconds } = await startCityServer(dataDir);
    results.startupWithCitySeedSeconds = startupSeconds;
    try {
      const { cookie, csrf } = await loginAs(base, 'admin');
      const get = async (url: string) => (await fetch(`${base}${url}`, { headers: { cookie } })).json();
      results.members = (await get('/api/v1/members?pageSize=1')).total;
      // the towns and streets of every district
      const towns: string[] = [];
      for (const district of (await get('/api/v1/orgs/1/children?pageSize=50')).items) {
        const kids = (await get(`/api/v1/orgs/${district.id}/children?pageSize=50`)).items;
        towns.push(
          ...kids
            .filter((k: { kind: string }) => k.kind !== 'branch')
            .slice(0, 14)
            .map((k: { id: string }) => k.id),
        );
      }
      // real ID numbers to search for: revealed through the audited route, as an admin would
      const sample = (await get('/api/v1/members?pageSize=200&page=37')).items.map(
        (m: { id: string }) => m.id,
      );
      const ids: string[] = [];
      for (const id of sample) {
        const r = await fetch(`${base}/api/v1/members/${id}/reveal`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf },
        });
        ids.push((await r.json()).idNumber);
      }
      // (1) import of a 50,000-row workbook, end to end: upload, validate, write, done
      const branch = (await get('/api/v1/orgs?kind=branch&pageSize=1&page=500')).items[0];
      const rows = Array.from({ length: 50_000 }, () => sampleRow(branch.code));
      const xlsx = await importWorkbook(rows);
      const form = new FormData();
      form.set('orgId', String(branch.id));
      form.set('file', new Blob([new Uint8Array(xlsx)]), 'bench-50000.xlsx');
      const t1 = Date.now();
      const started = await fetch(`${base}/api/v1/members/imports`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
        body: form,
      });
      const job = await started.json();
      if (started.status !== 202) throw new Error(`import refused: ${JSON.stringify(job)}`);
      let status = job;
      while (status.status !== 'done' && status.status !== 'failed') {
        await new Promise((r) => setTimeout(r, 250));
        status = await get(`/api/v1/members/imports/${job.id}`);
      }
      results.import50k = {
        rows: rows.length,
        fileMiB: Math.round((xlsx.length / 2 ** 20) * 10) / 10,
        status: status.status,
        secondsEndToEnd: (Date.now() - t1) / 1000,
      };
      console.log('import of 50,000 rows', results.import50k);

      const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)];
      const run = async (name: string, makePath: () => string) => {
        const opts = {
          url: base,
          headers: { cookie },
          requests: [
            {
              method: 'GET' as const,
              setupRequest: ((req: object) => ({ ...req, path: makePath() })) as never,
            },
          ],
        };
        await load({ ...opts, duration: 3 });
        const f = await load(opts);
        console.log(name, f);
        return f;
      };
      const list = await run(
        'member list, town subtree, status filter, page 1',
        () => `/api/v1/members?orgId=${pick(towns)}&status=full&pageSize=20`,
      );
      const listAny = await run(
        'member list, town subtree, no filter, random page',
        () => `/api/v1/members?orgId=${pick(towns)}&page=${1 + Math.floor(Math.random() * 20)}`,
      );
      const byId = await run('exact ID-number search', () => `/api/v1/members?q=${pick(ids)}`);
      Object.assign(results, {
        towns: towns.length,
        listTownFiltered: list,
        listTownPaged: listAny,
        idSearch: byId,
        targets: {
          'import 50,000 rows < 60 s':
            (results.import50k as { secondsEndToEnd: number }).secondsEndToEnd < 60,
          'list p95 < 100 ms (p97.5 shown)': list.p97_5 < 100 && listAny.p97_5 < 100,
          'ID search p95 < 20 ms (p97.5 shown)': byId.p97_5 < 20,
        },
      });
    } finally {
      await stopProcess(server);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('written to', writeResults('members', results));
  return results;
}
