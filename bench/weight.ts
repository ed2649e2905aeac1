import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { freePort, machine, root, startProcess, stopProcess, writeResults } from './lib.ts';
import { CHROMIUM_FLAGS } from '../e2e/chromium-flags.ts';
import { httpLogin } from '../server/test/http-login.ts';

/** The weight goals of issue 11, in kB of 1,000 bytes as Chromium counts them on the wire. */
const TARGET_KB = { login: 200, member: 200, admin: 600 };

export type Resource = {
  url: string;
  type: string;
  status: number;
  encoding: string | null;
  cacheControl: string | null;
  /** bytes on the wire: headers and (compressed) body */
  bytes: number;
  /** the body once decompressed */
  decodedBytes: number;
};

/**
 * What the web app weighs: the production build served by the real server (district demo data),
 * opened in Chromium with an empty cache, every response's transfer size (Chromium's
 * encodedDataLength: headers + body as it crossed the network, compressed) added up until the
 * page is idle. Three pages: the login page, the member app /m for a member who is signed in,
 * the first admin screen (the org tree) for the district admin. The build runs first, so the
 * figures are those of the code in the tree.
 */
export async function weight() {
  const results: Record<string, unknown> = { machine: machine(), unit: 'kB = 1,000 bytes' };
  console.log('building the web app (npm run build)…');
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  results.build = buildSizes(path.join(root, 'dist/web/assets'));

  // as in the end-to-end tests (e2e/browser.ts): Debian's Chromium unless CHROMIUM_PATH says otherwise
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath}: install it or set CHROMIUM_PATH`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-weight-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    ['server/src/main.ts'],
    { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, JOBS: '0', LOG_LEVEL: 'warn' },
    async () => (await fetch(`${base}/readyz`)).ok,
  );
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_FLAGS,
  });
  try {
    const page = async (
      name: keyof typeof TARGET_KB,
      open: { url: string; as?: string; ready: (p: Page) => Promise<unknown> },
      allowed: (r: Resource) => boolean = () => false,
    ) => {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
      try {
        if (open.as) await signIn(context, base, open.as);
        const measured = await measure(context, open.url, open.ready);
        // the figures count only if the page really loaded as a user would see it
        const bad = measured.filter((r) => (r.status >= 400 || r.status === 0) && !allowed(r));
        if (bad.length) throw new Error(`${name}: failed requests ${JSON.stringify(bad)}`);
        // (a file under 1 KB may travel as it is: the build compresses only where it pays)
        const uncompressed = measured.filter(
          (r) =>
            ['Document', 'Script', 'Stylesheet'].includes(r.type) && !r.encoding && r.decodedBytes >= 1024,
        );
        if (uncompressed.length)
          throw new Error(`${name}: sent without compression ${JSON.stringify(uncompressed)}`);
        const mutable = measured.filter(
          (r) => new URL(r.url).pathname.startsWith('/assets/') && !r.cacheControl?.includes('immutable'),
        );
        if (mutable.length)
          throw new Error(`${name}: assets not cached as immutable ${JSON.stringify(mutable)}`);
        const sum = (rs: Resource[], k: 'bytes' | 'decodedBytes') => rs.reduce((n, r) => n + r[k], 0);
        const byType: Record<string, number> = {};
        for (const r of measured) byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
        const figures = {
          url: open.url,
          signedInAs: open.as ?? null,
          bytes: sum(measured, 'bytes'),
          kB: Math.round(sum(measured, 'bytes') / 100) / 10,
          decodedKB: Math.round(sum(measured, 'decodedBytes') / 100) / 10,
          requests: measured.length,
          bytesByType: byType,
          resources: measured.map((r) => ({ ...r, url: new URL(r.url).pathname + new URL(r.url).search })),
        };
        console.log(
          `${name.padEnd(7)} ${String(figures.kB).padStart(7)} kB on the wire (${figures.decodedKB} kB decoded) in ${figures.requests} requests`,
        );
        return figures;
      } finally {
        await context.close();
      }
    };

    const login = await page(
      'login',
      { url: '/login', ready: (p) => p.getByTestId('login-submit').waitFor() },
      // the login page asks who is signed in; nobody is: that 401 is the expected answer
      (r) => r.status === 401 && new URL(r.url).pathname === '/api/v1/auth/me',
    );
    const member = await page('member', {
      url: '/m',
      as: 'member',
      ready: (p) => p.getByTestId('member-name').waitFor(),
    });
    const admin = await page('admin', {
      url: '/orgs',
      as: 'admin',
      ready: async (p) => {
        await p.waitForURL(/\/orgs/);
        await p.locator('[data-testid^="org-node-"]').first().waitFor();
      },
    });
    Object.assign(results, {
      login,
      member,
      admin,
      targets: {
        [`login page ≤ ${TARGET_KB.login} kB`]: login.kB <= TARGET_KB.login,
        [`member app ≤ ${TARGET_KB.member} kB`]: member.kB <= TARGET_KB.member,
        [`first admin screen ≤ ${TARGET_KB.admin} kB`]: admin.kB <= TARGET_KB.admin,
      },
    });
  } finally {
    await browser.close();
    await stopProcess(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('targets', results.targets);
  console.log('written to', writeResults('weight', results));
  return results;
}

/**
 * Signs in through the API (a dept admin passes its second factor: server/test/http-login.ts) and
 * hands the session's cookies to this browser context.
 */
async function signIn(context: BrowserContext, base: string, username: string) {
  const { cookie } = await httpLogin(base, username);
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const i = pair.indexOf('=');
      return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base };
    }),
  );
}

/** Opens `url` in a fresh page and records every response until the page is ready and idle. */
export async function measure(context: BrowserContext, url: string, ready: (p: Page) => Promise<unknown>) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const seen = new Map<string, Partial<Resource>>();
  const done: Resource[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    seen.set(e.requestId, {
      ...seen.get(e.requestId),
      url: e.response.url,
      type: e.type,
      status: e.response.status,
      encoding: h['content-encoding'] ?? null,
      cacheControl: h['cache-control'] ?? null,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = seen.get(e.requestId) ?? {};
    seen.set(e.requestId, { ...r, decodedBytes: (r.decodedBytes ?? 0) + e.dataLength });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) done.push({ decodedBytes: 0, ...r, bytes: e.encodedDataLength } as Resource);
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = seen.get(e.requestId);
    done.push({
      url: r?.url ?? e.requestId,
      type: e.type,
      status: 0,
      encoding: null,
      cacheControl: null,
      bytes: 0,
      decodedBytes: 0,
    });
  });
  await cdp.send('Network.enable');
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  return done;
}

/** The build's own sizes: every script and style sheet, raw and as sent (brotli, gzip). */
function buildSizes(dir: string) {
  let raw = 0;
  let br = 0;
  let gz = 0;
  for (const f of fs.readdirSync(dir).filter((f) => /\.(js|css)$/.test(f))) {
    const size = (p: string) =>
      fs.existsSync(p) ? fs.statSync(p).size : fs.statSync(path.join(dir, f)).size;
    raw += fs.statSync(path.join(dir, f)).size;
    br += size(path.join(dir, `${f}.br`));
    gz += size(path.join(dir, `${f}.gz`));
  }
  const kB = (n: number) => Math.round(n / 100) / 10;
  return { scriptsAndStylesKB: kB(raw), brotliKB: kB(br), gzipKB: kB(gz) };
}
