import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/open.ts';
import { heartbeats } from './learning/heartbeat.ts';
import { recommendHitRates } from './learning/recommend.ts';
import { searchP95 } from './learning/search.ts';
import { stationMonthly } from './learning/stations.ts';
import { yearSummary } from './learning/year-summary.ts';
import { loginAs, machine, startCityServer, stopProcess, writeResults } from './lib.ts';

/**
 * Issue 14 at city scale (25,000 orgs, 680,000 members, 18,000 courses, a year of study): the
 * heartbeat against the app's own /healthz and a bare route, the yearly study summary of an org
 * subtree, Chinese search of the library, the stations' month view, and the recommendations'
 * hit rate against the popularity baseline (bench/learning/recommend.ts, on the city's data once
 * the server has stopped). Each part in bench/learning/ says what it measures
 * and when its run counts. The server runs with TEST_CLOCK=1: the heartbeat part dates each
 * member's beats 15 s apart on its own virtual clock, as a member studying for real would send them.
 */
export async function learning() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-learning-'));
  const results: Record<string, unknown> = { machine: machine(), scale: 'city' };
  try {
    const { server, base, startupSeconds } = await startCityServer(dataDir, { TEST_CLOCK: '1' });
    results.startupWithCitySeedSeconds = startupSeconds;
    try {
      const admin = await loginAs(base, 'admin');
      const member = await loginAs(base, 'member');
      Object.assign(results, await searchP95(base, admin, member));
      Object.assign(results, await yearSummary(base, admin));
      Object.assign(results, await stationMonthly(base, admin));
      Object.assign(results, await heartbeats(base, admin));
      const n = (k: string) => results[k] as number;
      // a heartbeat figure counts only from rounds without an error or a non-2xx answer
      const clean = (results.heartbeat as { clean: boolean }).clean;
      results.targets = {
        'heartbeat p99 < 50 ms': clean && n('heartbeat.p99Ms') < 50,
        'heartbeat ≥ 0.40 × /healthz': clean && n('heartbeat.ratioToHealthz') >= 0.4,
        'no acknowledged second lost': n('heartbeat.lost') === 0,
        'yearly study summary of a subtree p95 < 200 ms': n('yearSummaryP95Ms') < 200,
        'search over 18,000 courses p95 < 100 ms': n('searchP95Ms') < 100,
      };
    } finally {
      await stopProcess(server);
    }
    // the recommendations' hit rate, on the city's own data (the server stopped, its database opened here)
    const database = await openDatabase(loadConfig({ DATA_DIR: dataDir }));
    try {
      Object.assign(results, await recommendHitRates(database.db));
    } catch (err) {
      // the other figures stand; this one says why it is missing
      results.recommendFailed = String(err instanceof Error ? err.message : err).slice(0, 2000);
    } finally {
      await database.shutdown();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('targets', results.targets);
  console.log('written to', writeResults('learning', results));
  return results;
}
