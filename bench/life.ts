import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginAs, machine, startCityServer, stopProcess, writeResults } from './lib.ts';
import { noticeFanout } from './life/notices.ts';
import { publicOrgPage } from './life/public-page.ts';
import { signIn200 } from './life/sign-in.ts';

/**
 * Issue 13 at city scale (25,000 orgs, 680,000 members): the public org page, 200 members signing
 * in to one activity within a minute, and an announcement's notice to a town of 10,000 members.
 * Each part in bench/life/ says what it measures and when its run counts.
 */
export async function life() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-life-'));
  const results: Record<string, unknown> = { machine: machine(), scale: 'city' };
  try {
    const { server, base, startupSeconds } = await startCityServer(dataDir);
    results.startupWithCitySeedSeconds = startupSeconds;
    try {
      const admin = await loginAs(base, 'admin');
      Object.assign(results, await publicOrgPage(base, admin));
      Object.assign(results, await signIn200(base, admin));
      Object.assign(results, await noticeFanout(base, admin));
      results.targets = {
        'public org page with 100 posts, no login, p95 < 50 ms (p97.5 shown)':
          (results.publicOrgPageP95Ms as number) < 50,
        '200 members signing in within 60 s, p99 < 200 ms, no error':
          (results.signIn200P99Ms as number) < 200 && results.signInErrors === 0,
        'an announcement to a town of 10,000 members, receipts created, < 5 s':
          (results.noticeFanout10kSeconds as number) < 5,
      };
    } finally {
      await stopProcess(server);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('targets', results.targets);
  console.log('written to', writeResults('life', results));
  return results;
}
