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

const csrfOf = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';

/** A photo as a phone takes it: a real JPEG, with the camera's metadata. */
const photo = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#b22222' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="1200" height="900"><circle cx="600" cy="450" r="260" fill="#ffd700"/></svg>',
        ),
      },
    ])
    .withExif({ IFD0: { Make: 'PhoneMaker' } })
    .jpeg()
    .toBuffer();

describe('组织主页: a secretary writes the page, the public reads it on a phone without login', () => {
  test('introduction and an announcement with a photo; at 390×844 the public page shows them, and a post with <script> and onerror stays inert', async () => {
    const admin = await newPage(browser, { height: 768 });
    await logIn(admin, 'secretary');
    const me = await (await admin.request.get('/api/v1/auth/me')).json();
    const branchId: string = me.orgId;

    // ── the introduction ──
    await admin.goto(`/org-page?orgId=${branchId}`);
    const intro = admin.getByTestId('intro-editor');
    await intro.waitFor();
    await intro.click();
    await admin.keyboard.press('Control+A');
    await admin.keyboard.press('Delete');
    await admin.keyboard.type(
      '本支部共有党员四十二名，设党小组三个。我们坚持“三会一课”，带领群众发展茶叶产业。',
    );
    await screenshot(admin, 'org-page-01-introduction');
    await admin.getByTestId('intro-save').click();
    await expect.poll(() => admin.getByText('已保存').count()).toBeGreaterThan(0);

    // ── an announcement with a photo in its text ──
    await admin.getByRole('tab', { name: '发布内容' }).click();
    await admin.getByTestId('post-new').click();
    await admin.getByTestId('post-kind').getByText('组织公告').click();
    await admin.getByTestId('post-title-input').fill('关于开展主题党日活动的公告');
    const body = admin.getByTestId('post-editor');
    await body.click();
    await admin.keyboard.type('本周六上午九点在党员活动室开展主题党日活动，请全体党员准时参加。');
    await admin
      .getByTestId('post-editor-image-file')
      .setInputFiles({ name: 'IMG_2026.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await expect.poll(() => body.locator('img').count()).toBe(1);
    await screenshot(admin, 'org-page-02-announcement-editor');
    await admin.getByTestId('post-publish').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => admin.getByText('公告阅读情况').count()).toBeGreaterThan(0);
    await screenshot(admin, 'org-page-03-published-with-receipts');

    // ── a post someone tried to smuggle a script into, sent straight to the API ──
    const evil = await admin.request.post('/api/v1/posts', {
      headers: { 'x-csrf-token': await csrfOf(admin) },
      data: {
        orgId: branchId,
        kind: 'update',
        title: '<img src=x onerror=alert(1)>工作动态',
        body: '<p>正文照常显示</p><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"><p onmouseover="window.__pwned = 3">悬停</p>',
        visibility: 'public',
        publish: true,
      },
    });
    expect(evil.status()).toBe(201);
    const evilId: string = (await evil.json()).id;

    // ── the public, on a phone, without login ──
    const phone = await newPage(browser, { width: 390, height: 844 });
    const dialogs: string[] = [];
    phone.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await phone.goto(`/p/orgs/${branchId}`);
    await expect
      .poll(() => phone.getByTestId('org-introduction').textContent())
      .toContain('本支部共有党员四十二名');
    await expect
      .poll(() => phone.getByTestId('org-posts').textContent())
      .toContain('关于开展主题党日活动的公告');
    await screenshot(phone, 'org-page-04-public-phone');
    await phone.getByText('关于开展主题党日活动的公告').click();
    await expect.poll(() => phone.getByTestId('post-body').textContent()).toContain('主题党日活动');
    // the photo is shown, resized on the server, from the platform's own picture store
    const img = phone.getByTestId('post-body').locator('img');
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(1200);
    expect(await img.getAttribute('src')).toMatch(/^\/api\/v1\/public\/images\/[0-9a-f]{32}$/);
    await screenshot(phone, 'org-page-05-public-announcement');

    await phone.goto(`/p/posts/${evilId}`);
    await expect.poll(() => phone.getByTestId('post-body').textContent()).toContain('正文照常显示');
    await phone.getByText('悬停').hover();
    // the title is text, the script is gone, the handlers are gone: nothing ran
    expect(await phone.getByTestId('post-title').textContent()).toBe('<img src=x onerror=alert(1)>工作动态');
    expect(await phone.getByTestId('post-body').locator('script, [onerror], [onmouseover]').count()).toBe(0);
    expect(await phone.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await screenshot(phone, 'org-page-06-script-inert');

    // a phone wider than it is tall does not need sideways scrolling
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // ── the town admin: who has read the branch's announcement, and which pages are kept up ──
    const town = await newPage(browser, { height: 768 });
    await logIn(town, 'town_admin');
    const sent = await (
      await town.request.get(`/api/v1/notices?orgId=${branchId}&sourceType=post&pageSize=50`)
    ).json();
    const notice = sent.items.find((n: { title: string }) => n.title.includes('关于开展主题党日活动的公告'));
    expect(notice, 'the announcement reached the notice centre').toBeTruthy();
    await town.goto(`/notices/${notice.id}`);
    const readOf = town.getByTestId('notice-read-of');
    await expect.poll(async () => (await readOf.textContent()) ?? '').toMatch(/^\d+ \/ \d+ 人已读$/);
    const [read, total] = ((await readOf.textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(total).toBeGreaterThan(read);
    await town.getByTestId('receipts-filter').getByText(/^未读/).click();
    const unreadRows = town.locator('[data-testid="receipts-table"] tbody tr.ant-table-row');
    await expect.poll(() => unreadRows.count()).toBe(Math.min(20, total - read));
    await screenshot(town, 'org-page-07-town-announcement-unread');

    await town.goto('/org-page');
    await town.getByRole('tab', { name: '下级主页维护情况' }).click();
    await town.getByTestId('kept-up-summary').waitFor();
    await expect.poll(() => town.getByTestId('kept-up-chart').count()).toBe(1);
    await town.waitForTimeout(500); // the chart's animation
    await screenshot(town, 'org-page-08-town-pages-kept-up');
  });
});
