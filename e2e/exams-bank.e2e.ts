import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

const stamp = Date.now().toString(36);

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

type Category = { id: string; name: string; parentId: string | null; questionCount: number };

// three questions under a new category, and one GIFT writes that the bank does not take (matching)
const GIFT = [
  `$CATEGORY: 导入${stamp}/党史题`,
  '',
  '::一大::中国共产党第一次全国代表大会召开于 {=1921年 ~1919年 ~1927年}',
  '',
  '遵义会议确立了毛泽东在党中央和红军的领导地位。{T}',
  '',
  '::配对::把会议和年份配对 {=遵义会议 -> 1935 =古田会议 -> 1929}',
  '',
  '党的根本组织原则是 {=民主集中制}。',
  '',
].join('\n');

describe('题库', () => {
  test('the town admin imports a GIFT file, sees the preview with one bad question, skips it and finds the questions in the tree', async () => {
    const page = await newPage(browser, { height: 1000 });
    await logIn(page, 'town_admin');
    await page.goto('/question-bank');
    await page.getByTestId('category-tree').waitFor();
    await settled(page);
    await screenshot(page, 'exams-bank-01-tree');

    // the town's own bank (the demo seeds 镇情镇史 in it); the department's is shown read-only beside
    await page.getByTestId('category-镇情镇史').click();
    await expect.poll(() => page.getByTestId('questions-list').textContent()).toContain('三会一课');
    await page.getByTestId('bank-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '党史测验.gift',
      mimeType: 'text/plain',
      buffer: Buffer.from(GIFT),
    });
    await dialog.getByTestId('import-preview').click();
    await expect.poll(() => dialog.getByTestId('import-bad').textContent()).toContain('配对');
    // with a failure, importing waits until the admin chooses to skip it
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await screenshot(page, 'exams-bank-02-preview-bad');
    await dialog.getByRole('tab', { name: /可导入/ }).click();
    await expect.poll(() => dialog.getByTestId('import-good').textContent()).toContain('一大');
    await screenshot(page, 'exams-bank-03-preview-good');

    await dialog.getByTestId('import-skip-bad').click();
    await dialog.getByTestId('import-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // the tree now holds the new categories, and 党史题 its three questions (not 党史: the demo's is the
    // department's, and the papers test picks that one by name)
    await page.getByTestId(`category-导入${stamp}`).waitFor();
    const cats = (await get<{ items: Category[] }>(page, '/question-categories')).items;
    const top = cats.find((c) => c.name === `导入${stamp}`);
    const history = cats.find((c) => c.parentId === top?.id && c.name === '党史题');
    expect(history?.questionCount).toBe(3);
    await page.getByTestId(`category-导入${stamp}`).click();
    // the list of the category clicked: three rows (an exam's import earlier in the run has the same
    // question elsewhere in the town's bank, so its text alone does not say the list has changed)
    await expect.poll(() => page.getByTestId('questions-list').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('questions-list').textContent()).toContain('党的根本组织原则');
    await settled(page);
    await screenshot(page, 'exams-bank-04-imported');

    // a question opens in the editor drawer
    await page.getByTestId('questions-list').getByText('一大').click();
    await page.getByTestId('question-form').waitFor();
    expect(await page.getByTestId('choice-0').inputValue()).toBe('1921年');
    await screenshot(page, 'exams-bank-05-editor');
  });
});
