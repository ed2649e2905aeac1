import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, pick, screenshot } from './browser.ts';

const VIDEO = path.resolve(import.meta.dirname, 'fixtures/course-video.mp4');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Fills the course drawer's common fields: kind, title, tags. */
async function describeCourse(page: Page, kind: string, title: string, tags: string[]) {
  await page.getByTestId('course-add').click();
  await page.getByTestId('course-drawer').waitFor();
  await pick(
    page,
    page.getByTestId('course-kind'),
    page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${kind}$`) }),
    kind,
  );
  await page.getByTestId('course-title').fill(title);
  const tagBox = page.getByTestId('course-tags').locator('input');
  for (const tag of tags) {
    await tagBox.fill(tag);
    await tagBox.press('Enter');
  }
  // out of the tag box (Esc would ask to close the drawer)
  await page.getByTestId('course-title').click();
}

describe('课件库: an admin uploads an article and a video, a member finds and studies them on a phone', () => {
  test('upload with progress, segmented search at 390 px, the reader, a video that seeks (206)', async () => {
    // ── the town admin: an article and a video, published to the town ─────────────────────────
    const admin = await newPage(browser, { height: 800 });
    await logIn(admin, 'town_admin');
    await admin.goto('/courses');
    await admin.getByTestId('course-add').waitFor();

    await describeCourse(admin, '图文', '新时代基层党组织建设的创新实践', ['基层党建', '组织建设']);
    const editor = admin.getByTestId('course-body');
    await editor.click();
    await editor.pressSequentially('基层党组织是党的全部工作和战斗力的基础。');
    await admin.keyboard.press('Enter');
    await editor.pressSequentially('村党支部把主题党日搬到田间地头，党员带头为群众办实事。');
    await screenshot(admin, 'learning-library-01-admin-article');
    await admin.getByTestId('course-save-publish').click();
    await admin.getByTestId('course-drawer').waitFor({ state: 'detached' });

    await describeCourse(admin, '视频', '红船精神微党课（e2e）', ['党史']);
    await admin.getByTestId('course-file').setInputFiles(VIDEO);
    await admin.getByText(/已选择：course-video\.mp4/).waitFor();
    // a village line: the upload at 64 kB/s, so the bar is seen moving
    const cdp = await admin.context().newCDPSession(admin);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 64 * 1024,
    });
    // what the progress bar says while the file goes up, noted as it changes
    await admin.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="course-progress"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await admin.getByTestId('course-save-publish').click();
    // the bar shows how far the upload has got, and the drawer closes once it is in and published
    await admin
      .getByTestId('course-progress')
      .filter({ hasText: /正在上传 [1-9]\d?%/ })
      .waitFor();
    await screenshot(admin, 'learning-library-02-admin-uploading');
    await admin.getByTestId('course-drawer').waitFor({ state: 'detached', timeout: 60_000 });
    const seen = await admin.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(
      seen.some((s) => /^正在上传 [1-9]\d?%$/.test(s)),
      seen.join(' | '),
    ).toBe(true);
    expect(seen.at(-1)).toBe('上传完成');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await admin.getByTestId('courses-search').locator('input').fill('红船 微党课');
    await admin.getByTestId('courses-search').locator('input').press('Enter');
    const row = admin.locator('[data-testid^="course-row-"]', { hasText: '红船精神微党课（e2e）' });
    await row.waitFor();
    const videoId = (await row.getAttribute('data-testid'))!.replace('course-row-', '');
    await expect.poll(async () => admin.getByTestId(`course-status-${videoId}`).textContent()).toBe('已发布');
    // how long it plays, read from the file on the server (75 s)
    expect(
      await admin.locator('tbody tr.ant-table-row', { hasText: '红船精神微党课（e2e）' }).textContent(),
    ).toContain('1 分钟');
    await screenshot(admin, 'learning-library-03-admin-list');

    // ── the member, on a phone: finds the article by words the segmenter cut, reads it ─────────
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, 'member');
    await phone.goto('/m');
    await phone.getByTestId('tile-/m/learning').click();
    await phone.waitForURL('**/m/learning');
    await phone.getByTestId('learning-search').fill('基层党组织 创新实践');
    await phone.getByTestId('learning-search-go').click();
    const found = phone.locator('[data-testid^="learning-course-"]', {
      hasText: '新时代基层党组织建设的创新实践',
    });
    await found.waitFor();
    await screenshot(phone, 'learning-library-04-member-search');
    await found.click();
    await phone.getByTestId('course-body').waitFor();
    expect(await phone.getByTestId('course-body').textContent()).toContain('党员带头为群众办实事');
    const normal = await phone
      .getByTestId('course-body')
      .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(normal).toBeGreaterThanOrEqual(18);
    await phone.getByTestId('reader-size').click();
    const big = await phone
      .getByTestId('course-body')
      .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(big).toBeGreaterThan(normal);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'learning-library-05-member-reader');

    // ── the video: the player asks for ranges and the server answers 206; a seek works ─────────
    const ranges: { status: number; range: string | null; contentRange: string | null }[] = [];
    phone.on('response', async (res) => {
      if (!res.url().includes(`/learning/courses/${videoId}/media`)) return;
      ranges.push({
        status: res.status(),
        range: (await res.request().allHeaders()).range ?? null,
        contentRange: (await res.allHeaders())['content-range'] ?? null,
      });
    });
    await phone.goto(`/m/learning/${videoId}`);
    const video = phone.getByTestId('course-video');
    await video.waitFor();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(75);
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      v.currentTime = 60;
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.round(v.currentTime))).toBe(60);
    await expect
      .poll(() => ranges.some((r) => r.status === 206 && r.contentRange?.startsWith('bytes ')))
      .toBe(true);
    // a seek far into a file the browser has not cached: one more range, answered with its bytes
    const seek = await phone.evaluate(async (url) => {
      const res = await fetch(url, { headers: { range: 'bytes=100000-100999' } });
      return {
        status: res.status,
        range: res.headers.get('content-range'),
        length: (await res.arrayBuffer()).byteLength,
      };
    }, `/api/v1/learning/courses/${videoId}/media`);
    expect(seek).toMatchObject({ status: 206, length: 1000 });
    expect(seek.range).toMatch(/^bytes 100000-100999\/\d+$/);
    await screenshot(phone, 'learning-library-06-member-video');
  }, 240_000);
});
