import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MemberWorkbench, Workbench } from '../contracts/workbench.ts';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// Issue 17, items 4 and 5: the secretary (刘建华) lands on the workbench (工作台) with the to-dos of
// their branch, each with the count the API gives and a link to the screen where it is done, and
// the same counts as badges on the side menu; a member at phone width sees today's to-dos at the
// top of /m and a bottom tab bar with large targets.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function get<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`/api/v1${url}`);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('the workbench (工作台), every admin’s home', () => {
  test('the secretary lands on it; a to-do’s count is the API’s and its link opens the screen', async () => {
    const page = await newPage(browser);
    await logIn(page, 'secretary');
    await page.waitForURL((u) => u.pathname === '/workbench');
    await page.getByTestId('workbench').waitFor();

    const api = await get<Workbench>(page, '/workbench');
    expect(api.todos.length).toBeGreaterThan(0);
    for (const todo of api.todos) {
      const card = page.getByTestId(`todo-${todo.key}`);
      await card.waitFor();
      expect(await card.getByTestId('todo-count').textContent()).toBe(String(todo.count));
      expect(await card.textContent()).toContain(todo.label.zh);
    }
    // the same counts on the side menu, on the entry each to-do belongs to
    const menu = page.getByTestId('side-menu');
    const first = api.todos[0];
    const onMenu = api.todos.filter((t) => t.menu === first.menu).reduce((n, t) => n + t.count, 0);
    // (antd's badge carries the full count in its title, the text may read 99+)
    await expect
      .poll(() =>
        menu
          .locator('.hy-admin-menu-label .ant-scroll-number')
          .evaluateAll((els) => els.map((e) => e.getAttribute('title'))),
      )
      .toContain(String(onMenu));
    await screenshot(page, 'workbench-01-secretary');

    // one click to where it is done: the address and the side menu's selected entry are that screen's
    await page.getByTestId(`todo-${first.key}`).click();
    await page.waitForURL((u) => u.pathname + u.search === first.path);
    await expect.poll(() => page.evaluate(() => document.title)).not.toMatch(/^工作台/);
    const selected = menu.locator('.ant-menu-item-selected');
    await selected.waitFor();
    expect(await selected.getAttribute('data-menu-id')).toMatch(
      new RegExp(`${first.menu.replace(/[/?]/g, '\\$&')}$`),
    );
    await screenshot(page, 'workbench-02-todo-opened');

    // the logo goes back to the workbench; the org tree is still at /orgs
    await page.locator('.hy-admin-brand').click();
    await page.waitForURL((u) => u.pathname === '/workbench');
    await page.goto('/orgs');
    await page.waitForURL(/\/orgs\/\d+$/);
    await page.context().close();
  });
});

describe('the member home (/m) at phone width', () => {
  test('today’s to-dos at the top, one tap each, and a bottom tab bar with large targets', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    await page.waitForURL((u) => u.pathname === '/m');
    const todos = page.getByTestId('member-todos');
    await todos.waitFor();

    const api = await get<MemberWorkbench>(page, '/workbench/member');
    const waiting = api.todos.filter((t) => t.count > 0);
    for (const todo of waiting) {
      const row = page.getByTestId(`member-todo-${todo.key}`);
      await row.waitFor();
      expect(await row.getByTestId('member-todo-count').textContent()).toContain(String(todo.count));
      const box = (await row.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(56);
    }
    if (waiting.length === 0) await page.getByTestId('member-todos-none').waitFor();
    // the to-dos come before the tiles
    const [todosTop, tilesTop] = await page.evaluate(() => [
      document.querySelector('[data-testid="member-todos"]')!.getBoundingClientRect().top,
      document.querySelector('.hy-m-tiles')?.getBoundingClientRect().top ?? Number.POSITIVE_INFINITY,
    ]);
    expect(todosTop).toBeLessThan(tilesTop);

    // the tab bar: fixed at the bottom of the screen, every tab at least 60 × 60 px
    const bar = page.getByTestId('member-tabbar');
    const barBox = (await bar.boundingBox())!;
    expect(Math.round(barBox.y + barBox.height)).toBe(844);
    const tabs = bar.getByRole('link');
    expect(await tabs.count()).toBeGreaterThanOrEqual(3);
    for (const tab of await tabs.all()) {
      const b = (await tab.boundingBox())!;
      expect(b.width).toBeGreaterThanOrEqual(60);
      expect(b.height).toBeGreaterThanOrEqual(60);
    }
    expect(await page.getByTestId('member-tab-home').getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'workbench-03-member-home-390');

    // one tap on a to-do opens its screen
    if (waiting.length > 0) {
      await page.getByTestId(`member-todo-${waiting[0].key}`).click();
      await page.waitForURL((u) => u.pathname === waiting[0].path);
      await page.goBack();
      await todos.waitFor();
    }

    // 我的: the profile and my record, without the to-dos
    await page.getByTestId('member-tab-me').click();
    await page.waitForURL((u) => u.search === '?tab=me');
    await page.getByTestId('member-name').waitFor();
    expect(await page.getByTestId('member-todos').count()).toBe(0);
    expect(await page.getByTestId('member-tab-me').getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'workbench-04-member-me-390');

    // 消息: the notices
    await page.getByTestId('member-tab-messages').click();
    await page.waitForURL((u) => u.pathname === '/m/notices');
    await page.context().close();
  });
});
