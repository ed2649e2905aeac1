import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kioskHeartbeats } from './entrance/kiosk.ts';
import { oidcFlows } from './entrance/oidc.ts';
import { portal } from './entrance/portal.ts';
import { entranceWeight } from './entrance/weight.ts';
import { freePort, loginAs, machine, startProcess, stopProcess, writeResults } from './lib.ts';

/**
 * Issue 17, the one entrance, into bench/results/entrance.json: the portal against /healthz, the
 * JavaScript of the member home and the kiosk as Chromium downloads them, full OpenID Connect code
 * flows for 1,000 users, and 10,000 kiosk terminals heartbeating within a minute — one district
 * demo server (the production build), started here, with the per-address limits raised because
 * every request comes from this one machine.
 */
export async function entrance() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-entrance-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    ['server/src/main.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: base,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_NAME_LIMIT: '1000000',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    async () => (await fetch(`${base}/readyz`)).ok,
  );
  try {
    const p = await portal(base);
    const w = await entranceWeight(base);
    const townAdmin = await loginAs(base, 'town_admin');
    const o = await oidcFlows(base, { admin: townAdmin });
    const k = await kioskHeartbeats(base, townAdmin);
    const n = (r: object, key: string) => Number((r as Record<string, unknown>)[key]);
    const results = {
      machine: machine(),
      portalP95Ms: n(p, 'portalP95Ms'),
      portalRatioToHealthz: n(p, 'portalRatioToHealthz'),
      oidcCodeFlowsPerSecond: n(o, 'oidcCodeFlowsPerSecond'),
      kioskHeartbeats10kP99Ms: n(k, 'kioskHeartbeats10kP99Ms'),
      memberHomeJsKb: n(w, 'memberHomeJsKb'),
      kioskJsKb: n(w, 'kioskJsKb'),
      targets: {
        'portal p95 < 50 ms': n(p, 'portalP95Ms') < 50,
        '10,000 kiosk heartbeats in a minute, p99 < 100 ms': n(k, 'kioskHeartbeats10kP99Ms') < 100,
        'member home JS ≤ 200 kB': n(w, 'memberHomeJsKb') <= 200,
        'kiosk JS ≤ 200 kB': n(w, 'kioskJsKb') <= 200,
      },
      portal: p,
      weight: w,
      oidc: o,
      kiosk: k,
    };
    console.log('targets', results.targets);
    console.log('written to', writeResults('entrance', results));
    return results;
  } finally {
    await stopProcess(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
