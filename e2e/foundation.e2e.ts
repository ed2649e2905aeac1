import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiLogin, baseUrl, launchBrowser, newPage, rememberedDevice, screenshot } from './browser.ts';

const PASSWORD = 'Hongyun@2026';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, username: string, password = PASSWORD) {
  await rememberedDevice(page, username);
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}

/** The top orgs another account administers, asked of the API directly (the browser user may not). */
async function rootsOf(username: string): Promise<{ id: string; name: string }[]> {
  const { cookie } = await apiLogin(username);
  const res = await fetch(`${baseUrl()}/api/v1/orgs/roots`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string; name: string }[] }).items;
}

/** Tap targets of the phone pages: at least 44 × 44 px, main text at least 16 px. */
async function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a, input')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          text: el.textContent?.trim() || el.getAttribute('name') || el.tagName,
          w: r.width,
          h: r.height,
        };
      })
      .filter((t) => t.w < 44 || t.h < 44),
  );
}

describe('org tree, as the admin of one town (党组织管理员)', () => {
  test('creates a branch under a village, finds it by searching, and is refused another town', async () => {
    const page = await newPage(browser);
    await logIn(page, 'town_admin');

    // The console opens on the workbench (工作台); the org tree opens at the town (the top of this admin's scope).
    await page.waitForURL(/\/workbench$/);
    await page.goto('/orgs');
    await page.waitForURL(/\/orgs\/\d+$/);
    const townId = page.url().split('/').pop();
    await page.getByTestId('org-detail').waitFor();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toContain('清河镇');

    // A village with a general branch (党总支) can hold branches: open the first one in the tree.
    const village = page.locator('[data-testid^="org-node-"]').filter({ hasText: '党总支' }).first();
    await village.waitFor();
    const villageName = (await village.getAttribute('data-org-name')) ?? '';
    await village.click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(villageName);
    const villageId = page.url().split('/').pop();
    expect(villageId).not.toBe(townId);

    // Create a branch under it.
    const stamp = Date.now().toString(36).toUpperCase();
    const branchName = `${villageName.replace(/党总支$/, '')}新建测试党支部${stamp}`;
    await page.getByTestId('org-create-child').click();
    await page.getByTestId('org-form-name').fill(branchName);
    await page.getByTestId('org-form-code').fill(`E2E-${stamp}`);
    await screenshot(page, 'foundation-01-create-branch');
    await page.getByTestId('org-form-submit').click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(branchName);
    const branchId = page.url().split('/').pop() ?? '';
    expect(branchId).toMatch(/^\d+$/);
    expect(branchId).not.toBe(villageId);
    await expect.poll(() => page.getByTestId('org-detail').textContent()).toContain('党支部');

    // Start again from the top of the tree and find the new branch by typing part of its name.
    await page.goto('/orgs');
    await page.waitForURL(new RegExp(`/orgs/${townId}$`));
    await page.getByTestId('org-search').click();
    await page.keyboard.type(`新建测试党支部${stamp}`);
    await page.locator(`.ant-select-item-option[title="${branchName}"]`).click();
    await page.waitForURL(new RegExp(`/orgs/${branchId}$`));
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(branchName);
    // The tree opened down to it and shows it selected.
    await page.locator(`.ant-tree-node-selected [data-testid="org-node-${branchId}"]`).waitFor();
    await screenshot(page, 'foundation-02-found-by-search');

    // Another town's org, opened by its address, is refused in words with a way back.
    const [otherTown] = await rootsOf('town2_admin');
    expect(otherTown.id).not.toBe(townId);
    await page.goto(`/orgs/${otherTown.id}`);
    const refusal = page.getByTestId('status-403');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('无权访问该党组织');
    expect(await page.getByTestId('org-detail').count()).toBe(0);
    expect(await page.content()).not.toContain(otherTown.name);
    await screenshot(page, 'foundation-03-refused');
    await refusal.getByRole('link', { name: '返回我的党组织' }).click();
    await page.waitForURL(new RegExp(`/orgs/${townId}$`));
    await page.context().close();
  });
});

describe('login page', () => {
  test('says in Chinese that the password was wrong', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    expect(await page.title()).toBe('红云智慧党建平台');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('红云智慧党建平台');
    await logIn(page, 'secretary', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(/用户名或密码错误/);
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, 'foundation-04-wrong-password');
    await page.context().close();
  });

  test('at phone width (390 px): a member lands on 我的 with big tap targets; the console folds its menu', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await page.goto('/login');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'foundation-05-phone-login');

    await logIn(page, 'member');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('member-name').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('我的');
    expect(await page.getByTestId('member-org').textContent()).not.toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await smallTargets(page)).toEqual([]);
    const fontSize = await page
      .getByTestId('member-change-password')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    // The member page is light: no admin component library was loaded for it.
    expect(await page.locator('[class^="ant-"], [class*=" ant-"]').count()).toBe(0);
    await screenshot(page, 'foundation-06-phone-member');
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);

    // An admin at the same width gets the side menu folded into a drawer.
    await logIn(page, 'town_admin');
    await page.waitForURL(/\/workbench$/);
    await page.getByTestId('workbench').waitFor();
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('side-menu').waitFor();
    await page.waitForTimeout(400); // let the drawer finish sliding in before the picture
    await screenshot(page, 'foundation-07-phone-console-menu');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId('users-table').waitFor();
    // Wide tables scroll inside themselves; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'foundation-08-phone-users');
    await page.context().close();
  });
});
