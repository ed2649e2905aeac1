import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../e2e/chromium-flags.ts';
import { measure, type Resource } from '../weight.ts';

/**
 * `memberHomeJsKb` and `kioskJsKb` (issue 17: each ≤ 200): the JavaScript a first visit downloads,
 * as Chromium counts it on the wire (encodedDataLength of every Script response: headers and
 * compressed body), with an empty cache — the member app's home (/m) for the demo member signed
 * in, and the kiosk's home (/kiosk) signed out. The same measurement as bench/weight.ts, which
 * counts every kind of response; here scripts only. Also the portal (/) as a whole, which has none.
 *
 * `base` is a running server built from the current tree (npm run build) with the demo seed.
 */
export async function entranceWeight(base: string) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath}: install it or set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  const kB = (n: number) => Math.round(n / 100) / 10;
  const scripts = (rs: Resource[]) => rs.filter((r) => r.type === 'Script');
  try {
    const open = async (url: string, as: string | null, ready: Parameters<typeof measure>[2]) => {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
      try {
        if (as) {
          const res = await context.request.post('/api/v1/auth/login', {
            data: { username: as, password: 'Hongyun@2026' },
          });
          if (res.status() !== 200) throw new Error(`login as ${as}: ${res.status()} ${await res.text()}`);
        }
        const measured = await measure(context, url, ready);
        const bad = measured.filter((r) => r.status === 0 || (r.status >= 400 && r.status !== 401));
        if (bad.length) throw new Error(`${url}: failed requests ${JSON.stringify(bad)}`);
        return measured;
      } finally {
        await context.close();
      }
    };

    const member = await open('/m', 'member', (p) => p.getByTestId('member-name').waitFor());
    const kiosk = await open('/kiosk', null, (p) => p.waitForLoadState('networkidle'));
    const portalPage = await open('/', null, (p) => p.locator('h2').first().waitFor());
    const sum = (rs: Resource[]) => rs.reduce((n, r) => n + r.bytes, 0);
    return {
      memberHomeJsKb: kB(sum(scripts(member))),
      kioskJsKb: kB(sum(scripts(kiosk))),
      portalKb: kB(sum(portalPage)),
      portalJsKb: kB(sum(scripts(portalPage))),
      memberHomeScripts: scripts(member).map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes })),
      kioskScripts: scripts(kiosk).map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes })),
    };
  } finally {
    await browser.close();
  }
}
