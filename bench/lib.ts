import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { httpLogin } from '../server/test/http-login.ts';

export const root = path.resolve(import.meta.dirname, '..');

export type Figures = {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
};

/**
 * A load run counts only if every request was answered, with a 2xx: every target requires it,
 * so a run that failed (a lost session, a refused request, a crash) cannot pass as fast.
 */
export const clean = (f: Figures) => f.requests > 0 && f.errors === 0 && f.non2xx === 0;

/** One load run; latencies in milliseconds. */
export async function load(opts: autocannon.Options): Promise<Figures> {
  const r = await autocannon({ duration: 10, connections: 10, ...opts });
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a child node process and waits until `ready()` says so. */
export async function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // the tail of its output, for the error message if it dies (a whole run's log would grow without end)
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // a city seed takes about six minutes on a quiet machine, three times that on a busy one
  const deadline = Date.now() + 2_400_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`process exited:\n${log}`);
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`not ready in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return child;
}

export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
}

export function writeResults(name: string, data: object) {
  const file = path.join(root, 'bench/results', `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** The real server on a fresh city-scale demo (25,000 orgs, 680,000 members) in `dataDir`. */
export async function startCityServer(dataDir: string, env: NodeJS.ProcessEnv = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const server = await startProcess(
    ['server/src/main.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_SCALE: 'city',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
      // the load of a benchmark comes from one address: the public pages' per-address limit must not refuse it
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_NAME_LIMIT: '100000000',
      ...env,
    },
    async () => (await fetch(`${base}/readyz`)).ok,
  );
  return { server, base, startupSeconds: (Date.now() - t0) / 1000 };
}

/**
 * Logs in as a demo account (a dept admin passes its second factor: server/test/http-login.ts):
 * the cookie header to send, and the CSRF token for writes. Throws
 * unless the login succeeded: a failed setup must stop the benchmark, not turn it into a
 * measurement of fast refusals.
 */
export async function loginAs(base: string, username: string) {
  const { cookie, csrf } = await httpLogin(base, username);
  return { cookie, csrf };
}

/** A setup request (GET unless `init` says otherwise) whose JSON answer is needed: throws unless 2xx. */
export async function call<T>(base: string, cookie: string, url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${url}`, { ...init, headers: { cookie, ...init.headers } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}
