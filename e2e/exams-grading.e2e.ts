import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, pick, screenshot } from './browser.ts';

// Issue 15 items 4 and 6: the town admin publishes an exam from a paper through the 新建考试 drawer
// and finds it listed; the member sits it (through the API: the sitting page is another's test);
// the admin grades the short answer in 阅卷 and sees the score in 成绩.

const TOWN = '中共青山区清河镇委员会';
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

async function send<T>(page: Page, method: 'POST' | 'PUT', url: string, data: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';
  const res = await page.request.fetch(`/api/v1${url}`, { method, headers: { 'x-csrf-token': csrf }, data });
  if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

const option = (page: Page, title: string) =>
  page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title.replace(/"/g, '\\"')}"]`);

type Attempt = {
  id: string;
  slots: { slot: number; type: string; choices?: { index: number; text: string }[] }[];
};

describe('考试 and 阅卷: the admin publishes an exam, grades a short answer and sees the score', () => {
  test('new exam through the drawer; the member sits it; 阅卷 then 成绩', async () => {
    const town = await newPage(browser, { width: 1366, height: 1000 });
    await logIn(town, 'town_admin');
    const me = await get<{ orgId: string }>(town, '/auth/me');

    // ── a paper of a 单选 and a 简答 (the bank and papers pages are others': through the API) ───
    const category = await send<{ id: string }>(town, 'POST', '/question-categories', {
      orgId: me.orgId,
      name: `阅卷测试${stamp}`,
    });
    const single = await send<{ id: string }>(town, 'POST', '/questions', {
      categoryId: category.id,
      question: {
        type: 'single',
        stem: '中国共产党的根本宗旨是（ ）。',
        format: 'plain',
        choices: [
          { text: '全心全意为人民服务', weight: 100 },
          { text: '发展经济', weight: 0 },
        ],
        difficulty: 'easy',
        tags: [],
      },
    });
    const short = await send<{ id: string }>(town, 'POST', '/questions', {
      categoryId: category.id,
      question: {
        type: 'short',
        stem: '结合本职工作，谈谈如何发挥党员先锋模范作用。',
        format: 'plain',
        difficulty: 'medium',
        tags: [],
      },
    });
    const paperTitle = `冬训测验试卷（${stamp}）`;
    const paper = await send<{ id: string; totalPoints: number }>(town, 'POST', '/papers', {
      orgId: me.orgId,
      title: paperTitle,
      kind: 'fixed',
      shuffleOptions: false,
      questionIds: [single.id, short.id],
    });
    expect(paper.totalPoints).toBe(12);

    // ── 新建考试 in the drawer: the town, the paper, open since a minute ago, the whole town sits ──
    await town.goto('/exams');
    await town.getByTestId('exam-create').click();
    const form = town.getByTestId('exam-form');
    const org = form.getByTestId('exam-form-org');
    await pick(town, org, option(town, TOWN), '清河镇', async () => {
      await org.click();
      await town.keyboard.type('清河镇');
    });
    const paperSelect = form.getByTestId('exam-form-paper');
    await pick(town, paperSelect, option(town, paperTitle), paperTitle, async () => {
      await paperSelect.click();
      await town.keyboard.type(stamp);
    });
    expect(await form.textContent()).toContain('试卷满分 12 分');
    const title = `冬训考试（${stamp}）`;
    await form.getByTestId('exam-form-title').fill(title);
    const opens = await town.evaluate(() => {
      const d = new Date(Date.now() - 120_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    const opensInput = form
      .locator('input[data-testid="exam-form-opens"], [data-testid="exam-form-opens"] input')
      .first();
    await opensInput.click();
    await opensInput.fill(opens);
    await town.keyboard.press('Enter');
    await expect.poll(() => town.locator('.ant-picker-dropdown:visible').count()).toBe(0);
    expect(await opensInput.inputValue()).toBe(opens);
    await form
      .locator('input[data-testid="exam-form-pass"], [data-testid="exam-form-pass"] input')
      .first()
      .fill('6');
    const audience = form.getByTestId('exam-form-audience-org');
    await pick(town, audience, option(town, TOWN), '清河镇', async () => {
      await audience.click();
      await town.keyboard.type('清河镇');
    });
    await screenshot(town, 'exams-grading-01-drawer');
    await town.getByTestId('exam-save').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => town.getByTestId('exams-list').textContent()).toContain(title);
    const listed = (
      await get<{ items: { id: string; title: string; phase: string; candidateCount: number }[] }>(
        town,
        `/exams?q=${encodeURIComponent(stamp)}`,
      )
    ).items;
    const exam = listed.find((e) => e.title === title)!;
    expect(exam.phase).toBe('open');
    expect(exam.candidateCount).toBeGreaterThan(0);
    expect(await town.getByTestId('exams-list').textContent()).toContain('进行中');
    await settled(town);
    await screenshot(town, 'exams-grading-02-list');

    // ── the member sits it: the right choice and a short answer, then hands it in ──────────────
    const member = await newPage(browser, { width: 390, height: 844 });
    await logIn(member, 'member');
    const memberName = (await get<{ displayName: string }>(member, '/auth/me')).displayName;
    const attempt = await send<Attempt>(member, 'POST', `/exams/${exam.id}/attempts`, {});
    const shortSlot = attempt.slots.find((s) => s.type === 'short')!.slot;
    const singleSlot = attempt.slots.find((s) => s.type === 'single')!;
    const right = singleSlot.choices!.find((c) => c.text === '全心全意为人民服务')!.index;
    await send(member, 'PUT', `/attempts/${attempt.id}/answers/${singleSlot.slot}`, {
      answer: { choices: [right] },
    });
    const words = '立足岗位，带头学习、带头服务群众，在急难险重任务面前冲在前面。';
    await send(member, 'PUT', `/attempts/${attempt.id}/answers/${shortSlot}`, { answer: { text: words } });
    const submitted = await send<{ score: number | null; pending: number }>(
      member,
      'POST',
      `/attempts/${attempt.id}/submit`,
      {},
    );
    expect(submitted.pending).toBe(1);
    await member.context().close();

    // ── 阅卷: the short answer, as 考生 N; 8 of 10 ───────────────────────────────────────────
    await town.goto(`/exams/${exam.id}`);
    await expect.poll(() => town.getByTestId('exam-progress').textContent()).toMatch(/ \/ 1 \/ 1$/);
    await town.getByRole('tab', { name: '阅卷' }).click();
    const key = `${attempt.id}-${shortSlot}`;
    const card = town.getByTestId(`grade-${key}`);
    await card.waitFor();
    expect(await town.getByTestId(`grade-answer-${key}`).textContent()).toBe(words);
    expect(await card.textContent()).toMatch(/考生 \d+/);
    expect(await card.textContent()).not.toContain(memberName);
    await town.getByTestId(`grade-score-${key}`).fill('8');
    await town.getByTestId(`grade-comment-${key}`).fill('联系实际较好');
    await settled(town);
    await screenshot(town, 'exams-grading-03-grading');
    await town.getByTestId(`grade-save-${key}`).click();
    // graded: it leaves the queue of those waiting, the exam has none pending
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => town.getByTestId('exam-progress').textContent()).toMatch(/ \/ 1 \/ 0$/);

    // ── 成绩: the member's best score, 2 + 8 ──────────────────────────────────────────────────
    await town.getByRole('tab', { name: '成绩' }).click();
    const rows = (
      await get<{
        items: { memberId: string; name: string; score: number | null; passed: boolean | null }[];
      }>(town, `/exams/${exam.id}/results?status=sat`)
    ).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: memberName, score: 10, passed: true });
    await expect.poll(() => town.getByTestId(`result-score-${rows[0].memberId}`).textContent()).toBe('10');
    await settled(town);
    await screenshot(town, 'exams-grading-04-results');

    // ── 组织统计 and 试题分析 draw their charts ───────────────────────────────────────────────
    await town.getByRole('tab', { name: '组织统计' }).click();
    await town.getByTestId('exam-orgs-chart').locator('canvas').waitFor();
    await settled(town);
    await town.waitForTimeout(500); // the chart's animation
    await screenshot(town, 'exams-grading-05-orgs');
    await town.getByRole('tab', { name: '试题分析' }).click();
    await town.getByTestId('exam-facility-chart').locator('canvas').waitFor();
    await expect.poll(() => town.getByTestId('exam-questions').textContent()).toContain('简答题');
    await settled(town);
    await town.waitForTimeout(500);
    await screenshot(town, 'exams-grading-06-statistics');
    await town.context().close();
  }, 300_000);
});
