import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// Issue 17, item 6 (done when): a member switches on 长辈版 at phone width; the test measures by
// computed style that the text is ≥ 18 px with line height ≥ 1.3, that every button and link is at
// least 60×60 px, that it is still on after a reload (and on the portal), and that at 200 % (the
// phone's font setting, the browser's zoom) no value wraps a letter or two a line.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const isElder = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('hy-elder'));

/** Text elements of main (each element holding text of its own) whose type is too small or too tight. */
function smallText(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    const body = getComputedStyle(document.body);
    if (Number.parseFloat(body.fontSize) < 18) out.push(`body ${body.fontSize}`);
    for (const el of main.querySelectorAll<HTMLElement>('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own || el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden') continue;
      const size = Number.parseFloat(s.fontSize);
      const lh = s.lineHeight === 'normal' ? size * 1.2 : Number.parseFloat(s.lineHeight);
      const name = `<${el.tagName.toLowerCase()} class="${el.className}">${el.textContent?.trim().slice(0, 12)}`;
      if (size < 18) out.push(`${name}: ${s.fontSize}`);
      if (lh < size * 1.3 - 0.01) out.push(`${name}: line height ${s.lineHeight} for ${s.fontSize}`);
    }
    return out;
  });
}

/** Every visible button and link smaller than 60×60 px. */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'a[href], button, [role="button"], input[type="submit"], input[type="button"]',
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // off the screen until focused (the portal's "skip to the main content" link)
      if (r.right <= 0 || r.bottom <= 0) continue;
      if (r.width < 59.5 || r.height < 59.5)
        out.push(
          `<${el.tagName.toLowerCase()}> ${el.textContent?.trim().slice(0, 12)}: ${r.width.toFixed(0)}×${r.height.toFixed(0)}`,
        );
    }
    return out;
  });
}

/**
 * Elements of main whose text is broken a letter or two a line: three lines or more holding fewer
 * than three characters each on average (a name, an org, a value squeezed beside its label).
 */
function letterByLetter(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      if (el.getClientRects().length === 0) continue;
      // the element's own text, line by line: each line box of a text node is one client rect
      const tops = new Set<number>();
      let text = '';
      for (const n of el.childNodes) {
        if (n.nodeType !== Node.TEXT_NODE || !n.textContent?.trim()) continue;
        text += n.textContent.trim();
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      if (text.length < 3) continue;
      const lines = tops.size;
      if (lines >= 3 && text.length / lines < 3)
        out.push(`<${el.tagName.toLowerCase()} class="${el.className}">${text.slice(0, 12)}: ${lines} lines`);
    }
    return out;
  });
}

describe('长辈版 (elder mode) at phone width', () => {
  test('a member switches it on from /m: big text, big targets, remembered after a reload and on the portal', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    await page.goto('/m');
    await page.getByTestId('member-name').waitFor();
    expect(await isElder(page)).toBe(false);
    // reachable from the first screen, without scrolling
    const sw = page.getByTestId('elder-switch');
    await expect.poll(() => sw.isVisible()).toBe(true);
    expect(await sw.boundingBox().then((b) => (b ? b.y + b.height : 9999))).toBeLessThan(844);
    expect(await sw.textContent()).toBe('长辈版');
    await sw.click();
    await expect.poll(() => isElder(page)).toBe(true);
    expect(await sw.textContent()).toBe('标准版');
    await page.waitForLoadState('networkidle');

    await screenshot(page, 'elder-member-home-390');
    expect(await smallText(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    const main = await page.evaluate(() => getComputedStyle(document.querySelector('main')!).fontSize);
    expect(Number.parseFloat(main)).toBeGreaterThanOrEqual(18);

    // remembered on this device: on at once after a reload (before the app has even run)
    await page.reload();
    expect(await isElder(page)).toBe(true);
    await page.getByTestId('member-name').waitFor();
    expect(await page.getByTestId('elder-switch').textContent()).toBe('标准版');
    // …and the portal, rendered by the server, honours it too
    await page.goto('/');
    expect(await isElder(page)).toBe(true);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'elder-portal-390');

    // and off again
    await page.goto('/m');
    await page.getByTestId('elder-switch').click();
    await expect.poll(() => isElder(page)).toBe(false);
    await page.reload();
    await page.getByTestId('member-name').waitFor();
    expect(await isElder(page)).toBe(false);
    await page.context().close();
  });

  test('at 200 % (the phone’s font setting, then the browser’s zoom) no value wraps letter by letter', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    await page.goto('/m');
    await page.getByTestId('member-name').waitFor();
    await page.waitForLoadState('networkidle');

    // the phone's own font setting: the root font doubled; everything sized in rem follows it
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
    const fontSize = await page.evaluate(() => getComputedStyle(document.querySelector('main')!).fontSize);
    expect(Number.parseFloat(fontSize)).toBeGreaterThanOrEqual(32);
    await screenshot(page, 'elder-member-home-font-200');
    expect(await letterByLetter(page)).toEqual([]);

    // the browser's zoom: the page laid out in half the width
    await page.reload();
    await page.getByTestId('member-name').waitFor();
    await page.evaluate(() => {
      document.documentElement.style.setProperty('zoom', '2');
    });
    await screenshot(page, 'elder-member-home-zoom-200');
    expect(await letterByLetter(page)).toEqual([]);

    await page.context().close();
  });
});
