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

async function get<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`/api/v1${url}`);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

type Answer = { choices?: number[]; truth?: boolean; text?: string };
type BookItem = { questionId: string; view: { type: string }; key: Answer | null; keyText: string | null };

/**
 * Answers the question on the page in a way that is likely wrong (and surely wrong for a typed
 * answer): the member does not know the key before answering.
 */
async function answerLikelyWrong(page: Page, type: string) {
  if (type === 'single') await page.locator('[data-testid^="practice-choice-"]').first().click();
  else if (type === 'truefalse') await page.getByTestId('practice-truth-yes').click();
  else if (type === 'multiple') {
    await page.locator('[data-testid^="practice-choice-"]').last().click();
    await page.getByTestId('practice-submit').click();
  } else {
    await page.getByTestId('practice-text').fill('0');
    await page.getByTestId('practice-submit').click();
  }
}

/** Answers with the key the book shows. */
async function answerWith(page: Page, type: string, key: Answer) {
  if (type === 'truefalse')
    await page.getByTestId(key.truth ? 'practice-truth-yes' : 'practice-truth-no').click();
  else if (type === 'single') await page.getByTestId(`practice-choice-${key.choices?.[0]}`).click();
  else if (type === 'multiple') {
    for (const i of key.choices ?? []) await page.getByTestId(`practice-choice-${i}`).click();
    await page.getByTestId('practice-submit').click();
  } else {
    await page.getByTestId('practice-text').fill(key.text ?? '');
    await page.getByTestId('practice-submit').click();
  }
}

describe('练习和错题本: a member practises, a wrong answer goes into the book and leaves it once answered right', () => {
  test('on a phone: category, a wrong answer, the book, 再练一遍 right, the book empty', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, 'member');
    // a book left by anything before starts empty
    // (an exam sat earlier in the run files its wrong answers here too)
    const csrf = (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';
    for (const item of (await get<{ items: BookItem[] }>(page, '/practice/wrong?pageSize=200')).items) {
      const res = await page.request.delete(`/api/v1/practice/wrong/${item.questionId}`, {
        headers: { 'x-csrf-token': csrf },
      });
      expect(res.status(), await res.text()).toBe(200);
    }

    // ── the member app's tile, then the categories of the member's banks ──────────────────────
    await page.goto('/m');
    await page
      .getByRole('link', { name: /练习和错题本/ })
      .first()
      .click();
    await page.waitForURL('**/m/practice');
    const cats = await get<{ items: { id: string; name: string; questionCount: number }[] }>(
      page,
      '/practice/categories',
    );
    const history = cats.items.find((c) => c.name === '党史');
    expect(history?.questionCount).toBeGreaterThan(0);
    // the town's own bank is there too, beside the department's
    expect(cats.items.map((c) => c.name)).toContain('镇情镇史');
    await page.getByTestId(`practice-category-${history!.id}`).waitFor();
    expect(await page.getByTestId('practice-book').textContent()).toContain('错题本（0 题）');
    await screenshot(page, 'exams-practice-01-categories');

    // ── one question at a time until one is answered wrong ──────────────────────────────────
    await page.getByTestId(`practice-category-${history!.id}`).click();
    let wrongId = '';
    for (let i = 0; i < 20 && !wrongId; i++) {
      const question = page.getByTestId('practice-question');
      await question.waitFor();
      const id = (await question.getAttribute('data-question')) ?? '';
      const type = await questionType(page);
      if (i === 0) await screenshot(page, 'exams-practice-02-question');
      await answerLikelyWrong(page, type);
      const feedback = page.getByTestId('practice-feedback');
      await feedback.waitFor();
      if ((await feedback.getAttribute('data-correct')) === 'false') {
        wrongId = id;
        expect(await page.getByTestId('practice-verdict').textContent()).toContain('回答错误');
        expect(await page.getByTestId('practice-key').textContent()).toMatch(/^正确答案：.+/);
        expect(await feedback.textContent()).toContain('已加入错题本');
        await screenshot(page, 'exams-practice-03-wrong');
      } else {
        expect(await page.getByTestId('practice-verdict').textContent()).toContain('回答正确');
        await page.getByTestId('practice-next').click();
        await expect
          .poll(() => page.getByTestId('practice-question').getAttribute('data-question'))
          .not.toBe(id);
      }
    }
    expect(wrongId).not.toBe('');
    expect(await page.getByTestId('practice-tally').textContent()).toMatch(/答对 \d+ 题，共答 \d+ 题/);

    // ── the book has it, with the member's answer and the key ────────────────────────────────
    await page.getByTestId('practice-next').click();
    await page.getByRole('link', { name: '错题本' }).first().click();
    await page.waitForURL('**/m/practice/wrong');
    const item = page.getByTestId(`book-item-${wrongId}`);
    await item.waitFor();
    expect(await page.getByTestId(`book-key-${wrongId}`).textContent()).toMatch(/^正确答案：/);
    expect(await page.getByTestId(`book-yours-${wrongId}`).textContent()).toMatch(/^您的答案：/);
    await screenshot(page, 'exams-practice-04-book');
    const book = await get<{ items: BookItem[] }>(page, '/practice/wrong');
    expect(book.items.map((b) => b.questionId)).toEqual([wrongId]);
    const [inBook] = book.items;

    // ── 再练一遍: the book's question, answered right, leaves the book ────────────────────────
    await page.getByTestId('book-practise').click();
    await page.waitForURL('**/m/practice?book=true');
    const again = page.getByTestId('practice-question');
    await again.waitFor();
    expect(await again.getAttribute('data-question')).toBe(wrongId);
    await answerWith(page, inBook.view.type, inBook.key!);
    const right = page.getByTestId('practice-feedback');
    await right.waitFor();
    expect(await right.getAttribute('data-correct')).toBe('true');
    expect(await page.getByTestId('practice-verdict').textContent()).toContain('回答正确');
    expect(await right.textContent()).toContain('已移出错题本');
    await screenshot(page, 'exams-practice-05-right');
    await page.getByTestId('practice-next').click();
    await page.getByTestId('practice-none').waitFor();
    expect(await page.getByTestId('practice-none').textContent()).toContain('错题本里没有题目了');

    await page.goto('/m/practice/wrong');
    await page.getByTestId('book-empty').waitFor();
    expect((await get<{ total: number }>(page, '/practice/wrong')).total).toBe(0);
    await screenshot(page, 'exams-practice-06-book-empty');
  });
});

/** The type of the question shown, by what the page offers to answer it with. */
async function questionType(page: Page): Promise<string> {
  if (await page.getByTestId('practice-truth-yes').count()) return 'truefalse';
  if (await page.getByTestId('practice-text').count()) return 'fill';
  if (await page.getByTestId('practice-submit').count()) return 'multiple';
  return 'single';
}
