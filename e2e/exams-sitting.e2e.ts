import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// Issue 15, "done when": an admin imports questions (GIFT) and builds a random paper, opens an exam
// for the member's branch; the member sits it on a phone, reloads halfway and finds every answer,
// answers one more and leaves the clock to run out; the server hands the paper in, the result shows
// the score; the admin sees a facility for each question.

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

async function post<T>(page: Page, url: string, data: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';
  const res = await page.request.post(`/api/v1${url}`, { headers: { 'x-csrf-token': csrf }, data });
  if (!res.ok()) throw new Error(`POST ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

// six questions, every one with its right answer as the member gives it (found by the stem's words)
type Key = { stem: string; type: 'single' | 'truefalse' | 'fill'; answer: string | boolean; points: number };
const KEYS: Key[] = [
  { stem: '第一次全国代表大会召开于', type: 'single', answer: '1921年', points: 2 },
  { stem: '遵义会议确立了', type: 'truefalse', answer: true, points: 1 },
  { stem: '党的根本组织原则是', type: 'fill', answer: '民主集中制', points: 2 },
  { stem: '预备党员的预备期为两年', type: 'truefalse', answer: false, points: 1 },
  { stem: '中国共产党的根本宗旨是', type: 'single', answer: '全心全意为人民服务', points: 2 },
  { stem: '党员应按月交纳党费', type: 'truefalse', answer: true, points: 1 },
];
const TOTAL = KEYS.reduce((s, k) => s + k.points, 0);
const GIFT = [
  `$CATEGORY: 考试${stamp}/党史题`,
  '',
  '::一大::中国共产党第一次全国代表大会召开于 {=1921年 ~1919年 ~1927年}',
  '',
  '::遵义会议::遵义会议确立了毛泽东在党中央和红军的领导地位。{T}',
  '',
  '::组织原则::党的根本组织原则是 {=民主集中制}。',
  '',
  '::预备期::预备党员的预备期为两年。{F}',
  '',
  '::宗旨::中国共产党的根本宗旨是 {=全心全意为人民服务 ~实现共产主义 ~发展经济}',
  '',
  '::党费::党员应按月交纳党费。{T}',
  '',
].join('\n');

/** The question on screen, by its stem. */
async function keyOnScreen(page: Page): Promise<Key> {
  const stem = (await page.getByTestId('sitting-question').locator('.hy-x-stem').textContent()) ?? '';
  const key = KEYS.find((k) => stem.includes(k.stem));
  if (!key) throw new Error(`an unknown question: ${stem}`);
  return key;
}

/** Answers the question on screen rightly, and waits until the page says 已保存. */
async function answerShown(page: Page): Promise<Key> {
  const key = await keyOnScreen(page);
  const q = page.getByTestId('sitting-question');
  if (key.type === 'single') await q.getByRole('button', { name: String(key.answer) }).click();
  else if (key.type === 'truefalse') await q.getByTestId(key.answer ? 'truth-yes' : 'truth-no').click();
  else await q.getByTestId('answer-text').fill(String(key.answer));
  await expect.poll(() => q.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
  return key;
}

/** Whether the question on screen shows the given answer. */
async function showsAnswer(page: Page, key: Key): Promise<boolean> {
  const q = page.getByTestId('sitting-question');
  if (key.type === 'single')
    return (
      (await q.getByRole('button', { name: String(key.answer) }).getAttribute('aria-pressed')) === 'true'
    );
  if (key.type === 'truefalse')
    return (
      (await q.getByTestId(key.answer ? 'truth-yes' : 'truth-no').getAttribute('aria-pressed')) === 'true'
    );
  return (await q.getByTestId('answer-text').inputValue()) === key.answer;
}

async function goTo(page: Page, n: number) {
  await page.getByTestId(`sitting-square-${n}`).click();
  await expect.poll(() => page.getByTestId('sitting-position').textContent()).toContain(`第 ${n} 题`);
}

type Category = { id: string; name: string; parentId: string | null; questionCount: number };

describe('在线考试: from the question bank to the member’s result and the question statistics', () => {
  let examId = '';
  let given: Key[] = [];

  test('import, random paper, exam; the member sits it, reloads, lets the clock run out; the result', async () => {
    // ── the town admin imports the questions through the bank's import ─────────────────────────
    const town = await newPage(browser, { width: 1280, height: 1000 });
    await logIn(town, 'town_admin');
    const me = await get<{ orgId: string }>(town, '/auth/me');
    await town.goto('/question-bank');
    await town.getByTestId('category-tree').waitFor();
    await settled(town);
    await town.getByTestId('category-镇情镇史').click();
    await town.getByTestId('bank-import').click();
    const dialog = town.getByTestId('import-dialog');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '党史测验.gift',
      mimeType: 'text/plain',
      buffer: Buffer.from(GIFT),
    });
    await dialog.getByTestId('import-preview').click();
    await expect.poll(() => dialog.getByTestId('import-good').textContent()).toContain('一大');
    await screenshot(town, 'exams-sitting-01-import-preview');
    await dialog.getByTestId('import-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await town.getByTestId(`category-考试${stamp}`).waitFor();
    const cats = (await get<{ items: Category[] }>(town, '/question-categories')).items;
    const top = cats.find((c) => c.name === `考试${stamp}`);
    const history = cats.find((c) => c.parentId === top?.id && c.name === '党史题');
    expect(history?.questionCount).toBe(KEYS.length);
    await settled(town);
    await screenshot(town, 'exams-sitting-02-imported');

    // ── a random paper of all six (the papers page is another's: through the API) ────────────
    const paper = await post<{ id: string; questionCount: number; totalPoints: number }>(town, '/papers', {
      orgId: me.orgId,
      title: `党史测验试卷（${stamp}）`,
      kind: 'random',
      // a rule draws questions of one worth: one rule per type
      rules: (['single', 'truefalse', 'fill'] as const).map((type) => ({
        categoryId: top!.id,
        includeSubcategories: true,
        type,
        count: KEYS.filter((k) => k.type === type).length,
      })),
    });
    expect(paper.questionCount).toBe(KEYS.length);
    expect(paper.totalPoints).toBe(TOTAL);

    // ── the member, on a phone ────────────────────────────────────────────────────────────────
    const member = await newPage(browser, { width: 390, height: 844 });
    await logIn(member, 'member');
    const branch = (await get<{ orgId: string }>(member, '/auth/me')).orgId;

    // ── the exam: open now, closing in 90 s, one minute to sit, for the member's branch ─────────
    const now = Date.now();
    const exam = await post<{ id: string; candidateCount: number }>(town, '/exams', {
      orgId: me.orgId,
      paperId: paper.id,
      title: `党史知识测验（${stamp}）`,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 90_000).toISOString(),
      durationMinutes: 1,
      passScore: 3,
      audienceKind: 'org',
      audienceOrgId: branch,
    });
    examId = exam.id;
    expect(exam.candidateCount).toBeGreaterThan(0);

    await member.goto('/m');
    await member.getByTestId('tile-/m/exams').click();
    await member.waitForURL('**/m/exams');
    const card = member.getByTestId(`my-exam-${exam.id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(
      `限时 1 分钟 · ${KEYS.length} 题 · 满分 ${TOTAL} 分 · 3 分合格`,
    );
    await screenshot(member, 'exams-sitting-03-my-exams');
    await member.getByTestId(`my-exam-action-${exam.id}`).click();
    await member.waitForURL('**/m/exams/attempts/**');
    const attemptId = new URL(member.url()).pathname.split('/').pop()!;
    await member.getByTestId('sitting-question').waitFor();
    expect(await member.getByTestId('sitting-countdown').textContent()).toMatch(/^[01]:\d\d$/);

    // ── half the questions answered, each saved as given ─────────────────────────────────────
    given = [];
    for (let n = 1; n <= KEYS.length / 2; n++) {
      await goTo(member, n);
      given.push(await answerShown(member));
    }
    await screenshot(member, 'exams-sitting-04-answering');

    // ── a reload: every answer still there (on screen), the unanswered still open ───────────────
    await member.reload();
    await member.getByTestId('sitting-question').waitFor();
    for (let n = 1; n <= KEYS.length; n++)
      expect(await member.getByTestId(`sitting-square-${n}`).getAttribute('data-answered')).toBe(
        n <= given.length ? 'true' : 'false',
      );
    for (const [i, key] of given.entries()) {
      await goTo(member, i + 1);
      expect(await keyOnScreen(member)).toEqual(key);
      expect(await showsAnswer(member, key)).toBe(true);
      expect(await member.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    }
    await screenshot(member, 'exams-sitting-05-after-reload');

    // ── one more, then nothing: the clock runs out and the server hands the paper in ───────────
    await goTo(member, given.length + 1);
    given.push(await answerShown(member));
    await screenshot(member, 'exams-sitting-06-one-more');
    await expect
      .poll(() => member.getByTestId('sitting-time-up').isVisible(), { timeout: 90_000, interval: 500 })
      .toBe(true);
    expect(await member.getByTestId('sitting-time-up').textContent()).toContain('时间到，正在交卷');
    expect(await member.getByTestId('sitting-countdown').textContent()).toBe('0:00');
    await screenshot(member, 'exams-sitting-07-time-up');

    await member.waitForURL(`**/m/exams/results/${attemptId}`, { timeout: 90_000 });
    const score = given.reduce((s, k) => s + k.points, 0);
    await expect.poll(() => member.getByTestId('result-score').textContent()).toBe(`${score} / ${TOTAL} 分`);
    expect(await member.getByTestId('result-verdict').textContent()).toContain(
      score >= 3 ? '合格' : '不合格',
    );
    expect(await member.getByTestId('result-how').textContent()).toBe('到时自动交卷');
    await screenshot(member, 'exams-sitting-08-result');

    // the list now offers the result
    await member.goto('/m/exams');
    await expect.poll(() => member.getByTestId(`my-exam-action-${exam.id}`).textContent()).toBe('查看成绩');
    await screenshot(member, 'exams-sitting-09-my-exams-after');
    for (const p of [member, town]) await p.context().close();
  }, 420_000);

  test('the admin’s 试题分析 shows a facility for every question', async () => {
    expect(examId).not.toBe('');
    const town = await newPage(browser, { width: 1280, height: 1000 });
    await logIn(town, 'town_admin');
    const stats = await get<{ questions: { name: string; facility: number | null }[] }>(
      town,
      `/exams/${examId}/statistics`,
    );
    expect(stats.questions).toHaveLength(KEYS.length);
    for (const q of stats.questions) expect(q.facility).not.toBeNull();
    await town.goto(`/exams/${examId}`);
    await town.getByRole('tab', { name: /试题分析/ }).click();
    await settled(town);
    await screenshot(town, 'exams-sitting-10-statistics');
    // one row per question, with its facility (mean score as a percentage of its points)
    for (const q of stats.questions) {
      const row = town
        .locator('tr.ant-table-row:visible')
        .filter({ has: town.getByRole('cell', { name: q.name, exact: true }) });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain(String(q.facility));
    }
    await town.context().close();
  }, 120_000);
});
