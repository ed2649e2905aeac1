import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { DEMO_PEOPLE, launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// A transfer between two towns' branches, followed to its receipt (回执): started from the
// transfers page with a generated letter number, shown as 转接中 on the member's page, printed,
// accepted by the receiving town; a month later (the test clock) the receipt is overdue on both
// sides, then recorded, and it leaves the list.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page at the given size; if the test fails, the page as it was then is kept as a picture. */
async function pageFor(name: string, size: { width: number; height: number } = { width: 1366, height: 768 }) {
  const page = await newPage(browser, size);
  onTestFailed(() => screenshot(page, `transfer-receipt-FAILED-${name}`));
  return page;
}

/** Waits until no table is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

/** Opens an antd select, types, and clicks the first option matching `optionCss`; returns its title. */
async function chooseWhere(page: Page, testId: string, optionCss: string, type: string): Promise<string> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(type);
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

/** A full member of the caller's scope with a name no one else there has, and no letter pending. */
async function pickMember(page: Page): Promise<{ id: string; name: string; orgName: string }> {
  const res = await page.request.get('/api/v1/members?status=full&pageSize=200');
  expect(res.ok()).toBe(true);
  const items = (await res.json()).items as { id: string; name: string; orgName: string }[];
  const count = new Map<string, number>();
  for (const m of items) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  for (const m of items.slice().reverse()) {
    if (count.get(m.name) !== 1 || DEMO_PEOPLE.has(m.name)) continue;
    const t = await page.request.get(`/api/v1/transfers?side=out&memberId=${m.id}&status=pending`);
    if ((await t.json()).total === 0) return m;
  }
  throw new Error('no member to transfer');
}

/** A date `n` days after `date` (YYYY-MM-DD). */
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Today in Asia/Shanghai. */
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('a transfer’s receipt (回执)', () => {
  test('issued from the transfers page, accepted, a month later overdue for both sides, then recorded; the letter printed', async () => {
    // ── 清河镇 starts the transfer from the transfers page, at 1366×768 ─────────────────
    const sender = await pageFor('sender');
    await logIn(sender, 'town_admin');
    const who = await pickMember(sender);
    await sender.goto('/transfers');
    await sender.getByTestId('transfer-start').click();
    await sender.getByTestId('transfer-member').waitFor();
    await chooseWhere(sender, 'transfer-member', `[title="${who.name}"]`, who.name);
    const targetName = await chooseWhere(
      sender,
      'transfer-to-org',
      '[title^="石桥镇"][title$="党支部"]',
      '石桥镇',
    );
    await sender.getByTestId('transfer-reason').fill('工作调动');
    // the dialog's buttons stay on screen on a 768-pixel-high laptop
    const submit = sender.getByTestId('transfer-submit');
    const box = await submit.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await screenshot(sender, 'transfer-receipt-01-start');
    await submit.click();

    // the letter number is generated, for the town committee and the year
    const numberCell = sender.getByTestId('transfer-letter-no');
    await numberCell.waitFor();
    const letterNo = ((await numberCell.textContent()) ?? '').trim();
    expect(letterNo).toMatch(new RegExp(`^${shanghaiToday().slice(0, 4)}-清河-\\d{4}$`));
    expect(await sender.getByTestId('transfer-dues-paid').textContent()).toMatch(/^\d{4}-\d{2}$/);
    await screenshot(sender, 'transfer-receipt-02-letter-number');

    // ── the printable letter: stub, letter and receipt on A4, and the 党员证明 ─────────
    await sender.getByTestId('transfer-print').click();
    await sender.waitForURL(/\/transfers\/\d+\/print$/);
    const preview = sender.getByTestId('letter-preview');
    await preview.getByTestId('letter-sheet').waitFor();
    const letterText = (await preview.textContent()) ?? '';
    expect(letterText).toContain('中国共产党党员组织关系介绍信（存根）');
    expect(letterText).toContain('中国共产党党员组织关系介绍信（回执）');
    expect(letterText).toContain(letterNo);
    expect(letterText).toContain(who.name);
    expect(letterText).toContain(targetName);
    expect(letterText).toContain('中共青山区清河镇委员会（盖章）');
    await screenshot(sender, 'transfer-receipt-03-letter');
    // on paper only the document: the console around it is left out
    await sender.emulateMedia({ media: 'print' });
    expect(await sender.locator('.hy-letter-print-root').isVisible()).toBe(true);
    expect(await sender.locator('#root').isVisible()).toBe(false);
    await screenshot(sender, 'transfer-receipt-04-letter-as-printed');
    await sender.emulateMedia({ media: 'screen' });
    await sender.getByTestId('print-doc').getByText('党员证明').click();
    await preview.getByTestId('certificate-sheet').waitFor();
    expect(await preview.textContent()).toContain('特此证明');
    await screenshot(sender, 'transfer-receipt-05-certificate');

    // ── the member's page says 转接中 while the letter is pending ───────────────────────
    await sender.goto(`/members/${who.id}`);
    await sender.getByTestId('member-transfer-pending').waitFor();
    expect(await sender.getByTestId('member-transfer-pending').textContent()).toBe('转接中');
    await screenshot(sender, 'transfer-receipt-06-member-pending');

    // ── 石桥镇 accepts ──────────────────────────────────────────────────────────────────
    const receiver = await pageFor('receiver');
    await logIn(receiver, 'town2_admin');
    await receiver.goto('/transfers?tab=in');
    const incoming = receiver.getByTestId('transfers-in').locator('tr', { hasText: letterNo });
    await incoming.waitFor();
    await incoming.getByRole('button', { name: /接\s*收/ }).click();
    await receiver.getByTestId('transfer-accept-confirm').click();
    await expect.poll(() => incoming.getByTestId('transfer-status').textContent()).toBe('已接收');
    const transferId = (await incoming.getAttribute('data-transfer-id')) ?? '';
    expect(transferId).not.toBe('');

    // ── a month and two days later (the server's clock and the browsers' own) ────────
    const later = `${addDays(shanghaiToday(), 33)}T02:00:00.000Z`;
    for (const page of [sender, receiver]) {
      await page.context().setExtraHTTPHeaders({ 'X-Test-Now': later });
      await page.clock.setFixedTime(new Date(later));
    }

    // the sending side: the receipt has not come back
    await sender.goto('/transfers');
    await sender.getByTestId('transfer-receipt-summary').waitFor();
    expect(await sender.getByTestId('transfer-receipt-summary').textContent()).toMatch(
      /回执逾期未收到的 \d+ 件/,
    );
    await sender.getByTestId('transfer-receipt-filter-out').click();
    const sent = sender.getByTestId('transfers-out').locator('tr', { hasText: letterNo });
    await sent.waitFor();
    await sent.getByTestId('transfer-receipt-overdue').waitFor();
    await settled(sender);
    await screenshot(sender, 'transfer-receipt-07-overdue-sender');

    // the receiving side: the receipt has not been sent
    await receiver.goto('/transfers?tab=in');
    await receiver.getByTestId('transfer-receipt-summary').waitFor();
    expect(await receiver.getByTestId('transfer-receipt-summary').textContent()).toMatch(
      /回执逾期未寄出的 \d+ 件/,
    );
    await receiver.getByTestId('transfer-receipt-filter-in').click();
    const received = receiver.getByTestId('transfers-in').locator('tr', { hasText: letterNo });
    await received.waitFor();
    expect(await received.getByTestId('transfer-receipt-overdue').textContent()).toBe('回执逾期');
    await settled(receiver);
    await screenshot(receiver, 'transfer-receipt-08-overdue-receiver');

    // ── the receiving side records the receipt it sends back; it leaves the list ─────
    await receiver.getByTestId(`transfer-receipt-${transferId}`).click();
    await receiver.getByTestId('transfer-receipt-date').waitFor();
    await screenshot(receiver, 'transfer-receipt-09-record');
    await receiver.getByTestId('transfer-receipt-submit').click();
    await expect.poll(() => received.count()).toBe(0);
    await settled(receiver);
    await screenshot(receiver, 'transfer-receipt-10-recorded');

    // and the sending side no longer sees it overdue; the record says when it came
    await sender.reload();
    await sender.getByTestId('transfer-receipt-select-out').click();
    await sender.locator('.ant-select-dropdown:visible .ant-select-item-option[title="已回执"]').click();
    const done = sender.getByTestId('transfers-out').locator('tr', { hasText: letterNo });
    await done.waitFor();
    expect(await done.textContent()).toContain(`${addDays(shanghaiToday(), 33)} 已回执`);
    expect(await done.getByTestId('transfer-receipt-overdue').count()).toBe(0);
    await settled(sender);
    await screenshot(sender, 'transfer-receipt-11-sender-done');
    await sender.context().close();
    await receiver.context().close();
  }, 240_000);

  test('a migrant member on a phone: recorded away, hosted by another town’s branch, reminded after six months, back', async () => {
    const phone = { width: 390, height: 844 };
    const home = await pageFor('mobile-home', phone);
    await logIn(home, 'town_admin');
    const who = await pickMember(home);
    await home.goto('/members/mobile');
    await home.getByTestId('mobile-record').click();
    await chooseWhere(home, 'mobile-member', `[title="${who.name}"]`, who.name);
    await home.getByTestId('mobile-destination').fill('江城市石桥镇');
    const host = await chooseWhere(home, 'mobile-host-org', '[title^="石桥镇"][title$="党支部"]', '石桥镇');
    await home.getByTestId('mobile-certificate').fill('流证E2E-0001');
    const submit = home.getByTestId('mobile-submit');
    const box = await submit.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(phone.height);
    await screenshot(home, 'transfer-receipt-20-mobile-record');
    await submit.click();
    const away = home.getByTestId('mobile-away').locator('tr', { hasText: who.name });
    await away.waitFor();
    expect(await away.textContent()).toContain(host);
    await settled(home);
    await screenshot(home, 'transfer-receipt-21-mobile-away');

    // the host town sees the migrant, read only
    const hostPage = await pageFor('mobile-host', phone);
    await logIn(hostPage, 'town2_admin');
    await hostPage.goto('/members/mobile?tab=host');
    const hosted = hostPage.getByTestId('mobile-host').locator('tr', { hasText: who.name });
    await hosted.waitFor();
    expect(await hosted.getByRole('button').count()).toBe(0);
    expect(await hosted.getByRole('link').count()).toBe(0);
    await settled(hostPage);
    await screenshot(hostPage, 'transfer-receipt-22-mobile-hosted');
    await hostPage.context().close();

    // six months and a day later the branch is reminded that the membership should move
    const later = `${addDays(shanghaiToday(), 190)}T02:00:00.000Z`;
    await home.context().setExtraHTTPHeaders({ 'X-Test-Now': later });
    await home.clock.setFixedTime(new Date(later));
    await home.goto('/members/mobile');
    await home.getByTestId('mobile-due-summary').waitFor();
    const due = home.getByTestId('mobile-away').locator('tr', { hasText: who.name });
    await due.getByTestId('mobile-transfer-due').waitFor();
    await settled(home);
    await screenshot(home, 'transfer-receipt-23-mobile-due');

    // back home: recorded with today's date, the member leaves the list
    const periodEnd = due.getByRole('button', { name: '登记返回' });
    await periodEnd.click();
    await home.getByTestId('mobile-back-on').waitFor();
    await home.getByTestId('mobile-end-submit').click();
    await expect.poll(() => due.count()).toBe(0);
    await home.context().close();
  }, 240_000);
});
