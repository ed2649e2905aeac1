import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from './browser.ts';

// a 2×2 red PNG
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001649444154789c63f8cfc0f01f0c1918fe03b10200f4ff03fde45ef33e0000000049454e44ae426082',
  'hex',
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('member photo, as the secretary of a village branch (书记)', () => {
  it('opens a member of the branch, uploads a photo and sees it on the record', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.getByTestId('login-username').fill('secretary');
    await page.getByTestId('login-password').fill('Hongyun@2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/members');
    const row = page.locator('[data-member-id]').first();
    await row.waitFor();
    await page.goto(`/members/${await row.getAttribute('data-member-id')}`);
    await page.getByTestId('member-detail').waitFor();
    const photo = page.getByTestId('member-photo');
    await photo
      .getByTestId('member-photo-input')
      .setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: PNG });
    const img = photo.locator('img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(2);
    await screenshot(page, 'photo-01-uploaded');
  });
});
