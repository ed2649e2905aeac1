import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_ACCOUNTS } from '../server/src/platform/auth/seed.ts';
import { httpLogin } from '../server/test/http-login.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** Remembered-device cookies (hy_device) of the demo accounts that owe a second factor. */
    devices: Record<string, string>;
  }
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * Starts the platform as a user would (`server/src/main.ts`: embedded PostgreSQL in a fresh data
 * folder, migrations, demo district) and serves the production build from dist/web.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-e2e-'));
  const port = await freePort();
  const server = spawn(process.execPath, ['server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // a study card's idle sign-out, seen in real time by e2e/card-idle.e2e.ts
      CARD_IDLE_MINUTES: '1',
      // "six months later" as a request header (X-Test-Now), for e2e/standard-members.e2e.ts
      TEST_CLOCK: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  // the demo seed takes about a minute on a quiet machine; a busy one (CI beside other jobs) needs more
  const deadline = Date.now() + 420_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server not ready in time:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
  // The demo dept admin must use two-step verification: it enrols once here, as a person would at
  // the first login, and asks for this "device" to be remembered. Every file's browser logins
  // then carry that cookie (e2e/browser.ts logIn) and skip the code; e2e/totp.e2e.ts walks the
  // code step itself with an account of its own.
  const devices: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS.filter((x) => x.role === 'dept_admin')) {
    const { device } = await httpLogin(baseUrl, a.username);
    if (device) devices[a.username] = device;
  }
  project.provide('devices', devices);
  project.provide('chromiumPath', process.env.CHROMIUM_PATH || '/usr/bin/chromium');
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
