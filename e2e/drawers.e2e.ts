import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// The create/edit drawers as a town's admin uses them: a new member, an edit of that member, a
// member arriving from outside the platform, and a new account with a role granted afterwards.

const stamp = Date.now();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page for one test; if the test fails, the page as it was then is kept as a picture. */
async function pageFor(name: string): Promise<Page> {
  const page = await newPage(browser);
  onTestFailed(() => screenshot(page, `drawers-FAILED-${name}`));
  return page;
}

/**
 * Opens an antd select, types when asked, and clicks the first option matching `optionCss`;
 * returns its title once the select shows it. On a loaded machine a click can land while the
 * list re-renders (the server's search results arriving) and not take: then it is done again.
 */
async function chooseWhere(page: Page, testId: string, optionCss: string, type?: string): Promise<string> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (type) {
      await page.keyboard.press('ControlOrMeta+A'); // a second try replaces the text of the first
      await page.keyboard.type(type);
    }
    const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option${optionCss}`).first();
    await option.waitFor();
    const title = (await option.getAttribute('title')) ?? '';
    await option.click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 5_000 }).toContain(title);
      return title;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Picks the option with this exact title. */
const choose = (page: Page, testId: string, title: string, type?: string) =>
  chooseWhere(page, testId, `[title="${title}"]`, type);

/** Picks the first branch (党支部) an org search offers for the typed text; returns its name. */
const chooseBranch = (page: Page, testId: string, type: string) =>
  chooseWhere(page, testId, '[title$="党支部"]', type);

/** The text box of an antd date picker. */
const dateInput = (page: Page, testId: string): Locator =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Types a date into an antd date picker as a user may, and confirms it with Enter. */
async function typeDate(page: Page, testId: string, date: string) {
  const input = dateInput(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Waits until no table is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character; an even 17th digit is a woman.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birthDate: string, n: number, gender: 'male' | 'female'): string {
  const seq = `${String((stamp + n) % 100).padStart(2, '0')}${gender === 'male' ? 1 : 2}`;
  const first17 = `110108${birthDate.replaceAll('-', '')}${seq}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Fills the record's required fields in the drawer (the ID number brings birth date and gender). */
async function fillRecord(
  page: Page,
  p: { name: string; idNumber: string; birthDate: string; workUnit: string; branchSearch: string },
): Promise<string> {
  await page.getByTestId('member-name').fill(p.name);
  await page.getByTestId('member-idNumber').fill(p.idNumber);
  // Filled in from the ID number as it was typed.
  await expect
    .poll(() => dateInput(page, 'member-birthDate').inputValue(), { timeout: 5_000 })
    .toBe(p.birthDate);
  await choose(page, 'member-education', '大学本科');
  // 正式党员 is the default category: it asks for the join and full-membership dates.
  await typeDate(page, 'member-joinedOn', '2012-07-01');
  await typeDate(page, 'member-fullOn', '2013-07-01');
  const branch = await chooseBranch(page, 'member-org', p.branchSearch);
  await page.getByTestId('member-workUnit').fill(p.workUnit);
  // Still chosen once everything else was typed.
  expect(await page.getByTestId('member-education').textContent()).toContain('大学本科');
  expect(await page.getByTestId('member-org').textContent()).toContain(branch);
  return branch;
}

