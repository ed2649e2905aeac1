import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PEOPLE, launchBrowser, logIn, newPage, pick, screenshot } from './browser.ts';

// Issue 16, "done when": an admin builds a survey with a show-if question (the phone preview hides
// it until the answer that shows it); three members answer at phone width (one of them is never
// asked the hidden question); the results chart updates by itself; the Word report downloads and
// holds the question's table.

const stamp = Date.now().toString(36);
const TITLE = `主题党日满意度调查${stamp}`;
const Q1 = '本月是否参加了主题党日';
const Q2 = '对本月主题党日的满意度';
const Q3 = '意见建议';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function call<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';
  const res = await page.request.fetch(`/api/v1${url}`, { method, headers: { 'x-csrf-token': csrf }, data });
  if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const option = (page: Page, title: string) =>
  page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);

/** A member at phone width: the home tile, the survey, the answers, submitted. */
async function answer(
  phone: Page,
  surveyId: string,
  q1: '是' | '否',
  score: number | null,
  text: string | null,
  shot: string,
) {
  await phone.goto('/m');
  await phone.getByRole('link', { name: /问卷/ }).first().click();
  await phone.waitForURL(/\/m\/surveys$/);
  await phone.getByTestId(`my-survey-action-${surveyId}`).click();
  await phone.getByTestId('survey-form').waitFor();
  expect(await phone.getByTestId('survey-q-q2').count()).toBe(0);
  await phone.getByTestId(q1 === '是' ? 'survey-q1-0' : 'survey-q1-1').click();
  if (score !== null) await phone.getByTestId(`survey-q2-${score}`).click();
  else expect(await phone.getByTestId('survey-q-q2').count()).toBe(0);
  if (text) await phone.getByTestId('survey-q3').fill(text);
  await screenshot(phone, shot);
  await phone.getByTestId('survey-submit').click();
  await phone.getByTestId('survey-thanks').waitFor();
  expect(await phone.getByTestId('survey-thanks').textContent()).toContain('提交成功');
}

describe('问卷调查', () => {
  test('an admin builds a survey with a show-if question; three members answer on phones; the chart follows; the .docx holds the table', {
    timeout: 300_000,
  }, async () => {
    // ── the member's branch, and two more of its members with study cards ────────────────────
    const phone1 = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone1, 'member');
    const me = await call<{ orgId: string }>(phone1, 'GET', '/auth/me');

    const admin = await newPage(browser, { height: 900 });
    await logIn(admin, 'town_admin');
    await call(admin, 'POST', '/members/cards/issue', { orgId: me.orgId, onlyWithout: true });
    const branch = await call<{ items: { id: string; name: string; status: string }[] }>(
      admin,
      'GET',
      `/members?orgId=${me.orgId}&status=full&pageSize=50`,
    );
    const others = branch.items
      .filter((m) => !DEMO_PEOPLE.has(m.name) && ['full', 'probationary'].includes(m.status))
      .slice(0, 2);
    expect(others).toHaveLength(2);
    const cards = [];
    for (const m of others)
      cards.push(
        await call<{ cardNo: string; password: string }>(admin, 'POST', `/members/${m.id}/card/reset`, {}),
      );

    // ── the admin designs it: q2 shown only when q1 is 是 ────────────────────────────────────
    await admin.goto('/surveys');
    await admin.getByTestId('survey-create').click();
    await admin.waitForURL(/\/surveys\/new$/);
    await admin.getByTestId('survey-title').fill(TITLE);
    await admin.getByTestId('builder-q1-title').fill(Q1);
    await admin.getByTestId('builder-q1-options').fill('是\n否');
    await admin.getByTestId('survey-add-question-0').click();
    await pick(admin, admin.getByTestId('builder-q2-kind'), option(admin, '评分题'), '评分题');
    await admin.getByTestId('builder-q2-title').fill(Q2);
    await pick(admin, admin.getByTestId('builder-q2-showif'), option(admin, `当「${Q1}」选择`), Q1);
    await pick(admin, admin.getByTestId('builder-q2-showif-values'), option(admin, '是'), '是');
    await admin.keyboard.press('Escape');
    await admin.getByTestId('survey-add-question-0').click();
    await pick(admin, admin.getByTestId('builder-q3-kind'), option(admin, '多行填空'), '多行填空');
    await admin.getByTestId('builder-q3-title').fill(Q3);
    await admin.getByTestId('builder-q3-required').click();

    // the phone preview asks q2 only after 是
    const preview = admin.getByTestId('survey-preview');
    expect(await preview.getByTestId('survey-q-q2').count()).toBe(0);
    await preview.getByTestId('survey-q1-0').click();
    await preview.getByTestId('survey-q-q2').waitFor();
    await screenshot(admin, 'surveys-01-builder-with-preview');
    await preview.getByTestId('survey-q1-1').click();
    await expect.poll(() => preview.getByTestId('survey-q-q2').count()).toBe(0);

    await admin.getByTestId('survey-save').click();
    await admin.waitForURL(/\/surveys\/\d+$/);
    const surveyId = admin.url().split('/').at(-1)!;
    await admin.getByTestId('survey-publish').click();
    await admin.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await admin.waitForURL(new RegExp(`/surveys/${surveyId}/results$`));
    await admin.getByTestId('survey-response-count').waitFor();
    await screenshot(admin, 'surveys-02-published');

    // ── three members answer at phone width ───────────────────────────────────────────────────
    await answer(
      phone1,
      surveyId,
      '是',
      5,
      '希望多组织到红色教育基地现场学习',
      'surveys-03-member-answering',
    );
    await screenshot(phone1, 'surveys-04-member-thanks');
    const phone2 = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone2, cards[0].cardNo, cards[0].password);
    await answer(phone2, surveyId, '否', null, null, 'surveys-05-member-not-asked-q2');
    const phone3 = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone3, cards[1].cardNo, cards[1].password);
    await answer(phone3, surveyId, '是', 3, '建议学习时间安排在农闲', 'surveys-06-third-member');

    // ── the results page follows by itself (no reload): 3 answers, 是 2 否 1 ────────────────────
    await expect
      .poll(
        async () => (await admin.getByTestId('survey-response-count').textContent())?.replace(/\D/g, ''),
        { timeout: 30_000 },
      )
      .toBe('3');
    await expect
      .poll(async () => (await admin.getByTestId('chart-q1').getAttribute('data-figures')) ?? '', {
        timeout: 30_000,
      })
      .toContain('是 2，否 1');
    expect(await admin.getByTestId('result-q2').textContent()).toContain('2 人作答');
    // the open answers as words (学习 in both texts), counted again as answers come in
    await expect
      .poll(async () => (await admin.getByTestId('words-q3').getAttribute('data-figures')) ?? '', {
        timeout: 30_000,
      })
      .toContain('学习 2');
    await admin.getByTestId('survey-summary').fill('参加主题党日的党员总体满意，建议把学习时间安排在农闲。');
    await admin.getByTestId('survey-summary-save').click();
    await admin.getByText('分析意见已保存').waitFor();
    await screenshot(admin, 'surveys-07-results');

    // ── the Word report: the question's table, the summary ─────────────────────────────────────
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('survey-report').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/调查分析报告.*\.docx$/);
    const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    const xml = new TextDecoder().decode(zip['word/document.xml']);
    expect(xml).toContain('<w:tbl>');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`${Q2}（评分题，2 人作答）`);
    expect(text).toContain('参加主题党日的党员总体满意');
    expect(Object.keys(zip).some((k) => k.startsWith('word/media/'))).toBe(true);
  });
});
