import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, pick, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until nothing is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

describe('通知中心: a town admin notifies a branch, a member reads it, the unread are reminded', () => {
  test('sent, read at 390 px, counted and reminded', async () => {
    // the member, on a phone: their branch is where the notice will go
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, 'member');
    const me = await (await phone.request.get('/api/v1/auth/me')).json();
    const branchName: string = me.orgName;
    expect(branchName).toContain('党支部');
    const unreadBefore = (await (await phone.request.get('/api/v1/notices/mine/unread-count')).json()).count;

    // ── the town admin sends a notice to the branch ─────────────────────────────────────────
    const admin = await newPage(browser, { width: 1366, height: 768 });
    await logIn(admin, 'town_admin');
    await admin.goto('/notices');
    await admin.getByTestId('notice-send-open').click();
    await admin.getByTestId('send-notice-title').fill('关于开展“学党章、守规矩”主题党日活动的通知');
    await admin
      .getByTestId('send-notice-body')
      .fill(
        '定于本月15日上午9点在村党群服务中心开展主题党日活动，请全体党员准时参加，不能参加的请向支部书记请假。',
      );
    // the org box searches the server as one types: the pick is checked to have taken, and retried
    const orgBox = admin.getByTestId('send-notice-org-0');
    await pick(
      admin,
      orgBox,
      admin.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${branchName}"]`),
      branchName,
      async () => {
        await orgBox.click();
        await admin.keyboard.type(branchName.slice(0, 6));
      },
    );
    await screenshot(admin, 'notices-01-send-form');
    await admin.getByTestId('send-notice-submit').click();
    await admin.waitForURL(/\/notices\/\d+$/);
    const noticeId = admin.url().split('/').pop()!;
    await admin.getByTestId('notice-read-of').waitFor();
    const readOf = async () => (await admin.getByTestId('notice-read-of').textContent()) ?? '';
    const total = Number(/\/ (\d+)/.exec(await readOf())?.[1]);
    expect(total).toBeGreaterThan(1);
    expect(await readOf()).toBe(`0 / ${total} 人已读`);
    await settled(admin);
    await screenshot(admin, 'notices-02-sent-none-read');

    // ── the member sees the unread count on the home tile, opens the notice ────────────────────
    await phone.goto('/m');
    const badge = phone.getByTestId('tile-badge');
    await expect.poll(async () => Number(await badge.textContent())).toBe(unreadBefore + 1);
    await screenshot(phone, 'notices-03-member-home-unread');
    await phone.getByTestId('tile-/m/notices').click();
    await phone.waitForURL(/\/m\/notices$/);
    const item = phone.getByTestId(`my-notice-${noticeId}`);
    await item.waitFor();
    expect(await item.textContent()).toContain('未读');
    await screenshot(phone, 'notices-04-member-list');
    await item.click();
    await phone.getByTestId('notice-open').waitFor();
    expect(await phone.getByTestId('notice-open').textContent()).toContain('学党章、守规矩');
    await screenshot(phone, 'notices-05-member-reads');
    // the text is large enough on a phone (≥ 16 px)
    const size = await phone
      .locator('.hy-m-notice-body')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(16);
    await phone.getByTestId('notice-back').click();
    await expect.poll(async () => (await item.textContent()) ?? '').not.toContain('未读');
    await phone.goto('/m');
    await phone.getByTestId('tile-/m/notices').waitFor();
    await expect.poll(async () => phone.getByTestId('tile-badge').count()).toBe(unreadBefore > 0 ? 1 : 0);

    // ── the admin sees 1 read and the rest unread, and reminds the unread ──────────────────
    await admin.reload();
    await expect.poll(readOf).toBe(`1 / ${total} 人已读`);
    await settled(admin);
    const rows = admin.locator('[data-testid="receipts-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(20, total - 1));
    expect(await admin.getByTestId('receipts-table').textContent()).not.toContain(me.displayName);
    await admin.getByTestId('receipts-filter').getByText('已读 1').click();
    await expect
      .poll(async () => (await admin.getByTestId('receipts-table').textContent()) ?? '')
      .toContain(me.displayName);
    await admin.getByTestId('receipts-filter').getByText(/^未读/).click();
    await settled(admin);
    await screenshot(admin, 'notices-06-one-read-rest-unread');
    await admin.getByTestId('notice-remind').click();
    await admin.locator('.ant-modal-confirm').getByRole('button', { name: '提醒未读' }).click();
    await admin.getByText(`已提醒 ${total - 1} 人`).waitFor();
    await admin.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await admin.getByTestId('notice-remind-after').waitFor();
    expect(await admin.getByTestId('notice-remind').isDisabled()).toBe(true);
    await settled(admin);
    await screenshot(admin, 'notices-07-reminded');

    // the list of sent notices shows the read rate
    await admin.goto('/notices');
    await admin.getByTestId(`sent-notice-${noticeId}`).waitFor();
    await settled(admin);
    await screenshot(admin, 'notices-08-sent-list');
  });
});
