import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const shownIds = (page: Page) =>
  page
    .locator('[data-testid^="recommendation-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice('recommendation-'.length)));

describe('为你推荐 on the member home', () => {
  test('at 390 px: a few courses with why; ✕ dismisses one for good; one tap opens a course', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    await page.goto('/m');
    const section = page.getByTestId('recommendations');
    await section.waitFor();
    const before = await shownIds(page);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThanOrEqual(5);
    // each says why (the demo member studied: at least one is like a course they finished)
    await expect
      .poll(() => section.textContent())
      .toMatch(/学过《.+》的党员也学了|本支部热门|热门|大家都在学/);
    // the ✕ is a big target, and the page does not scroll sideways
    const box = await page.getByTestId(`dismiss-${before[0]}`).boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(44);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'learning-recommend-01-member-home');

    const gone = before[0];
    await page.getByTestId(`dismiss-${gone}`).click();
    await page.getByTestId(`recommendation-${gone}`).waitFor({ state: 'detached' });
    // the list refills from the server without it, and a reload does not bring it back
    await page.waitForLoadState('networkidle');
    expect(await shownIds(page)).not.toContain(gone);
    await page.reload();
    await section.waitFor();
    expect((await shownIds(page)).length).toBeGreaterThanOrEqual(3);
    expect(await shownIds(page)).not.toContain(gone);
    await screenshot(page, 'learning-recommend-02-after-dismiss');

    const next = (await shownIds(page))[0];
    await page.getByTestId(`recommendation-${next}`).locator('a').click();
    await page.waitForURL((u) => u.pathname === `/m/learning/${next}`);
    await page.close();
  });
});
