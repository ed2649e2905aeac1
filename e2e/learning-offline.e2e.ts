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

async function get<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`/api/v1${url}`);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until nothing is loading, so a picture shows the page and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

type Progress = { seconds: { online: number; offline: number; station: number; total: number } };
const stamp = Date.now().toString(36);

describe('线下学习: recorded by the branch, approved by the town (组织认定 + 网络登记)', () => {
  test('the secretary records and submits; the town returns it with a reason; the secretary fixes and resubmits; the town approves; the attendee’s hours count', async () => {
    const member = await newPage(browser, { width: 390, height: 844 });
    await logIn(member, 'member');
    const before = await get<Progress>(member, '/study/progress');
    const memberName = (await get<{ displayName: string }>(member, '/auth/me')).displayName;

    // ── the secretary records a session of the branch and submits it at once ───────────────────
    const secretary = await newPage(browser, { height: 900 });
    await logIn(secretary, 'secretary');
    await secretary.goto('/offline-studies');
    await secretary.getByTestId('offline-record').click();
    const form = secretary.getByTestId('offline-form');
    const topic = `集中学习《中国共产党章程》（${stamp}）`;
    await form.getByTestId('offline-form-topic').fill(topic);
    await form.getByTestId('offline-form-minutes').fill('90');
    await form.getByTestId('offline-form-place').fill('村党员活动室');
    const people = form.getByTestId('offline-people');
    await people.getByText(memberName, { exact: true }).click();
    await people.locator('.ant-checkbox-wrapper').nth(1).click();
    await screenshot(secretary, 'learning-offline-01-record');
    await form.getByTestId('offline-save-submit').click();
    const drawer = secretary.getByTestId('offline-drawer');
    await expect.poll(() => drawer.getByTestId('offline-state').textContent()).toBe('待审批');
    expect(await drawer.textContent()).toContain('等待 中共青山区清河镇委员会 审批');
    await settled(secretary);
    await screenshot(secretary, 'learning-offline-02-submitted');

    // ── the town admin returns it with a reason ─────────────────────────────────────────────
    const town = await newPage(browser, { height: 900 });
    await logIn(town, 'town_admin');
    await town.goto('/offline-studies?box=approve');
    const waiting = town.getByTestId('offline-list-approve').locator('tr', { hasText: topic });
    await waiting.getByRole('button').click();
    const decide = town.getByTestId('offline-drawer');
    await decide.getByTestId('offline-return').click();
    await town.getByLabel('退回原因').fill('学习时长应为 2 小时，请核对后重新报送');
    await town.getByTestId('offline-return-submit').click();
    await expect.poll(() => decide.getByTestId('offline-state').textContent()).toBe('已退回');
    await settled(town);
    await screenshot(town, 'learning-offline-03-returned');
    expect((await get<Progress>(member, '/study/progress')).seconds.offline).toBe(before.seconds.offline);

    // ── the secretary reads the reason among those to fix, fixes the length, resubmits ─────────
    await secretary.goto('/offline-studies?box=mine');
    const fix = secretary.getByTestId('offline-list-mine').locator('tr', { hasText: topic });
    expect(await fix.textContent()).toContain('学习时长应为 2 小时');
    await fix.getByRole('button').click();
    await expect
      .poll(() => secretary.getByTestId('offline-return-reason').textContent())
      .toContain('学习时长应为 2 小时');
    await secretary.getByTestId('offline-edit').click();
    const edit = secretary.getByTestId('offline-form');
    await edit.getByTestId('offline-form-minutes').fill('120');
    await edit.getByTestId('offline-save-submit').click();
    await expect
      .poll(() => secretary.getByTestId('offline-drawer').getByTestId('offline-state').textContent())
      .toBe('待审批');

    // ── the town approves: only now do the hours count ───────────────────────────────────────
    await town.goto('/offline-studies?box=approve');
    await town
      .getByTestId('offline-list-approve')
      .locator('tr', { hasText: topic })
      .getByRole('button')
      .click();
    await town.getByTestId('offline-approve').click();
    await town.getByTestId('offline-approve-confirm').click();
    await expect
      .poll(() => town.getByTestId('offline-drawer').getByTestId('offline-state').textContent())
      .toBe('已通过');
    expect(await town.getByTestId('offline-history').textContent()).toMatch(/报送.*退回.*报送.*审批通过/);
    await settled(town);
    await screenshot(town, 'learning-offline-04-approved');

    const after = await get<Progress>(member, '/study/progress');
    expect(after.seconds.offline).toBe(before.seconds.offline + 120 * 60);
    await member.goto('/m/study');
    await settled(member);
    await screenshot(member, 'learning-offline-05-member-hours');
    for (const p of [member, secretary, town]) await p.context().close();
  }, 240_000);
});

