import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { periodWords } from '../contracts/life/thought-report-periods.ts';
import { makeIdCard } from '../server/src/modules/members/record/id-card.ts';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A JSON call made from the signed-in page, as the web app makes it (session cookie, CSRF header). */
async function call<T>(page: Page, method: string, url: string, body?: object): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.match(/(?:^|; )hy_csrf=([^;]+)/)?.[1] ?? '';
      const res = await fetch(`/api/v1${url}`, {
        method,
        // a request without a body declares no JSON: the server refuses an empty JSON body
        headers: body
          ? { 'content-type': 'application/json', 'x-csrf-token': csrf }
          : { 'x-csrf-token': csrf },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

/** Waits until nothing is loading, so a picture shows the page and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

type Due = { memberId: string; name: string; stage: string; period: string };
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('思想汇报, from a probationer’s phone to the branch and back', () => {
  test('a probationer hands in a report at 390 px; the secretary reviews it with a comment; the probationer reads it; another probationer is listed as not handed in', async () => {
    // ── the secretary's branch and two of its probationers who owe this period's report ─────
    const admin = await newPage(browser, { height: 768 });
    await logIn(admin, 'secretary');
    const me = await call<{ orgId: string }>(admin, 'GET', '/auth/me');
    const dueNow = async () =>
      (await call<{ items: Due[] }>(admin, 'GET', '/thought-reports/due?pageSize=200')).items.filter(
        (d) => d.stage === 'probationary',
      );
    let due = await dueNow();
    // the demo branch has one or two probationers: make sure of two, admitted half a year ago
    for (let i = due.length; i < 2; i++) {
      const birthDate = `1996-0${3 + i}-1${i}`;
      await call(admin, 'POST', '/members', {
        name: i ? '郑晓燕' : '王立新',
        gender: i ? 'female' : 'male',
        ethnicity: '汉族',
        idNumber: makeIdCard('110101', birthDate, 40 + i * 2, i ? 'female' : 'male'),
        birthDate,
        education: '大学本科',
        status: 'probationary',
        joinedOn: daysAgo(200),
        orgId: me.orgId,
      });
      due = await dueNow();
    }
    const [who, other] = due;
    expect(who && other).toBeTruthy();

    // the probationer signs in with a study card on their phone (the branch hands them out)
    const issued = await call<{ items: { memberId: string; cardNo: string; password: string }[] }>(
      admin,
      'POST',
      '/members/cards/issue',
      { orgId: me.orgId, onlyWithout: true },
    );
    const card =
      issued.items.find((c) => c.memberId === who.memberId) ??
      (await call<{ cardNo: string; password: string }>(
        admin,
        'POST',
        `/members/${who.memberId}/card/reset`,
      ));

    // ── the probationer, at phone width: the tile, the form, a photo of the handwritten page ──
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, card.cardNo, card.password);
    await phone.waitForURL((u) => u.pathname.startsWith('/m'));
    await phone.getByTestId('tile-/m/thought-reports').click();
    await phone.getByTestId('my-reports-now').waitFor();
    expect(await phone.getByTestId('my-reports-state').textContent()).toBe('本期尚未提交');
    await phone
      .getByTestId('my-report-body')
      .fill(
        '敬爱的党组织：\n本季度我认真学习了党章和党的创新理论，积极参加主题党日和志愿服务。\n今后我将继续严格要求自己，请党组织继续考察。',
      );
    await phone.getByTestId('my-report-file').setInputFiles({
      name: '手写汇报.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await screenshot(phone, 'thought-reports-01-phone-writing');
    await phone.getByTestId('my-report-submit').click();
    await expect.poll(() => phone.getByTestId('my-reports-state').textContent()).toBe('本期已提交');
    const mine = phone.getByTestId('my-reports').locator('li').first();
    expect(await mine.textContent()).toContain('等待支部审阅');
    expect(await mine.textContent()).toContain('手写汇报.pdf');
    await screenshot(phone, 'thought-reports-02-phone-handed-in');

    // ── the secretary reviews it in the console, with a comment ──────────────────────────────
    await admin.goto('/thought-reports');
    await admin.getByTestId('reports-pending').waitFor();
    await settled(admin);
    // this period's report (an earlier one of theirs may wait too, listed before it)
    const row = admin
      .getByTestId('reports-pending')
      .locator('tr', { hasText: who.name })
      .filter({ hasText: periodWords(who.period) });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    await screenshot(admin, 'thought-reports-03-to-review');
    await row.first().getByRole('button').click();
    await admin.getByTestId('report-drawer').getByTestId('report-body').waitFor();
    expect(await admin.getByTestId('report-body').textContent()).toContain('积极参加主题党日和志愿服务');
    await admin
      .getByTestId('report-comment-box')
      .fill('汇报认真，学习体会深刻。望在志愿服务中继续发挥带头作用。');
    await screenshot(admin, 'thought-reports-04-review-drawer');
    await admin.getByTestId('report-review-submit').click();
    await admin.getByTestId('report-comment').waitFor();
    expect(await admin.getByTestId('report-comment').textContent()).toContain(
      '望在志愿服务中继续发挥带头作用',
    );
    await screenshot(admin, 'thought-reports-05-reviewed');

    // ── the probationer reads the branch's comment (a card session ends when left idle: sign in again) ──
    const again = await newPage(browser, { width: 390, height: 844 });
    await logIn(again, card.cardNo, card.password);
    await again.goto('/m/thought-reports');
    await again.getByTestId('my-reports').waitFor();
    const comment = again.locator('[data-testid^="my-report-comment-"]').first();
    await comment.waitFor();
    expect(await comment.textContent()).toContain('望在志愿服务中继续发挥带头作用');
    expect(await again.getByTestId('my-reports-now').textContent()).toContain('支部已审阅');
    // big enough to read and to tap at phone width: no sideways scrolling
    expect(await again.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(again, 'thought-reports-06-phone-comment');

    // ── the list of those who have not handed in shows the other probationer, not this one ───
    await admin.goto('/thought-reports?tab=due');
    await admin.getByTestId('reports-due').waitFor();
    await settled(admin);
    const table = admin.getByTestId('reports-due');
    await expect.poll(() => table.locator('tr', { hasText: other.name }).count()).toBeGreaterThan(0);
    expect(await table.locator('tr', { hasText: who.name }).count()).toBe(0);
    expect(await table.locator('tr', { hasText: other.name }).first().textContent()).toContain('本期未交');
    await screenshot(admin, 'thought-reports-07-not-handed-in');

    await again.context().close();
    await phone.context().close();
    await admin.context().close();
  }, 240_000); // two pages on a loaded two-core machine
});
