import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** A JSON call made from the signed-in page, as the web app makes it (session cookie, CSRF header). */
async function call<T>(page: Page, method: string, url: string, body?: object): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.match(/(?:^|; )hy_csrf=([^;]+)/)?.[1] ?? '';
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

describe('a study card at a shared station PC', () => {
  it('the member app signs the card out after its idle minutes without a touch, and says why', {
    timeout: 180_000,
  }, async () => {
    // the town admin gives a village branch's member a study card
    const admin = await newPage(browser);
    await admin.goto('/login');
    await admin.getByTestId('login-username').fill('town_admin');
    await admin.getByTestId('login-password').fill('Hongyun@2026');
    await admin.getByTestId('login-submit').click();
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    const branches = await call<{ items: { id: string }[] }>(
      admin,
      'GET',
      `/orgs?kind=branch&q=${encodeURIComponent('村')}&pageSize=5`,
    );
    // cards for the members without one; where the demo seed gave every member one, a new password
    const branch = branches.items.at(-1)!.id;
    const issued = await call<{ items: { cardNo: string; password: string }[] }>(
      admin,
      'POST',
      '/members/cards/issue',
      { orgId: branch, onlyWithout: true },
    );
    const people = await call<{ items: { id: string }[] }>(
      admin,
      'GET',
      `/members?orgId=${branch}&status=full&pageSize=1`,
    );
    const card =
      issued.items[0] ??
      (await call<{ cardNo: string; password: string }>(
        admin,
        'POST',
        `/members/${people.items[0]!.id}/card/reset`,
        {},
      ));
    expect(card).toBeTruthy();

    // a member signs in with the card at the station PC (CARD_IDLE_MINUTES is 1 in e2e/setup.ts)
    const kiosk = await newPage(browser);
    await kiosk.goto('/login');
    await kiosk.getByTestId('login-username').fill(card.cardNo);
    await kiosk.getByTestId('login-password').fill(card.password);
    await kiosk.getByTestId('login-submit').click();
    await kiosk.waitForURL((u) => u.pathname.startsWith('/m'));
    const me = await call<{ viaCard: boolean; idleMinutes: number; actions: string[] }>(
      kiosk,
      'GET',
      '/auth/me',
    );
    expect(me.viaCard).toBe(true);
    expect(me.idleMinutes).toBe(1);
    expect(me.actions).not.toContain('member.manage');
    await screenshot(kiosk, 'card-idle-01-signed-in');

    // the member walks away: a minute later the screen is signed out and says so
    const walkedAway = Date.now();
    await kiosk.waitForURL((u) => u.pathname.startsWith('/login'), { timeout: 120_000, waitUntil: 'commit' });
    expect(Date.now() - walkedAway).toBeGreaterThan(55_000);
    await expect.poll(() => kiosk.locator('body').textContent()).toContain('登录已过期');
    await screenshot(kiosk, 'card-idle-02-signed-out');
    // and the server no longer knows the session
    const after = await kiosk.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(after).toBe(401);
  });
});
