import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoRp } from '../scripts/demo-rp.ts';
import { baseUrl, DEMO_PASSWORD, launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// Issue 17, item 2: a dept admin registers a sub-platform in the console (子平台接入) and is shown
// its secret once; the demo relying party (scripts/demo-rp.ts, openid-client) runs here on a free
// port with it; a member logged in to Hongyun opens the sub-platform, clicks 「使用红云账号登录」 and
// lands back signed in there without a second password; userinfo carries the org and roles; a
// redirect URI not registered stops at Hongyun's error page; logout goes through end_session.

const stamp = Date.now().toString(36);
const NAME = `党员积分管理E2E${stamp}`;

let browser: Browser;
let rp: Awaited<ReturnType<typeof startDemoRp>> | null = null;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await rp?.close();
  await browser?.close();
});

async function call<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`/api/v1${url}`);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('single sign-on into a sub-platform', () => {
  let clientId = '';
  let clientSecret = '';

  test('the dept admin registers the sub-platform and sees its secret once', async () => {
    // the RP's port first: its addresses are what the department registers
    rp = await startDemoRp({ port: 0, hongyunUrl: baseUrl(), clientId: 'pending', clientSecret: 'pending' });
    const rpUrl = rp.url;
    await rp.close();
    const admin = await newPage(browser);
    await logIn(admin, 'admin');
    await admin.goto('/sso/clients');
    await admin.getByTestId('sso-create').click();
    await admin.getByTestId('sso-name').fill(NAME);
    await admin.getByTestId('sso-redirects').fill(`${rpUrl}/callback`);
    await admin.getByTestId('sso-post-logout').fill(`${rpUrl}/`);
    await admin.getByTestId('sso-launch').fill(`${rpUrl}/login`);
    await admin.getByTestId('sso-first-party').click();
    await admin.getByTestId('sso-save').click();
    const secret = admin.getByTestId('sso-secret-value');
    await secret.waitFor();
    clientSecret = ((await secret.textContent()) ?? '').trim();
    expect(clientSecret.length).toBeGreaterThan(30);
    await screenshot(admin, 'sso-secret-once');
    await admin.keyboard.press('Escape');
    const list = await call<{ items: { name: string; clientId: string }[]; issuer: string }>(
      admin,
      '/sso/clients',
    );
    clientId = list.items.find((c) => c.name === NAME)?.clientId ?? '';
    expect(clientId).toMatch(/^hy-/);
    expect(list.issuer).toBe(`${baseUrl()}/oidc`);
    expect(JSON.stringify(list)).not.toContain(clientSecret);
    await expect.poll(async () => (await admin.getByTestId(`sso-client-${clientId}`).count()) > 0).toBe(true);
    await screenshot(admin, 'sso-clients');
    await admin.context().close();
    rp = await startDemoRp({
      port: Number(new URL(rpUrl).port),
      hongyunUrl: baseUrl(),
      clientId,
      clientSecret,
    });
  });

  test('a member logged in to Hongyun signs in to it without a second password', async () => {
    if (!rp) throw new Error('no RP');
    const page = await newPage(browser);
    await logIn(page, 'member');
    // the workbench's tile comes from here
    const tiles = await call<{ items: { clientId: string; launchUrl: string }[] }>(page, '/sso/tiles');
    expect(tiles.items.find((t) => t.clientId === clientId)?.launchUrl).toBe(`${rp.url}/login`);

    await page.goto(`${rp.url}/`);
    await page.getByTestId('rp-login').click();
    await page.getByTestId('rp-welcome').waitFor();
    expect(new URL(page.url()).origin).toBe(rp.url);
    expect(await page.getByTestId('rp-welcome').textContent()).toBe('欢迎，陈小梅');
    expect(await page.getByTestId('rp-roles').textContent()).toContain('member');
    // userinfo, as the sub-platform received it
    const info = JSON.parse((await page.getByTestId('rp-userinfo').textContent()) ?? '{}');
    expect(info).toMatchObject({ name: '陈小梅', roles: ['member'] });
    expect(info.org?.name).toBeTruthy();
    expect(await page.getByTestId('rp-org').textContent()).toBe(info.org.name);
    await screenshot(page, 'sso-rp-signed-in');

    // logout through Hongyun's end_session: a confirmation, then back to the sub-platform's start page
    await page.getByTestId('rp-logout').click();
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.getByTestId('rp-login').waitFor();
    expect(new URL(page.url()).origin).toBe(rp.url);
    await page.context().close();
  });

  test('the secretary opens its tile on the workbench and is signed in there without a second password', async () => {
    if (!rp) throw new Error('no RP');
    const page = await newPage(browser);
    await logIn(page, 'secretary');
    await page.waitForURL((u) => u.pathname === '/workbench');
    const tile = page.getByTestId(`sso-tile-${clientId}`);
    await tile.waitFor();
    await screenshot(page, 'sso-workbench-tile');
    await tile.click();
    await page.getByTestId('rp-welcome').waitFor();
    expect(new URL(page.url()).origin).toBe(rp.url);
    expect(await page.getByTestId('rp-welcome').textContent()).toBe('欢迎，刘建华');
    expect(await page.getByTestId('rp-roles').textContent()).toContain('secretary');
    await screenshot(page, 'sso-tile-signed-in');
    await page.context().close();
  });

  test('a redirect URI not registered stops at an error page on Hongyun, never leaving it', async () => {
    const page = await newPage(browser);
    await logIn(page, 'member');
    const q = new URLSearchParams({
      client_id: 'demo-points', // the demo seed's sub-platform
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:9/evil',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const res = await page.goto(`/oidc/auth?${q}`);
    expect(res?.status()).toBe(400);
    expect(new URL(page.url()).origin).toBe(baseUrl());
    await expect.poll(() => page.locator('body').textContent()).toContain('回调地址');
    await screenshot(page, 'sso-unregistered-redirect');
    await page.context().close();
  });

  test('a browser not logged in is sent to Hongyun’s login and comes back signed in', async () => {
    if (!rp) throw new Error('no RP');
    const page = await newPage(browser);
    await page.goto(`${rp.url}/`);
    await page.getByTestId('rp-login').click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toMatch(/^\/oidc\/interaction\//);
    await page.getByTestId('login-username').fill('secretary');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('rp-welcome').waitFor();
    expect(await page.getByTestId('rp-welcome').textContent()).toBe('欢迎，刘建华');
    await page.context().close();
  });
});
