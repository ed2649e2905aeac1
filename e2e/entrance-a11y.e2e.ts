import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  newPage,
  rememberedDevice,
  screenshot,
  seriousIssues,
} from './browser.ts';

/** Logs in through the API in this page's context; false when the account needs more than its password. */
async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<boolean> {
  await rememberedDevice(page, username);
  const res = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  return res.ok() && !('step' in (await res.json()));
}

// Issue 17, item 8: axe-core finds no serious or critical issue where a member or the public goes —
// the login page, the portal (/), the member app (/m), the workbench and the kiosk. Item 5: the
// member app installs as a PWA.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, what: string) {
  const issues = await seriousIssues(page);
  expect(issues, `${what}:\n${issues.join('\n')}`).toEqual([]);
}

describe('axe-core: no serious or critical issue on the entrances', () => {
  test('the public portal (/), standard and 长辈版', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await page.goto('/');
    await expect.poll(() => page.locator('h2').count()).toBeGreaterThan(0);
    await expectAccessible(page, '/');
    await screenshot(page, 'entrance-portal');
    await page.goto('/?elder=1');
    expect(await page.locator('html').getAttribute('class')).toContain('hy-elder');
    await expectAccessible(page, '/?elder=1');
    await page.goto(`/search?q=${encodeURIComponent('党日')}`);
    await expectAccessible(page, '/search');
    await page.context().close();
  });

  test('the login page, standard and 长辈版', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    await expectAccessible(page, '/login');
    await page.getByTestId('elder-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('hy-elder');
    await expectAccessible(page, '/login (长辈版)');
    await screenshot(page, 'entrance-login-elder');
    await page.context().close();
  });

  test('the member app home (/m) at phone width', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    expect(await signIn(page, 'member')).toBe(true);
    await page.goto('/m');
    await page.getByTestId('member-name').waitFor();
    await expectAccessible(page, '/m');
    await page.context().close();
  });

  test('the workbench (/workbench)', async () => {
    const page = await newPage(browser);
    try {
      // the department admin: its device is remembered for the second step (e2e/setup.ts)
      expect(await signIn(page, 'admin')).toBe(true);
      await page.goto('/workbench');
      // the workbench itself, not the loading screen before it
      await page.getByTestId('workbench').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid^="todo-"]').first().waitFor({ timeout: 30_000 });
      await expectAccessible(page, '/workbench');
      await screenshot(page, 'entrance-workbench');
    } finally {
      await page.context().close();
    }
  });

  test('the kiosk (/kiosk) at 1080×1920, before a terminal is registered', async () => {
    // the registered kiosk's home and halls: e2e/kiosk.e2e.ts runs axe there
    const page = await newPage(browser, { width: 1080, height: 1920 });
    try {
      await page.goto('/kiosk');
      await page.getByTestId('kiosk-register').waitFor({ timeout: 30_000 });
      await expectAccessible(page, '/kiosk');
      await screenshot(page, 'entrance-kiosk');
    } finally {
      await page.context().close();
    }
  });
});

describe('the member app installs as a PWA and keeps only its shell', () => {
  test('manifest, icons and service worker are served with their types; the worker controls /m', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    const manifest = await page.request.get('/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const m = (await manifest.json()) as {
      name: string;
      start_url: string;
      icons: { src: string; sizes: string }[];
    };
    expect(m.name).toBe('红云智慧党建平台');
    for (const size of ['192x192', '512x512']) {
      const icon = m.icons.find((i) => i.sizes === size);
      expect(icon, size).toBeTruthy();
      const res = await page.request.get(icon!.src);
      expect(res.headers()['content-type'], size).toBe('image/png');
    }
    const sw = await page.request.get('/sw.js');
    expect(sw.headers()['content-type']).toMatch(/javascript/);

    expect(await signIn(page, 'member')).toBe(true);
    await page.goto('/m');
    await page.getByTestId('member-name').waitFor();
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/');
    // once the worker controls the page, what it keeps is the shell only: no API answer, no personal data
    await page.reload();
    await page.getByTestId('member-name').waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.text()));
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(kept).toContain('/index.html');
    expect(kept.some((u) => u.startsWith('/assets/') && u.endsWith('.js'))).toBe(true);
    expect(kept.filter((u) => u.startsWith('/api/'))).toEqual([]);
    const me = await page.evaluate(
      () => document.querySelector('[data-testid="member-name"]')?.textContent ?? '',
    );
    for (const name of await page.evaluate(() => caches.keys()))
      expect(
        await page.evaluate(
          async ([n, text]) => {
            for (const req of await (await caches.open(n)).keys()) {
              const body = await (await caches.match(req))!.text();
              if (text && body.includes(text)) return req.url;
            }
            return null;
          },
          [name, me] as const,
        ),
      ).toBeNull();
    await page.context().close();
  });
});
