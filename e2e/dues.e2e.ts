import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// 党费 (issue 12, sections 4 and 8): a secretary exempts a member in arrears, who drops out of the
// arrears list; the month's sheet marks paid months and its batch skips them; a member reads their
// own payment history.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until no table is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

/** The text box of an antd input or date picker (the test id is on the box or around it). */
const dateInput = (page: Page | Locator, testId: string): Locator =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Types a date (or a month) into an antd picker as a user may, and confirms it with Enter. */
async function typeDate(page: Page | Locator, testId: string, value: string) {
  const input = dateInput(page, testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** This month in Asia/Shanghai, and months before it. */
const thisMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
})
  .format(new Date())
  .slice(0, 7);
const monthsBefore = (n: number) => {
  const [y, m] = thisMonth.split('-').map(Number);
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string) =>
  '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11];

/**
 * A farmer member of the secretary's branch (fixed standard), entered through the API with "党费
 * 已交至" `paidUntil` (the create form itself is another test's).
 */
async function createMember(page: Page, name: string, paidUntil: string, seq: number) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';
  const one = await page.request.get('/api/v1/members?status=full&pageSize=1');
  const orgId = (await one.json()).items[0].orgId as string;
  const first17 = `110108196805${String(10 + seq).padStart(2, '0')}${String(300 + seq * 2 + 1)}`;
  const res = await page.request.post('/api/v1/members', {
    headers: { 'x-csrf-token': csrf },
    data: {
      name,
      gender: 'male',
      ethnicity: '汉族',
      idNumber: first17 + checkChar(first17),
      birthDate: `1968-05-${first17.slice(12, 14)}`,
      education: '初中',
      status: 'full',
      joinedOn: '1995-07-01',
      fullOn: '1996-07-02',
      orgId,
      duesCategory: 'farmer',
      duesPaidUntil: paidUntil,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { id: (await res.json()).id as string, orgId };
}

describe('党费, as a branch secretary', () => {
  test('exempts a member in arrears (the branch agrees, the town committee approves): they drop out of the arrears list; the sheet marks paid months and 全部已缴 skips them', async () => {
    const page = await newPage(browser, { height: 768 });
    await logIn(page, 'secretary');
    // 甲 paid until nine months ago: eight months owed by the end of last month, flagged;
    // 乙 paid until two months ago: last month owed
    const a = await createMember(page, '党费测试甲', monthsBefore(9), 1);
    const b = await createMember(page, '党费测试乙', monthsBefore(2), 2);

    // ── 欠缴查询: 甲 is six months or more in a row ──────────────────────────────────────
    await page.goto('/dues?tab=arrears');
    await page.getByTestId('arrears-summary').waitFor();
    await page.getByTestId('arrears-flagged').click();
    const relieve = page.getByTestId(`arrears-relief-${a.id}`);
    await relieve.waitFor();
    const row = page.locator('tr', { has: relieve });
    expect(await row.textContent()).toContain('党费测试甲');
    expect(await row.textContent()).toContain('连续 6 个月以上未交');
    expect(await row.textContent()).toContain(monthsBefore(8)); // owed since
    await settled(page);
    await screenshot(page, 'dues-01-arrears-flagged');

    // ── 登记免交: the branch agreed today; the approval is the higher committee's ────────────
    await relieve.click();
    const drawer = page.getByTestId('relief-drawer');
    await drawer.waitFor();
    expect(await dateInput(drawer, 'relief-from').inputValue()).toBe(monthsBefore(8));
    await page.getByTestId('relief-reason').fill('重病住院，无经济来源，经支委会讨论同意免交');
    // 2008 rules: 报上级党委批准 — the branch's form does not ask for the committee's date
    await page.getByTestId('relief-committee-above').waitFor();
    expect(await page.getByTestId('relief-committeeOn').count()).toBe(0);
    await page.waitForTimeout(400); // the calendar fades out before the picture
    await screenshot(page, 'dues-02-exemption-form');
    // the save button is on screen at 768 px
    const save = page.getByTestId('relief-save');
    const box = await save.boundingBox();
    expect(box && box.y + box.height <= 768).toBe(true);
    await save.click();
    await drawer.waitFor({ state: 'detached' });

    // awaiting the higher committee, 甲 is still in arrears
    await settled(page);
    expect(await page.getByTestId(`arrears-relief-${a.id}`).count()).toBe(1);

    // ── the town committee approves it today ────────────────────────────────────────────
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    await town.goto('/dues?tab=reliefs');
    const pending = town.getByTestId('reliefs-table').locator('tr', { hasText: '党费测试甲' });
    await pending.locator('[data-testid^="relief-approve-"]').click();
    await town.getByTestId('relief-approve-date').waitFor();
    await town.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => pending.textContent()).toContain('已生效');
    await town.context().close();

    // …and 甲 is no longer in arrears
    await page.reload();
    await page.getByTestId('arrears-summary').waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId(`arrears-relief-${b.id}`).count()).toBe(1);
    expect(await page.getByTestId(`arrears-relief-${a.id}`).count()).toBe(0);
    expect(await page.getByTestId(`arrears-relief-${b.id}`).count()).toBe(1);
    await screenshot(page, 'dues-03-arrears-after-exemption');

    // the exemption is listed, in effect
    await page.getByRole('tab', { name: '少交免交' }).click();
    const reliefs = page.getByTestId('reliefs-table');
    await reliefs.waitFor();
    await settled(page);
    const reliefRow = reliefs.locator('tr', { hasText: '党费测试甲' });
    expect(await reliefRow.textContent()).toContain('免交党费');
    expect(await reliefRow.textContent()).toContain('已生效');

    // ── 缴纳登记: the secretary's only branch is chosen already ───────────────────────────
    await page.getByRole('tab', { name: '缴纳登记' }).click();
    await page.getByTestId('dues-table').waitFor();
    expect(await page.getByTestId('dues-branch').textContent()).not.toBe('');
    await typeDate(page, 'dues-month', monthsBefore(1));
    await settled(page);
    // a paid month looks paid, and its box cannot be ticked again
    const paidRow = page.locator('tr.hy-row-paid').first();
    await paidRow.waitFor();
    expect(await paidRow.textContent()).toContain('已交');
    expect(await paidRow.locator('input[type="checkbox"]').isDisabled()).toBe(true);
    // 全部已缴 ticks the unpaid and the short, and none of the paid
    const open = await page.locator('[data-state="unpaid"], [data-state="underpaid"]').count();
    await page.getByTestId('dues-select-all').click();
    expect(await page.getByTestId('dues-summary').textContent()).toContain(`已勾选 ${open} 人`);
    await screenshot(page, 'dues-04-sheet-paid-marked');
    await page.getByRole('button', { name: '全部清除' }).click();

    // ── find by name; 乙 pays 1 yuan for a 0.50 standard: paid, with voluntary extra ──────────
    const search = dateInput(page, 'dues-search');
    await search.fill('党费测试');
    await search.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="dues-table"] tbody tr.ant-table-row').count())
      .toBe(2);
    expect(await page.getByTestId(`dues-state-${a.id}`).getAttribute('data-state')).toBe('exempt');
    expect(await page.getByTestId(`dues-state-${b.id}`).getAttribute('data-state')).toBe('unpaid');
    await page.getByTestId(`dues-paid-${b.id}`).check();
    const amount = page.getByLabel('党费测试乙 缴纳金额（元）');
    await amount.fill('1');
    await page.getByTestId('dues-submit').click();
    await expect
      .poll(() => page.getByTestId(`dues-state-${b.id}`).getAttribute('data-state'))
      .toBe('overpaid');
    expect(await page.getByTestId(`dues-state-${b.id}`).textContent()).toContain('自愿多交 ¥0.50');
    await settled(page);
    await screenshot(page, 'dues-05-sheet-found-paid-with-extra');

    // the same sheet on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'dues-06-sheet-phone');

    // ── the member's own dues page in the console: months, exemption, history ────────────
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/members/${a.id}?tab=dues`);
    await page.getByTestId('member-dues').waitFor();
    await settled(page);
    expect(await page.getByTestId('member-dues-months').textContent()).toContain('免交');
    await screenshot(page, 'dues-07-member-dues-tab');

    // ── the print view of the arrears list ───────────────────────────────────────────────
    // as of this month: 乙 owes it (paid last month), 甲 is exempt
    await page.goto(`/dues/arrears/print?asOf=${thisMonth}`);
    await page.getByTestId('arrears-print-sheet').waitFor();
    expect(await page.getByTestId('arrears-print-sheet').textContent()).toContain('党费测试乙');
    expect(await page.getByTestId('arrears-print-sheet').textContent()).not.toContain('党费测试甲');
    await screenshot(page, 'dues-08-arrears-print');
    await page.context().close();
  }, 240_000);
});

describe('党费, as a member', () => {
  test('sees their own payment history on the phone', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    await page.waitForURL(/\/m$/);
    const mine = page.getByTestId('my-dues');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('我的党费');
    await mine.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'dues-09-my-dues-phone');
    await page.context().close();
  });
});
