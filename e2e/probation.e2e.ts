import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PEOPLE, launchBrowser, logIn, newPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The day it is, for the server (X-Test-Now: every operation reads ctx.now()) and for the browser
 * (its "today" fills the date boxes): ten in the morning in Asia/Shanghai.
 */
async function itIs(page: Page, day: string) {
  const at = new Date(`${day}T10:00:00+08:00`);
  await page.context().setExtraHTTPHeaders({ 'x-test-now': at.toISOString() });
  await page.clock.setFixedTime(at);
}

/** A date `n` calendar months later, the way the regulations count ("满一年"): same day of the month. */
function addMonths(date: string, n: number) {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + n, d));
  if (t.getUTCDate() !== d) t.setUTCDate(1);
  return t.toISOString().slice(0, 10);
}
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Types a date into an antd date box (the forms accept YYYY-MM-DD) and confirms it. */
async function typeDate(page: Page, testId: string, day: string) {
  const box = page.getByTestId(testId);
  await box.click();
  await box.fill(day);
  await box.press('Enter');
}

/** Waits until nothing is loading, so a picture shows the page and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

describe('预备期, as a branch secretary', () => {
  test('extends a probationer’s probation by six months with the branch meeting; the town committee approves; the full-membership date follows', async () => {
    const page = await newPage(browser, { height: 768 });
    await logIn(page, 'secretary');

    // a probationer of the secretary's branch, not extended before
    const list = await page.request.get('/api/v1/members?status=probationary&pageSize=50');
    expect(list.status()).toBe(200);
    const probationers = (await list.json()).items as { id: string; name: string; joinedOn: string | null }[];
    const who = probationers.find((m) => m.joinedOn && !DEMO_PEOPLE.has(m.name));
    if (!who?.joinedOn) throw new Error('the demo branch has no probationary member');
    const joined = who.joinedOn;
    const yearOn = addMonths(joined, 12);
    const eighteenOn = addMonths(joined, 18);

    // ── the probation has run its year: the conversion meeting is due ─────────────────────
    await itIs(page, addDays(yearOn, 2));
    await page.goto(`/members/${who.id}?tab=pipeline`);
    await page.getByTestId('probation-card').waitFor();
    await settled(page);
    expect(await page.getByTestId('probation-ends').textContent()).toBe(yearOn);
    expect(await page.getByTestId('pipeline-next').textContent()).toContain(`预备期已于 ${yearOn} 届满`);
    await screenshot(page, 'probation-01-year-ended');

    // ── the branch meeting extends it by six months; the committee above approves ──────────
    await itIs(page, addDays(yearOn, 12));
    await page.reload();
    await page.getByTestId('probation-extend').click();
    await typeDate(page, 'extension-resolution', addDays(yearOn, 3));
    await page.getByTestId('extension-months').fill('6');
    // the approval is the committee above's to record (党章第七条；细则第三十二条): not on the branch's form
    expect(await page.getByTestId('extension-approved').count()).toBe(0);
    await page.getByTestId('extension-reason').fill('需要继续考察和教育');
    await screenshot(page, 'probation-02-extension-form');
    await page.getByTestId('extension-submit').click();
    await expect
      .poll(async () => page.getByTestId('probation-extension').textContent())
      .toContain('待上级党委批准');

    // the town committee's admin records its approval
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    await itIs(town, addDays(yearOn, 12));
    await town.goto(`/members/${who.id}?tab=pipeline`);
    await town.getByTestId('probation-extend').click();
    await typeDate(town, 'extension-approved', addDays(yearOn, 10));
    await town.getByTestId('extension-submit').click();
    await expect
      .poll(async () => town.getByTestId('probation-extension').textContent())
      .toContain(`上级党委 ${addDays(yearOn, 10)} 批准`);
    await town.context().close();
    await page.reload();
    await page.getByTestId('probation-card').waitFor();

    // the full-membership date follows: join date + 18 months
    await expect.poll(async () => page.getByTestId('probation-ends').textContent()).toBe(eighteenOn);
    const summary = await page.getByTestId('probation-extension').textContent();
    expect(summary).toContain(`延长 6 个月（支部党员大会 ${addDays(yearOn, 3)}）`);
    expect(summary).toContain(`上级党委 ${addDays(yearOn, 10)} 批准`);
    // no more "probation ended": the next step waits for the end of the longer probation
    expect(await page.getByTestId('pipeline-next').textContent()).toContain(`最早可于 ${eighteenOn} 办理`);
    await expect.poll(async () => page.getByTestId('probation-extend').count()).toBe(0);
    await settled(page);
    await screenshot(page, 'probation-03-extended');

    // ── the due list says the same ─────────────────────────────────────────────────────────
    const file = await page.request.get(`/api/v1/members/${who.id}`);
    const orgId = (await file.json()).orgId as string;
    await page.goto(`/pipeline?orgId=${orgId}`);
    await page.getByTestId('pipeline-count').waitFor();
    await settled(page);
    const row = page.getByTestId('pipeline-table').locator('tr', { hasText: who.name });
    await expect.poll(async () => row.count()).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain(eighteenOn);
    await screenshot(page, 'probation-04-due-list');

    // ── on a phone ───────────────────────────────────────────────────────────────────────────
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, 'secretary');
    await itIs(phone, addDays(yearOn, 12));
    await phone.goto(`/members/${who.id}?tab=pipeline`);
    await phone.getByTestId('probation-card').waitFor();
    await settled(phone);
    expect(await phone.getByTestId('probation-ends').textContent()).toBe(eighteenOn);
    await screenshot(phone, 'probation-05-phone');
    await phone.context().close();
    await page.context().close();
  }, 240_000); // two pages on a loaded two-core machine
});
