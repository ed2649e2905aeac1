import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, pick, screenshot } from './browser.ts';

const TOWN = '中共青山区清河镇委员会';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until nothing is loading, so a picture shows the page and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

const stamp = Date.now().toString(36);

describe('试卷: the town makes a random paper from the department’s demo bank and previews it', () => {
  test('two rules (5 单选 of 党史, 3 判断 of 党史): 8 questions, 13 points; the preview deals one, 换一份 another', async () => {
    const page = await newPage(browser, { width: 1366, height: 1000 });
    await logIn(page, 'town_admin');
    await page.goto('/papers');
    await page.getByTestId('paper-create').click();
    const form = page.getByTestId('paper-form');
    await form.waitFor();
    const title = `党史知识测试（${stamp}）`;
    await form.getByTestId('paper-form-title').fill(title);
    const org = form.getByTestId('paper-form-org');
    await pick(
      page,
      org,
      page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${TOWN}"]`),
      TOWN,
      async () => {
        await org.click();
        await page.keyboard.type('清河镇');
      },
    );
    await form.getByTestId('paper-form-kind-random').click();

    /** Fills rule `i`: the category 党史 of the department's bank, a type, a count. */
    const rule = async (i: number, type: string, count: number) => {
      const category = form.getByTestId(`paper-rule-category-${i}`);
      await pick(
        page,
        category,
        page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="党史"]'),
        '党史',
      );
      const typeSelect = form.getByTestId(`paper-rule-type-${i}`);
      await pick(
        page,
        typeSelect,
        page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${type}"]`),
        type,
      );
      // the test id lands on the input itself or on its wrapper, as antd's version has it
      await form
        .locator(`input[data-testid="paper-rule-count-${i}"], [data-testid="paper-rule-count-${i}"] input`)
        .first()
        .fill(String(count));
      await form.getByTestId('paper-form-title').click();
      await expect
        .poll(() => form.getByTestId(`paper-rule-available-${i}`).textContent())
        .toMatch(/可抽 \d+ 题/);
    };
    await rule(0, '单选题', 5);
    await form.getByTestId('paper-rule-add').click();
    await rule(1, '判断题', 3);
    await expect.poll(() => form.getByTestId('paper-form-summary').textContent()).toBe('共 8 题，总分 13 分');
    await screenshot(page, 'exams-papers-01-drawer');
    await page.getByTestId('paper-save').click();
    await form.waitFor({ state: 'detached' });

    const list = page.getByTestId('papers-list');
    await expect.poll(() => list.textContent()).toContain(title);
    const row = list.locator('tr', { hasText: title });
    expect(await row.textContent()).toContain('随机');
    expect(await row.textContent()).toContain(TOWN);
    await settled(page);
    await screenshot(page, 'exams-papers-02-list');

    // ── the preview: 8 questions in the rules' order, a seed; 换一份 deals another ─────────────
    // (antd spaces a two-character label: 预 览)
    await row.locator('button[data-testid^="paper-preview-"]').click();
    const preview = page.getByTestId('paper-preview');
    await expect.poll(() => preview.getByTestId('paper-preview-slot').count()).toBe(8);
    expect(await preview.getByTestId('paper-preview-total').textContent()).toBe('共 8 题，总分 13 分');
    const slots = preview.getByTestId('paper-preview-slot');
    expect(await slots.nth(0).textContent()).toContain('单选题');
    expect(await slots.nth(7).textContent()).toContain('判断题');
    const firstSeed = await preview.getByTestId('paper-preview-seed').textContent();
    await settled(page);
    await screenshot(page, 'exams-papers-03-preview');
    await preview.getByTestId('paper-preview-again').click();
    await expect.poll(() => preview.getByTestId('paper-preview-seed').textContent()).not.toBe(firstSeed);
    await expect.poll(() => preview.getByTestId('paper-preview-slot').count()).toBe(8);
  });
});
