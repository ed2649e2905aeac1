import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A JSON call with the page's session (and its CSRF token). */
async function call<T>(page: Page, method: string, url: string, body?: object): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.match(/(?:^|; )hy_csrf=([^;]+)/)?.[1] ?? '';
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

/** "YYYY-MM-DDTHH:mm" in the browser's own zone, `minutes` from now: what a datetime-local box takes. */
const localInput = (page: Page, minutes: number) =>
  page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, minutes);

describe('组织生活: a committee meeting from the plan to the record sheet', () => {
  test('a secretary plans it; a member signs in by the QR code; a 40-second-old code is refused; minutes with a photo; the .docx', {
    timeout: 240_000,
  }, async () => {
    // ── the secretary plans a committee meeting of the village branch ─────────────────────
    const sec = await newPage(browser, { height: 768 });
    await logIn(sec, 'secretary');
    const me = await call<{ orgId: string; orgName: string }>(sec, 'GET', '/auth/me');
    await sec.goto('/activities');
    await sec.getByTestId('activity-plan-open').click();
    await sec.getByTestId('activity-plan-topic').fill('研究本月党建重点工作和冬季防火');
    await sec.getByTestId('activity-plan-place').fill('村委会二楼会议室');
    await sec.getByTestId('activity-plan-starts').fill(await localInput(sec, 2));
    await expect.poll(() => sec.getByTestId('activity-plan').textContent()).toContain(me.orgName);
    await screenshot(sec, 'activities-01-plan');
    await sec.getByTestId('activity-plan-save').click();
    await sec.waitForURL(/\/activities\/\d+$/);
    const activityId = sec.url().split('/').at(-1)!;
    await sec.getByTestId('activity-page').waitFor();
    expect(await sec.getByTestId('activity-topic').textContent()).toBe('研究本月党建重点工作和冬季防火');
    await screenshot(sec, 'activities-02-planned');

    // a second member on the list gets a study card (their "second phone" logs in with it)
    await call(sec, 'POST', '/members/cards/issue', { orgId: me.orgId, onlyWithout: true });
    const detail = await call<{ attendees: { memberId: string; name: string }[] }>(
      sec,
      'GET',
      `/activities/${activityId}`,
    );
    const other = detail.attendees.find((a) => a.name !== '陈小梅');
    if (!other) throw new Error('no second member of the branch on the list');
    const second = await call<{ cardNo: string; password: string }>(
      sec,
      'POST',
      `/members/${other.memberId}/card/reset`,
      {},
    );

    // the member's phone, logged in before the code is read
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, 'member');

    // ── the room's screen shows the rotating code ────────────────────────────────────────────
    await sec.getByTestId('activity-qr').click();
    const code = sec.getByTestId('qr-code');
    await code.waitFor();
    // read a fresh code (at least 20 of its 30 seconds left), so the phone has time to use it
    await expect
      .poll(
        async () =>
          Number((await sec.getByTestId('qr-countdown').textContent())?.match(/(\d+) 秒后/)?.[1] ?? 0),
        {
          timeout: 40_000,
        },
      )
      .toBeGreaterThanOrEqual(20);
    const url = new URL((await code.getAttribute('data-url'))!);
    expect(url.pathname).toBe(`/m/activities/${activityId}/sign`);
    await screenshot(sec, 'activities-03-qr-screen');

    // ── a member at phone width opens the link and is signed in ─────────────────────────────
    await phone.goto(url.pathname + url.search);
    await phone
      .getByTestId('sign-ok')
      .waitFor()
      .catch(async (e) => {
        await screenshot(phone, 'activities-04-failed');
        throw new Error(`${e}: ${await phone.locator('body').textContent()}`);
      });
    expect(await phone.getByTestId('sign-ok').textContent()).toContain('签到成功');
    expect(await phone.getByTestId('sign-result').textContent()).toContain('陈小梅');
    await screenshot(phone, 'activities-04-member-signed-in');

    // ── a second phone with the same code, 40 seconds after it appeared, is refused ─────────
    const phone2 = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone2, second.cardNo, second.password);
    const step = Number(url.searchParams.get('c')!.split('.')[1]);
    await phone2
      .context()
      .setExtraHTTPHeaders({ 'x-test-now': new Date(step * 30_000 + 40_000).toISOString() });
    await phone2.goto(url.pathname + url.search);
    await phone2.getByTestId('sign-failed').waitFor();
    expect(await phone2.getByTestId('sign-error').textContent()).toContain('二维码已过期');
    await screenshot(phone2, 'activities-05-expired-code-refused');

    // the screen counts the one who signed in
    await expect
      .poll(() => sec.getByTestId('qr-signed').textContent(), { timeout: 15_000 })
      .toContain('已签到 1 /');

    // ── after the meeting (two hours on): minutes, a photo, the record sheet ─────────────────
    await sec
      .context()
      .setExtraHTTPHeaders({ 'x-test-now': new Date(Date.now() + 2 * 3_600_000).toISOString() });
    await sec.goto(`/activities/${activityId}`);
    await sec.getByTestId('minutes-host').fill('刘建华');
    await sec.getByTestId('minutes-recorder').fill('陈小梅');
    await sec
      .getByTestId('minutes-text')
      .fill(
        '一、传达学习上级党委关于冬季防火工作的部署。\n二、研究本月党建重点工作，明确分工。\n三、议定：本月15日开展主题党日活动。',
      );
    await sec.getByTestId('minutes-save').click();
    await expect.poll(() => sec.locator('.ant-tag').allTextContents()).toContain('已召开');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8161d' } })
      .jpeg()
      .toBuffer();
    await sec
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '会场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    await sec.locator('[data-testid^="activity-photo-"]').first().waitFor();
    await screenshot(sec, 'activities-06-minutes-and-photo');

    const [download] = await Promise.all([
      sec.waitForEvent('download'),
      sec.getByTestId('activity-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^会议记录-.*\.docx$/);
    const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    const text = new TextDecoder().decode(zip['word/document.xml']).replace(/<[^>]+>/g, '');
    for (const want of [
      '会议记录',
      '支部委员会',
      '研究本月党建重点工作和冬季防火',
      '村委会二楼会议室',
      '刘建华',
      '陈小梅',
      '冬季防火工作的部署',
    ])
      expect(text).toContain(want);
    expect(Object.keys(zip).some((k) => k.startsWith('word/media/'))).toBe(true);

    // the printable sheet, and the page at 1366×768
    await sec.goto(`/activities/${activityId}/print`);
    await sec.getByTestId('record-sheet').first().waitFor();
    await screenshot(sec, 'activities-07-record-sheet');

    // the member's own list at phone width
    await phone.goto('/m/activities');
    await phone.getByTestId('my-activities-past').click();
    await screenshot(phone, 'activities-08-my-activities');
  });

  test('the town admin sees what each branch held, what is due and what is overdue', async () => {
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    await town.goto('/activities/due');
    await town.getByTestId('due-count').waitFor();
    await expect.poll(() => town.getByTestId('due-overdue').count()).toBeGreaterThan(0);
    await town.waitForTimeout(500);
    await screenshot(town, 'activities-09-due-overview');
    await town.setViewportSize({ width: 390, height: 844 });
    await town.waitForTimeout(300);
    await screenshot(town, 'activities-10-due-overview-phone');
  });
});
