import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// Issue 12, the smaller gaps: the committee above refuses a branch decision (and only it records
// approvals), a cancellation of probation awaiting approval is withdrawn by the branch, and the
// record form leaves 流动党员 to its periods.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The day it is, for the server (X-Test-Now) and for the browser's own "today". */
async function itIs(page: Page, day: string) {
  const at = new Date(`${day}T10:00:00+08:00`);
  await page.context().setExtraHTTPHeaders({ 'x-test-now': at.toISOString() });
  await page.clock.setFixedTime(at);
}

/** Waits until nothing is loading, so a picture shows the page and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string) =>
  '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11];

const csrfOf = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';

/** A member of the secretary's branch, entered through the API (the create form is another test's). */
async function createMember(
  page: Page,
  name: string,
  seq: number,
  over: { status: 'full' | 'probationary'; joinedOn: string; fullOn: string | null },
) {
  const one = await page.request.get('/api/v1/members?status=full&pageSize=1');
  const orgId = (await one.json()).items[0].orgId as string;
  const first17 = `110108197203${String(10 + seq).padStart(2, '0')}${String(500 + seq * 2 + 1)}`;
  const res = await page.request.post('/api/v1/members', {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: {
      name,
      gender: 'male',
      ethnicity: '汉族',
      idNumber: first17 + checkChar(first17),
      birthDate: `1972-03-${first17.slice(12, 14)}`,
      education: '高中',
      orgId,
      ...over,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

const send = async (page: Page, method: 'post' | 'put', url: string, data: object) => {
  const res = await page.request[method](`/api/v1${url}`, {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data,
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
};

describe('the committee above approves — or refuses', () => {
  test('a branch decision awaits the town committee, which refuses it; the suspension is due again', async () => {
    const page = await newPage(browser, { height: 768 });
    await logIn(page, 'secretary');
    const id = await createMember(page, '不批测试', 1, {
      status: 'full',
      joinedOn: '1995-07-01',
      fullOn: '1996-07-02',
    });

    // lost contact on 2026-01-05; six months on, the branch meeting decides to suspend
    await itIs(page, '2026-01-05');
    await send(page, 'post', `/members/${id}/lost-contact`, {
      lostOn: '2026-01-05',
      reason: '外出务工，电话停机，多方查找未果',
    });
    await itIs(page, '2026-07-06');
    const decided = await send(page, 'post', `/members/${id}/standing-decisions`, {
      kind: 'suspend',
      resolutionOn: '2026-07-06',
      reason: '失去联系满6个月，多方查找仍未取得联系',
    });
    const decisionId = decided.decisions[0].id as string;

    // ── the branch's own secretary sees it await the committee, with no approval to record ──
    await page.goto(`/members/${id}?tab=standing`);
    await page.getByTestId('member-standing').waitFor();
    await page.getByTestId(`standing-by-committee-${decisionId}`).waitFor();
    expect(await page.getByTestId(`standing-approve-${decisionId}`).count()).toBe(0);
    expect(await page.getByTestId(`standing-refuse-${decisionId}`).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'gaps-01-awaiting-the-committee');

    // ── 2026-07-20: the town committee refused it on 2026-07-18 ───────────────────────────
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    await itIs(town, '2026-07-20');
    await town.goto(`/members/${id}?tab=standing`);
    await town.getByTestId(`standing-refuse-${decisionId}`).click();
    await town.getByTestId('standing-refuse-on').fill('2026-07-18');
    await town.getByTestId('standing-refuse-on').press('Enter');
    await town.getByTestId('standing-refuse-by').fill('中共青山区清河镇委员会');
    await town.getByTestId('standing-refuse-reason').fill('查找工作不充分，请继续查找');
    const submit = town.getByTestId('standing-refuse-submit');
    const box = await submit.boundingBox();
    expect(box && box.y + box.height <= 768).toBe(true);
    await screenshot(town, 'gaps-02-refusal-form');
    await submit.click();
    await town.getByTestId(`standing-refused-${decisionId}`).waitFor();
    expect(await town.getByTestId('standing-decisions').textContent()).toContain(
      '中共青山区清河镇委员会 2026-07-18 不予批准：查找工作不充分，请继续查找',
    );
    // the decision had no effect
    expect(await town.getByTestId('standing-status').textContent()).toBe('正常');
    await settled(town);
    await screenshot(town, 'gaps-03-refused');
    await town.context().close();

    // ── the secretary's due list shows the suspension due again ──────────────────────────
    await itIs(page, '2026-07-20');
    await page.goto('/members/standing');
    const again = page.getByTestId(`standing-open-${id}-lost_contact`);
    await again.waitFor();
    expect(await page.locator('tr', { has: again }).textContent()).toContain('失去联系满6个月');
    await settled(page);
    await screenshot(page, 'gaps-04-due-again');
    await page.context().close();
  }, 180_000);
});

describe('取消预备党员资格 awaiting approval', () => {
  test('is withdrawn by the branch, with its reason; the probation goes on', async () => {
    const page = await newPage(browser, { height: 768 });
    await logIn(page, 'secretary');
    const id = await createMember(page, '撤回测试', 2, {
      status: 'probationary',
      joinedOn: '2026-03-01',
      fullOn: null,
    });
    await send(page, 'put', `/members/${id}/probation/cancellation`, {
      resolutionOn: '2026-11-20',
      reason: '不履行党员义务',
    });

    await page.goto(`/members/${id}?tab=pipeline`);
    await page.getByTestId('probation-card').waitFor();
    expect(await page.getByTestId('probation-card').textContent()).toContain('待上级党委批准');
    await page.getByTestId('probation-withdraw').click();
    await page.getByTestId('withdrawal-reason').fill('支部党员大会复议，撤回原决定');
    await screenshot(page, 'gaps-05-withdraw-cancellation');
    await page.getByTestId('withdrawal-submit').click();
    await expect.poll(() => page.getByTestId('probation-withdraw').count()).toBe(0);
    await expect
      .poll(async () => page.getByTestId('probation-card').textContent())
      .not.toContain('不履行党员义务');
    expect(await page.getByTestId('probation-cancel').count()).toBe(1);
    await settled(page);
    await screenshot(page, 'gaps-06-cancellation-withdrawn');
    await page.context().close();
  }, 120_000);
});

describe('the record form and 流动党员', () => {
  test('on a phone, the edit form shows 流动党员 read only and points to where it is kept', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'secretary');
    const id = await createMember(page, '流动测试', 3, {
      status: 'full',
      joinedOn: '1995-07-01',
      fullOn: '1996-07-02',
    });
    await page.goto(`/members/${id}`);
    await page.getByTestId('member-edit').click();
    const state = page.getByTestId('member-mobile-state');
    await state.scrollIntoViewIfNeeded();
    expect(await state.textContent()).toBe('否');
    expect(await page.getByTestId('member-mobile-link').textContent()).toContain('流动党员');
    await page.waitForTimeout(300);
    await screenshot(page, 'gaps-07-record-form-mobile-read-only');
    await page.getByTestId('member-mobile-link').click();
    await page.waitForURL((u) => u.pathname === '/members/mobile');
    await page.context().close();
  }, 90_000);
});
