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

/** The moment it is, for the server (X-Test-Now) and for the browser's own clock. */
async function itIs(page: Page, iso: string) {
  const at = new Date(iso);
  await page.context().setExtraHTTPHeaders({ 'x-test-now': at.toISOString() });
  await page.clock.setFixedTime(at);
}

async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

/** "12 加 7 等于几？" answered as a person would. */
const solve = (question: string) => {
  const [a, b] = (question.match(/\d+/g) ?? []).map(Number);
  return String(a + b);
};

// Monday 1 March 2027: a month with no demo messages in it, so the counts are this test's own
const MONDAY = '2027-03-01T10:00:00+08:00';

describe('留言: the public writes, the branch answers, the town sees the counts and the overdue', () => {
  test('a message left at phone width is answered by the secretary; ten days on, the town admin sees the counts and the one nobody answered', async () => {
    // the secretary's branch: where the public writes
    const secretary = await newPage(browser, { height: 768 });
    await logIn(secretary, 'secretary');
    const me = await (await secretary.request.get('/api/v1/auth/me')).json();
    const branchId: string = me.orgId;

    // ── a member of the public, on a phone, no login ──
    const phone = await newPage(browser, { width: 390, height: 844 });
    await itIs(phone, MONDAY);
    await phone.goto(`/p/orgs/${branchId}/message`);
    await expect.poll(() => phone.getByTestId('public-message-org').textContent()).toContain(me.orgName);
    await expect.poll(() => phone.getByText('我们将在 5 个工作日内答复').count()).toBe(1);
    await phone.getByTestId('public-message-name').fill('周建国');
    await phone.getByTestId('public-message-phone').fill('13912345678');
    await phone
      .getByTestId('public-message-body')
      .fill('村口的路灯坏了一个多星期，晚上老人出门不方便，请帮忙修一下。<script>alert(1)</script>');
    const label = phone.locator('label', { hasText: '验证题' });
    await expect.poll(() => label.textContent()).toMatch(/\d+ 加 \d+/);
    await phone.getByTestId('public-message-challengeAnswer').fill(solve((await label.textContent()) ?? ''));
    await screenshot(phone, 'messages-1-public-form-390');
    await phone.getByTestId('public-message-send').click();
    await expect
      .poll(() => phone.getByTestId('public-message-received').textContent())
      .toContain('已收到，我们将在5个工作日内答复');
    await screenshot(phone, 'messages-2-public-received-390');

    // a second message the same morning, that nobody will answer
    const c = await (await phone.request.get('/api/v1/public/challenge')).json();
    const second = await phone.request.post(`/api/v1/public/orgs/${branchId}/messages`, {
      data: {
        name: '吴女士',
        phone: '13687654321',
        body: '排水沟堵了，一下雨就积水，麻烦尽快疏通。',
        challengeToken: c.token,
        challengeAnswer: solve(c.question),
      },
    });
    expect(second.status()).toBe(201);

    // ── the secretary answers the next day ──
    await itIs(secretary, '2027-03-02T09:30:00+08:00');
    await secretary.goto('/messages');
    await settled(secretary);
    await expect.poll(() => secretary.getByRole('row', { name: /路灯坏了/ }).count()).toBe(1);
    await screenshot(secretary, 'messages-3-secretary-inbox');
    const row = secretary.getByRole('row', { name: /路灯坏了/ });
    // (antd spaces out a two-character button label: 查 看)
    await row.getByRole('button', { name: /查\s*看/ }).click();
    const drawer = secretary.getByTestId('message-thread');
    // the script is not kept: the words are
    await expect
      .poll(() => drawer.getByTestId('message-body').textContent())
      .toBe('村口的路灯坏了一个多星期，晚上老人出门不方便，请帮忙修一下。');
    await expect.poll(() => drawer.getByText('139****5678').count()).toBe(1);
    await drawer.getByTestId('message-reply-box').fill('您好，已安排电工明天上午更换路灯，感谢您的反映。');
    await drawer.getByTestId('message-reply-send').click();
    await expect.poll(() => drawer.getByTestId('message-reply').count()).toBe(1);
    await expect.poll(() => drawer.getByText('按时答复').count()).toBeGreaterThan(0);
    await screenshot(secretary, 'messages-4-secretary-answered');

    // ── ten days on, the town admin ──
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    await itIs(town, '2027-03-12T10:00:00+08:00');
    const counts = await (await town.request.get('/api/v1/messages/counts?month=2027-03')).json();
    const child = counts.children.find((r: { received: number }) => r.received > 0);
    expect(child).toMatchObject({ received: 2, answered: 1, answeredInTime: 1, overdue: 1 });

    await town.goto('/messages?tab=oversight');
    await settled(town);
    const countRow = town
      .getByTestId('messages-counts-table')
      .getByRole('row', { name: new RegExp(child.orgName) });
    await expect.poll(() => countRow.textContent()).toMatch(/2.*1.*1.*50\.0%.*1/);
    await expect.poll(() => town.getByTestId('messages-chart').count()).toBe(1);
    await town.waitForTimeout(500); // the chart's animation
    await screenshot(town, 'messages-5-town-counts');

    // the overdue messages of that org: the one nobody answered, four days past its deadline
    const orgBox = town.getByTestId('messages-oversight-org');
    await pick(
      town,
      orgBox,
      town.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${child.orgName}"]`),
      child.orgName,
      async () => {
        await orgBox.click();
        await town.keyboard.type(child.orgName);
      },
    );
    await settled(town);
    const overdue = town.getByTestId('messages-overdue-table').getByRole('row', { name: /排水沟堵了/ });
    await expect.poll(() => overdue.textContent()).toContain('逾期 4 天');
    await expect.poll(() => overdue.textContent()).toContain(me.orgName);
    await screenshot(town, 'messages-6-town-overdue');

    // and at phone width, the same page still reads
    await town.setViewportSize({ width: 390, height: 844 });
    await settled(town);
    await screenshot(town, 'messages-7-town-overdue-390');
  });

  test('a member at phone width opens 留言 from her home, reads her branch’s answer and writes again', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    await page.goto('/m');
    await page.getByTestId('tile-/m/messages').click();
    await page.waitForURL('**/m/messages');
    // the demo's own message to her branch, answered by its secretary
    const list = page.getByTestId('my-messages');
    await expect.poll(() => list.textContent()).toContain('活动室');
    await expect.poll(() => list.textContent()).toContain('已答复');
    await page.getByTestId('my-message-body').fill('建议周末也开放党员活动室，方便在外务工的党员回来学习。');
    await page.getByTestId('my-message-send').click();
    await expect.poll(() => list.textContent()).toContain('建议周末也开放党员活动室');
    await screenshot(page, 'messages-8-member-390');
  });
});