describe('the member drawers, as the admin of one town (党组织管理员)', () => {
  test('creates a member, finds them in the list, edits their work unit and reads the change in the history', async () => {
    const page = await pageFor('member');
    await logIn(page, 'town_admin');
    const who = { name: '林晓梅', birthDate: '1986-03-15' };
    const id = idNumber(who.birthDate, 1, 'female');

    // ── 新增党员 ─────────────────────────────────────────────────────────────────────────
    await page.goto('/members');
    await page.getByTestId('member-create').click();
    const drawer = page.getByTestId('member-drawer');
    await drawer.waitFor();
    const branch = await fillRecord(page, {
      ...who,
      idNumber: id,
      workUnit: '清河镇农技站',
      branchSearch: '党支部',
    });
    expect(await drawer.getByText('女', { exact: true }).count()).toBe(1); // gender, from the ID number
    await screenshot(page, 'drawers-01-new-member');
    await page.getByTestId('member-save').click();
    // (the toast shows for 3 s: looked for at once, before the record's page has loaded)
    await page.getByText('已新增党员').waitFor();

    // Saved: the new record opens, in its branch.
    await page.getByTestId('member-detail').waitFor();
    expect(await page.getByTestId('member-detail-name').textContent()).toBe(who.name);
    expect(await page.getByTestId('member-detail-org').textContent()).toBe(branch);
    const memberId = page.url().split('/').pop() ?? '';
    expect(memberId).toMatch(/^\d+$/);

    // ── in the list, found by the full ID number, shown masked ─────────────────────────────
    await page.getByRole('link', { name: '返回党员列表' }).click();
    await page.waitForURL(/\/members$/);
    await page.getByTestId('member-search').locator('input').fill(id);
    await page.getByTestId('member-search').locator('input').press('Enter');
    const row = page.locator(`[data-member-id="${memberId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(who.name);
    expect(await row.textContent()).toContain(branch);
    expect(await row.textContent()).toContain('正式党员');
    expect(await row.textContent()).toContain(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    await settled(page);
    await screenshot(page, 'drawers-02-in-the-list');

    // ── 编辑档案: a new work unit ───────────────────────────────────────────────────────────
    await page.getByTestId(`member-link-${memberId}`).click();
    await page.getByTestId('member-detail').waitFor();
    await page.getByTestId('member-edit').click();
    await drawer.waitFor();
    // The drawer shows the masked number and leaves it alone; the org changes only by transfer.
    expect(await page.getByTestId('member-idNumber').inputValue()).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(await page.getByTestId('member-workUnit').inputValue()).toBe('清河镇农技站');
    await page.getByTestId('member-workUnit').fill('清河镇人民政府');
    await screenshot(page, 'drawers-03-edit-member');
    await page.getByTestId('member-save').click();
    await page.getByText('已保存').waitFor();
    await drawer.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('member-record').textContent(), { timeout: 10_000 })
      .toContain('清河镇人民政府');

    // ── the change in the record's history, in words ──────────────────────────────────────
    await page.getByRole('tab', { name: '修改记录' }).click();
    const history = page.getByTestId('member-history');
    const edit = history.locator('tr', { hasText: '清河镇人民政府' });
    await edit.waitFor();
    expect(await edit.textContent()).toContain('编辑');
    expect(await edit.textContent()).toContain('工作单位：清河镇农技站 → 清河镇人民政府');
    // Only the work unit changed: the masked numbers shown in the drawer were not sent back.
    expect(await edit.textContent()).not.toContain('身份证号');
    expect(await history.textContent()).toContain('新增');
    await page.waitForTimeout(400); // let the tab finish sliding in before the picture
    await screenshot(page, 'drawers-04-history');
    await page.context().close();
  }, 120_000);

  test('registers a member arriving from outside the platform with their letter', async () => {
    const page = await pageFor('incoming');
    await logIn(page, 'town_admin');
    const who = { name: '周建国', birthDate: '1979-11-02' };
    const id = idNumber(who.birthDate, 2, 'male');
    const letterNo = `浙组转〔2026〕E2E${stamp % 100000}号`;

    await page.goto('/transfers');
    await page.getByTestId('transfer-register').click();
    const drawer = page.getByTestId('register-drawer');
    await drawer.waitFor();
    await page.getByTestId('register-fromOrgName').fill('中共杭州市西湖区某街道某社区委员会');
    await page.getByTestId('register-letterNo').fill(letterNo);
    await page.getByTestId('register-reason').fill('工作调动');
    // the letter's own date and validity, as written on it
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await typeDate(page, 'register-issuedOn', day(-10));
    await typeDate(page, 'register-validUntil', day(80));
    const branch = await fillRecord(page, {
      ...who,
      idNumber: id,
      workUnit: '清河镇中心小学',
      branchSearch: '党支部',
    });
    await screenshot(page, 'drawers-05-register-incoming');
    await page.getByTestId('register-save').click();
    await page.getByText('已登记转入').waitFor();
    await drawer.waitFor({ state: 'detached' });

    // The arrival is on the books of the receiving side, accepted at once, said in words.
    await page.getByRole('tab', { name: '转入' }).click();
    const arrival = page.getByTestId('transfers-in').locator('tr', { hasText: letterNo });
    await arrival.waitFor();
    expect(await arrival.getByTestId('transfer-status').textContent()).toBe('已接收');
    expect(await arrival.textContent()).toContain('系统外转入');
    expect(await arrival.textContent()).toContain(who.name);
    expect(await arrival.textContent()).toContain(branch);
    await settled(page);
    await screenshot(page, 'drawers-06-arrival-listed');

    // And the member has a record in that branch.
    await arrival.getByRole('link', { name: who.name }).click();
    await page.getByTestId('member-detail').waitFor();
    expect(await page.getByTestId('member-detail-name').textContent()).toBe(who.name);
    expect(await page.getByTestId('member-detail-org').textContent()).toBe(branch);
    await page.context().close();
  }, 120_000);
});

describe('the account drawers, as the admin of one town (党组织管理员)', () => {
  test('creates an account with a member role, renames it and grants it a secretary role', async () => {
    const page = await pageFor('account');
    await logIn(page, 'town_admin');
    const username = `e2e_${stamp.toString(36)}`;

    // ── 新建用户 ─────────────────────────────────────────────────────────────────────────
    await page.goto('/users');
    await page.getByTestId('user-create').click();
    const drawer = page.getByTestId('user-drawer');
    await drawer.waitFor();
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-displayName').fill('赵文');
    const branch = await chooseBranch(page, 'user-org', '党支部');
    await page.getByTestId('user-password').fill('Qinghe#2026');
    // A role row starts as 党员 on the account's own org.
    await page.getByTestId('user-add-grant').click();
    await expect.poll(() => drawer.textContent(), { timeout: 5_000 }).toContain('党员');
    await screenshot(page, 'drawers-07-new-account');
    await page.getByTestId('user-save').click();
    await page.getByText('已新建用户').waitFor();
    await drawer.waitFor({ state: 'detached' });

    const search = page.getByTestId('user-search').locator('input');
    await search.fill(username);
    await search.press('Enter');
    const row = page.getByTestId('users-table').locator('tr', { hasText: username });
    await row.waitFor();
    expect(await row.textContent()).toContain('赵文');
    expect(await row.textContent()).toContain(`党员 · ${branch}`);

    // ── 编辑: the display name ─────────────────────────────────────────────────────────────
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    await drawer.waitFor();
    expect(await page.getByTestId('user-username').isDisabled()).toBe(true);
    await page.getByTestId('user-displayName').fill('赵文华');
    await page.getByTestId('user-save').click();
    await page.getByText('已保存').waitFor();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('赵文华');

    // ── 角色授权: secretary of the branch ──────────────────────────────────────────────────
    await row.getByRole('button', { name: '角色授权' }).click();
    const grants = page.getByTestId('grants-drawer');
    await grants.waitFor();
    await choose(page, 'grant-role', '书记');
    // The org defaults to the account's own; the branch stays.
    await page.getByTestId('grant-submit').click();
    await page.getByText('已授予角色').waitFor();
    await expect.poll(() => grants.locator('tbody').textContent(), { timeout: 10_000 }).toContain('书记');
    expect(await grants.locator('tbody tr').count()).toBe(2);
    await page.waitForTimeout(400); // let the drawer finish sliding in before the picture
    await screenshot(page, 'drawers-08-grants');
    await grants.locator('.ant-drawer-close').click();
    await grants.waitFor({ state: 'detached' });

    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`书记 · ${branch}`);
    expect(await row.textContent()).toContain(`党员 · ${branch}`);
    await settled(page);
    await screenshot(page, 'drawers-09-account-listed');
    await page.context().close();
  }, 120_000);
});