describe('远程教育站点', () => {
  test('the station operator records a session on the simple form and its attendees are credited', async () => {
    const member = await newPage(browser, { width: 390, height: 844 });
    await logIn(member, 'member');
    const before = await get<Progress>(member, '/study/progress');
    const memberName = (await get<{ displayName: string }>(member, '/auth/me')).displayName;

    const op = await newPage(browser, { width: 800, height: 1000 });
    await logIn(op, 'station');
    await op.goto('/stations/session');
    // the demo station manager keeps one station: its form opens at once
    await op.getByTestId('op-source').getByText('其他内容').click();
    await op.getByTestId('op-title').fill(`党员教育电视片《初心》（${stamp}）`);
    await op.getByTestId('op-minutes-90').click();
    const people = op.getByTestId('op-people');
    await people.getByText(memberName, { exact: true }).click();
    await people.locator('.hy-op-tile').nth(1).click();
    await screenshot(op, 'learning-offline-06-station-form');
    await op.getByTestId('op-save').click();
    await op.getByTestId('op-saved').waitFor();
    expect(await op.getByTestId('op-saved').textContent()).toContain('各计入 90 分钟学时');
    await screenshot(op, 'learning-offline-07-station-saved');

    const after = await get<Progress>(member, '/study/progress');
    expect(after.seconds.station).toBe(before.seconds.station + 90 * 60);

    // entered by mistake: the operator withdraws it with a reason, and the hours go back
    await op.goto('/stations?tab=sessions');
    await op.getByTestId('sessions-list').getByText(`党员教育电视片《初心》（${stamp}）`).click();
    await op.getByTestId('session-withdraw').click();
    await op.getByRole('dialog').last().locator('textarea').fill('站点选错了');
    await op.getByTestId('reason-submit').click();
    await op.getByTestId('session-withdrawn').waitFor();
    expect(await op.getByTestId('session-withdrawn').textContent()).toContain('站点选错了');
    await screenshot(op, 'learning-offline-07b-station-withdrawn');
    await expect
      .poll(async () => (await get<Progress>(member, '/study/progress')).seconds.station)
      .toBe(before.seconds.station);
    for (const p of [member, op]) await p.context().close();
  }, 120_000);

  test('the town registers a station; the month view flags it with zero minutes, with a chart', async () => {
    const town = await newPage(browser, { height: 1000 });
    await logIn(town, 'town_admin');
    await town.goto('/stations');
    await town.getByTestId('station-create').click();
    const form = town.getByTestId('station-form');
    await pick(
      town,
      form.getByTestId('station-form-org'),
      town.locator('.ant-select-item-option[title="清河镇青岗村党支部"]'),
      '青岗村党支部',
      async () => {
        await form.getByTestId('station-form-org').click();
        await town.keyboard.type('青岗村');
      },
    );
    const name = `青岗村二组远教站点（${stamp}）`;
    await form.getByTestId('station-form-name').fill(name);
    await town.getByTestId('station-save').click();
    await town.getByTestId('station-form').waitFor({ state: 'detached' });
    await town.getByPlaceholder('站点名称').fill('二组远教站点');
    await town.keyboard.press('Enter');
    await expect.poll(() => town.getByTestId('stations-list').textContent()).toContain(name);

    await town.goto('/stations?tab=monthly');
    await town.getByTestId('station-month-chart').locator('canvas').waitFor();
    await town.getByTestId('monthly-state').getByText('零播放').click();
    const zero = town.getByTestId('monthly-list').locator('tr', { hasText: name });
    await zero.waitFor();
    expect(await zero.textContent()).toContain('零播放');
    expect(await zero.textContent()).toContain('0 分钟');
    await settled(town);
    await screenshot(town, 'learning-offline-08-month-zero');
    await town.getByTestId('monthly-state').getByText('全部').click();
    await settled(town);
    await screenshot(town, 'learning-offline-09-month-all');
    await town.context().close();
  }, 120_000);
});
