import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COL } from '../server/src/modules/members/excel/columns.ts';
import { importWorkbook, sampleRow } from '../server/src/modules/members/excel/test-workbooks.ts';
import { call, clean, load, loginAs, machine, startCityServer, stopProcess, writeResults } from './lib.ts';

type Page<T> = { items: T[]; total: number };
type Org = { id: string; kind: string; code: string };

/**
 * Members benchmark at city scale (25,000 orgs, 680,000 members): the filtered member list of a
 * random town's subtree, and exact ID-number search (blind index). autocannon reports p97.5 and
 * p99, both at or above the p95 the targets name, so a pass on them is a pass on p95. Every setup
 * call must succeed, the import must finish with all its rows written, and a load figure counts
 * only with no errors and no non-2xx answer.
 */
export async function members() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-members-'));
  const results: Record<string, unknown> = { machine: machine(), scale: 'city' };
  try {
    const { server, base, startupSeconds } = await startCityServer(dataDir);
    results.startupWithCitySeedSeconds = startupSeconds;
    try {
      const { cookie, csrf } = await loginAs(base, 'admin');
      const get = <T>(url: string) => call<T>(base, cookie, url);
      results.members = (await get<Page<unknown>>('/api/v1/members?pageSize=1')).total;
      // the towns and streets of every district
      const towns: string[] = [];
      for (const district of (await get<Page<Org>>('/api/v1/orgs/1/children?pageSize=50')).items) {
        const kids = (await get<Page<Org>>(`/api/v1/orgs/${district.id}/children?pageSize=50`)).items;
        towns.push(
          ...kids
            .filter((k) => k.kind !== 'branch')
            .slice(0, 14)
            .map((k) => k.id),
        );
      }
      if (towns.length < 100) throw new Error(`expected the towns of a city, found ${towns.length}`);
      // real ID numbers to search for: revealed through the audited route, as an admin would
      const sample = (await get<Page<{ id: string }>>('/api/v1/members?pageSize=200&page=37')).items.map(
        (m) => m.id,
      );
      if (sample.length !== 200) throw new Error(`expected 200 members on page 37, got ${sample.length}`);
      const ids: string[] = [];
      for (const id of sample) {
        const { idNumber } = await call<{ idNumber: string }>(base, cookie, `/api/v1/members/${id}/reveal`, {
          method: 'POST',
          headers: { 'x-csrf-token': csrf },
        });
        if (!/^\d{17}[\dX]$/.test(idNumber)) throw new Error(`reveal of member ${id} gave no ID number`);
        ids.push(idNumber);
      }
      // (1) import of a 50,000-row workbook, end to end: upload, validate, write, done
      const branch = (await get<Page<Org>>('/api/v1/orgs?kind=branch&pageSize=1&page=500')).items[0];
      if (!branch) throw new Error('no branch to import into');
      const inBranch = async () =>
        (await get<Page<unknown>>(`/api/v1/members?orgId=${branch.id}&pageSize=1`)).total;
      const before = await inBranch();
      const rows = Array.from({ length: 50_000 }, () => sampleRow(branch.code));
      const xlsx = await importWorkbook(rows);
      const form = new FormData();
      form.set('orgId', String(branch.id));
      form.set('file', new Blob([new Uint8Array(xlsx)]), 'bench-50000.xlsx');
      const t1 = Date.now();
      type Job = {
        id: string;
        status: string;
        total: number;
        processed: number;
        errorCount: number;
        message: string | null;
      };
      const job = await call<Job>(base, cookie, '/api/v1/members/imports', {
        method: 'POST',
        headers: { 'x-csrf-token': csrf },
        body: form,
      });
      let status = job;
      while (status.status !== 'done' && status.status !== 'failed') {
        if (Date.now() - t1 > 600_000) throw new Error(`import still ${status.status} after 10 minutes`);
        await new Promise((r) => setTimeout(r, 250));
        status = await get<Job>(`/api/v1/members/imports/${job.id}`);
      }
      const seconds = (Date.now() - t1) / 1000;
      const written = (await inBranch()) - before;
      results.import50k = {
        rows: rows.length,
        fileMiB: Math.round((xlsx.length / 2 ** 20) * 10) / 10,
        status: status.status,
        total: status.total,
        processed: status.processed,
        errorCount: status.errorCount,
        membersWritten: written,
        secondsEndToEnd: seconds,
      };
      console.log('import of 50,000 rows', results.import50k);
      if (status.status !== 'done') throw new Error(`import ${status.status}: ${status.message}`);
      const imported =
        status.total === rows.length &&
        status.processed === rows.length &&
        status.errorCount === 0 &&
        written === rows.length;

      // (2) an import that updates: 50,000 rows, 20,000 of them ID numbers just imported (their
      // work unit changed), 30,000 new; validated and previewed, then confirmed at once (the
      // figure is upload → done, without the person reading the preview)
      const updRows = [
        ...rows.slice(0, 20_000).map((r) => {
          const c = [...r];
          c[COL.workUnit - 1] = '基准测试更新后的工作单位';
          return c;
        }),
        ...Array.from({ length: 30_000 }, () => sampleRow(branch.code)),
      ];
      const updXlsx = await importWorkbook(updRows);
      const beforeUpsert = await inBranch();
      const form2 = new FormData();
      form2.set('orgId', String(branch.id));
      form2.set('mode', 'update');
      form2.set('file', new Blob([new Uint8Array(updXlsx)]), 'bench-upsert-50000.xlsx');
      type UpsertJob = Job & { createdCount: number; updatedCount: number };
      const t2 = Date.now();
      const upJob = await call<UpsertJob>(base, cookie, '/api/v1/members/imports', {
        method: 'POST',
        headers: { 'x-csrf-token': csrf },
        body: form2,
      });
      const poll = async (until: string[]) => {
        for (;;) {
          const st = await get<UpsertJob>(`/api/v1/members/imports/${upJob.id}`);
          if (until.includes(st.status) || st.status === 'failed') return st;
          if (Date.now() - t2 > 600_000) throw new Error(`upsert import still ${st.status} after 10 minutes`);
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const previewed = await poll(['previewed']);
      const previewSeconds = (Date.now() - t2) / 1000;
      if (previewed.status !== 'previewed')
        throw new Error(`upsert import ${previewed.status}: ${previewed.message}`);
      await call(base, cookie, `/api/v1/members/imports/${upJob.id}/confirm`, {
        method: 'POST',
        headers: { 'x-csrf-token': csrf },
      });
      const upDone = await poll(['done']);
      const upsertSeconds = (Date.now() - t2) / 1000;
      const added = (await inBranch()) - beforeUpsert;
      results.importUpsert50k = {
        rows: updRows.length,
        status: upDone.status,
        previewSeconds,
        createdCount: upDone.createdCount,
        updatedCount: upDone.updatedCount,
        membersAdded: added,
        secondsEndToEnd: upsertSeconds,
      };
      results.importUpsert50kSeconds = upsertSeconds;
      console.log('import of 50,000 rows, 20,000 updating', results.importUpsert50k);
      const upserted =
        upDone.status === 'done' &&
        upDone.updatedCount === 20_000 &&
        upDone.createdCount === 30_000 &&
        added === 30_000;

      const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)];
      const run = async (name: string, connections: number, makePath: () => string) => {
        const opts = {
          url: base,
          connections,
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
        'member list, town subtree, status filter, page 1 (32 connections)',
        32,
        () => `/api/v1/members?orgId=${pick(towns)}&status=full&pageSize=20`,
      );
      const listAny = await run(
        'member list, town subtree, no filter, random page (32 connections)',
        32,
        () => `/api/v1/members?orgId=${pick(towns)}&page=${1 + Math.floor(Math.random() * 20)}`,
      );
      const byId = await run(
        'exact ID-number search (10 connections)',
        10,
        () => `/api/v1/members?q=${pick(ids)}`,
      );
      // a district's arrears and its recruitment due list, first page with the whole list's totals
      const districts = (await get<Page<Org>>('/api/v1/orgs/1/children?pageSize=50')).items.map((d) => d.id);
      const arrearsRun = await run(
        'arrears, a district, first page with totals (4 connections)',
        4,
        () => `/api/v1/dues/arrears?orgId=${pick(districts)}&pageSize=20`,
      );
      const dueRun = await run(
        'pipeline due list, a district, first page (4 connections)',
        4,
        () => `/api/v1/pipeline/due?orgId=${pick(districts)}&pageSize=20`,
      );
      results.arrearsCityP95Ms = arrearsRun.p97_5;
      results.pipelineDueCityP95Ms = dueRun.p97_5;
      Object.assign(results, {
        arrearsCity: arrearsRun,
        pipelineDueCity: dueRun,
        towns: towns.length,
        listTownFiltered: list,
        listTownPaged: listAny,
        idSearch: byId,
        targets: {
          'import 50,000 rows, all written, < 60 s': imported && seconds < 60,
          'list p95 < 100 ms at 32 connections (p97.5 shown)':
            clean(list) && clean(listAny) && list.p97_5 < 100 && listAny.p97_5 < 100,
          'ID search p95 < 20 ms at 10 connections (p97.5 shown)': clean(byId) && byId.p97_5 < 20,
          'import 50,000 rows of which 20,000 update, < 60 s': upserted && upsertSeconds < 60,
          'arrears of a district, first page with totals, p95 < 300 ms (p97.5 shown)':
            clean(arrearsRun) && arrearsRun.p97_5 < 300,
          'pipeline due list of a district p95 < 300 ms (p97.5 shown)': clean(dueRun) && dueRun.p97_5 < 300,
        },
      });
    } finally {
      await stopProcess(server);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('targets', results.targets);
  console.log('written to', writeResults('members', results));
  return results;
}
