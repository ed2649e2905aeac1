import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../server/src/platform/auth/totp.ts';
import { apiLogin, baseUrl, launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// 两步验证 end to end (issue 17, item 3): a secretary switches it on from the account page with an
// authenticator (the test plays the phone: it computes the code from the secret on screen), logs
// in again with the password and the code and lands on the workbench; a remembered device skips
// the code; an admin resets it.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const USERNAME = `totp_sec_${Date.now().toString(36)}`;
const PASSWORD = 'Qinghe@2026!';

async function api<T>(session: { cookie: string; csrf: string }, method: string, url: string, data?: object) {
  const res = await fetch(`${baseUrl()}/api/v1${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: data ? JSON.stringify(data) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The authenticator's code, waiting for a fresh one if the last code used is still showing. */
async function freshCode(secret: string, used: Set<string>) {
  for (;;) {
    const code = totpAt(secret, new Date());
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 300));
  }
}

async function typePassword(page: Page) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(USERNAME);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('two-step verification for a secretary', () => {
  let userId = '';
  const used = new Set<string>();
  let secret = '';

  beforeAll(async () => {
    // a secretary of the demo village branch, with an account of their own (not the demo's)
    const demoSecretary = await apiLogin('secretary');
    const me = await api<{ grants: { role: string; orgId: string }[] }>(demoSecretary, 'GET', '/auth/me');
    const branch = me.grants.find((g) => g.role === 'secretary')!.orgId;
    const admin = await apiLogin('admin');
    const created = await api<{ id: string }>(admin, 'POST', '/users', {
      username: USERNAME,
      displayName: '周立新',
      orgId: branch,
      password: 'Init@2026xy',
      grants: [{ role: 'secretary', orgId: branch }],
    });
    userId = created.id;
    const first = await apiLogin(USERNAME, 'Init@2026xy');
    await api(first, 'POST', '/auth/password', { currentPassword: 'Init@2026xy', newPassword: PASSWORD });
  });

  it('switches it on from the account page with the QR code and the first code', async () => {
    const page = await newPage(browser);
    await logIn(page, USERNAME, PASSWORD);
    await page.goto('/account');
    await page.getByTestId('totp-start').click();
    await page
      .getByTestId('totp-qr')
      .or(page.locator('[data-testid="totp-card"] svg[role="img"]'))
      .first()
      .waitFor();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByTestId('totp-confirm-code').fill(await freshCode(secret, used));
    await page.getByTestId('totp-confirm').click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.getByTestId('totp-on').waitFor();
    await screenshot(page, 'totp-1-enrolled');
    await page.context().close();
  });

  it('the next login asks for the code and lands on the workbench; a remembered device skips it', async () => {
    const page = await newPage(browser);
    await typePassword(page);
    await page.getByTestId('login-code').waitFor();
    expect(page.url()).toContain('/login');
    await screenshot(page, 'totp-2-code-step');

    // a wrong code is said in words and the page stays
    const wrong = ['111111', '222222'].find((c) => c !== totpAt(secret, new Date()))!;
    await page.getByTestId('login-code').fill(wrong);
    await page.getByTestId('login-code-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('验证码不正确');

    await page.getByTestId('login-code').fill(await freshCode(secret, used));
    await page.getByTestId('login-remember').check();
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL((u) => u.pathname === '/workbench');
    await screenshot(page, 'totp-3-workbench');

    // signed out and in again on the same device: no code
    await page.evaluate(async () => {
      const csrf = document.cookie.match(/hy_csrf=([^;]+)/)?.[1] ?? '';
      await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    });
    await typePassword(page);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await page.context().close();
  });

  it('an admin resets it with a reason; the next login needs the password only', async () => {
    const admin = await apiLogin('admin');
    await api(admin, 'POST', `/users/${userId}/totp-reset`, { reason: '手机丢失，电话核实本人' });
    const page = await newPage(browser);
    await typePassword(page);
    await page.waitForURL((u) => u.pathname === '/workbench');
    const audit = await api<{ items: { action: string; targetId: string | null; after: unknown }[] }>(
      admin,
      'GET',
      '/audit?action=auth.totp_reset&pageSize=50',
    );
    const entry = audit.items.find((i) => i.targetId === userId);
    expect(JSON.stringify(entry?.after)).toContain('手机丢失');
    await page.context().close();
  });
});
