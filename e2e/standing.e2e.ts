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

/** Waits until no table is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

describe('党籍管理, as a branch secretary', () => {
  test('marks a member as lost contact; six months later sees the suspension due and records the branch decision; the town committee approves', async () => {
    const page = await newPage(browser, { height: 768 });
    await logIn(page, 'secretary');

    // a full member of the secretary's branch, in good standing, who joined long before
    const list = await page.request.get('/api/v1/members?status=full&pageSize=50');
    expect(list.status()).toBe(200);
    const members = (await list.json()).items as {
      id: string;
      name: string;
      joinedOn: string | null;
      standing: { standing: string; lostContactOn: string | null };
    }[];
    const who = members.find(
      (m) =>
        !DEMO_PEOPLE.has(m.name) &&
        m.joinedOn &&
        m.joinedOn < '2024-01-01' &&
        m.standing.standing === 'normal' &&
        !m.standing.lostContactOn,
    );
    if (!who) throw new Error('the demo branch has no full member in good standing');

    // ── 2026-01-05: contact is lost ─────────────────────────────────────────────────────
    await itIs(page, '2026-01-05');
    await page.goto(`/members/${who.id}?tab=standing`);
    await page
      .getByTestId('member-standing')
      .waitFor()
      .catch(async (e) => {
        await screenshot(page, 'standing-00-failed');
        throw e;
      });
    expect(await page.getByTestId('standing-status').textContent()).toBe('正常');
    await page.getByTestId('standing-lost').click();
    await page.getByTestId('standing-lost-reason').fill('外出务工，电话停机，多方查找未果');
    await screenshot(page, 'standing-01-mark-lost-contact');
    await page.getByTestId('standing-lost-submit').click();
    await expect
      .poll(async () => page.getByTestId('member-standing').textContent())
      .toContain('自 2026-01-05 起失去联系');
    expect(await page.getByTestId('member-standing-tag').textContent()).toBe('失联');
    await screenshot(page, 'standing-02-lost-contact-recorded');

    // ── 2026-07-04: not yet six months — nothing due for this member ──────────────────────
    await itIs(page, '2026-07-04');
    await page.goto('/members/standing');
    await page.getByTestId('standing-count').waitFor();
    await settled(page);
    expect(await page.getByTestId(`standing-open-${who.id}-lost_contact`).count()).toBe(0);

    // ── 2026-07-06: six months on, the suspension is due (条例第二十四条) ────────────────────
    await itIs(page, '2026-07-06');
    await page.goto('/members/standing');
    const open = page.getByTestId(`standing-open-${who.id}-lost_contact`);
    await open.waitFor();
    const row = page.locator('tr', { has: open });
    expect(await row.textContent()).toContain(who.name);
    expect(await row.textContent()).toContain('停止党籍');
    expect(await row.textContent()).toContain('失去联系满6个月');
    expect(await row.textContent()).toContain('2026-01-05');
    expect(await row.textContent()).toContain('2026-07-05');
    await settled(page);
    await screenshot(page, 'standing-03-suspension-due');

    // the same list on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await screenshot(page, 'standing-04-suspension-due-phone');
    await page.setViewportSize({ width: 1366, height: 768 });

    // ── the branch meeting of 2026-07-06 decides; the committee's approval is to come ──────────
    await open.click();
    await page.getByTestId('standing-decide-reason').waitFor();
    expect(await page.getByTestId('standing-decide-kind').textContent()).toContain('停止党籍');
    expect(await page.getByTestId('standing-decide-reason').inputValue()).toContain('失去联系满6个月');
    // the OK button is on screen at 768 px
    const submit = page.getByTestId('standing-decide-submit');
    await screenshot(page, 'standing-05-branch-decision');
    const box = await submit.boundingBox();
    expect(box && box.y + box.height <= 768).toBe(true);
    await submit.click();
    // the approval is the committee above's: the branch waits for it
    const awaiting = page.getByTestId(`standing-wait-${who.id}`);
    await awaiting.waitFor();
    expect(await awaiting.textContent()).toContain('由上级党组织登记');
    expect(await page.locator('tr', { has: awaiting }).textContent()).toContain('待上级批准');
    await settled(page);
    await screenshot(page, 'standing-06-awaiting-approval');

    // ── 2026-07-20: the town committee records its approval of 2026-07-18 ─────────────────
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    await itIs(town, '2026-07-20');
    await town.goto(`/members/${who.id}?tab=standing`);
    const approve = town.locator('[data-testid^="standing-approve-"]').first();
    await approve.click();
    await town.getByTestId('standing-approve-on').fill('2026-07-18');
    await town.getByTestId('standing-approve-on').press('Enter');
    await town.getByTestId('standing-approve-by').fill('中共青山区清河镇委员会');
    await town.getByTestId('standing-approve-submit').click();
    await expect.poll(async () => town.getByTestId('standing-status').textContent()).toBe('停止党籍');
    await town.context().close();
    // the secretary sees the suspension in effect from that day
    await itIs(page, '2026-07-20');
    await page.goto(`/members/${who.id}?tab=standing`);
    await expect.poll(async () => page.getByTestId('standing-status').textContent()).toBe('停止党籍');
    expect(await page.getByTestId('member-standing').textContent()).toContain('自 2026-07-18 起停止党籍');
    expect(await page.getByTestId('member-standing-tag').textContent()).toBe('停止党籍');
    await screenshot(page, 'standing-07-suspended');
  }, 180_000);
});
