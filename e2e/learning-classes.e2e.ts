import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, pick as choose, screenshot } from './browser.ts';

const TOWN = '中共青山区清河镇委员会';

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

/**
 * Picks an option of a select by typing and clicking its title, checked to have taken (the org
 * box searches the server as one types: a click while the list re-renders can miss), then leaves
 * the box for a neutral field so its dropdown closes before the next one opens.
 */
async function pick(page: Page, select: Locator, typed: string, title: string) {
  const option = page.locator(
    `.ant-select-dropdown:visible .ant-select-item-option[title="${title.replace(/"/g, '\\"')}"]`,
  );
  await choose(page, select, option, title, async () => {
    await select.click();
    await page.keyboard.type(typed);
  });
  await page.getByTestId('class-form-name').click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const stamp = Date.now().toString(36);

type MyClass = {
  id: string;
  name: string;
  done: number;
  total: number;
  courses: { id: string; done: boolean }[];
};

describe('网上班级: the town opens a class, the member studies in it, the town follows the progress', () => {
  test('admin creates a class with two courses; the member sees it at 390 px; progress table, chart and .xlsx', async () => {
    const town = await newPage(browser, { width: 1280, height: 1000 });
    await logIn(town, 'town_admin');
    const me = await get<{ orgId: string }>(town, '/auth/me');
    const open = await get<{ items: { id: string; title: string }[] }>(
      town,
      `/classes/courses?orgId=${me.orgId}`,
    );
    const plan = open.items.slice(0, 2);
    expect(plan).toHaveLength(2);

    // ── the town opens the class in the drawer: the whole town, two courses, a month ──────────
    await town.goto('/classes');
    await town.getByTestId('class-create').click();
    const form = town.getByTestId('class-form');
    await pick(town, form.getByTestId('class-form-org'), '清河镇', TOWN);
    const name = `清河镇冬训网上班级（${stamp}）`;
    await form.getByTestId('class-form-name').fill(name);
    await pick(town, form.getByTestId('class-form-cohort-org'), '清河镇', TOWN);
    for (const c of plan) {
      await pick(town, form.getByTestId('class-form-courses'), c.title, c.title);
    }
    const range = form.locator('.ant-picker-range input');
    await range.first().click();
    await range.first().fill(day(-1));
    await town.keyboard.press('Enter');
    await range.nth(1).fill(day(30));
    await town.keyboard.press('Enter');
    await expect.poll(() => town.locator('.ant-picker-dropdown:visible').count()).toBe(0);
    await screenshot(town, 'learning-classes-01-drawer');
    await town.getByTestId('class-save').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => town.getByTestId('classes-list').textContent()).toContain(name);
    await settled(town);
    await screenshot(town, 'learning-classes-02-list');

    // ── the member, on a phone, finds the class with its plan and progress ───────────────────
    const member = await newPage(browser, { width: 390, height: 844 });
    await logIn(member, 'member');
    const memberName = (await get<{ displayName: string }>(member, '/auth/me')).displayName;
    const mine = (await get<{ items: MyClass[] }>(member, '/me/classes')).items.find((c) => c.name === name);
    expect(mine).toBeDefined();
    expect(mine!.courses.map((c) => c.id)).toEqual(plan.map((c) => c.id));
    await member.goto('/m');
    await member
      .getByRole('link', { name: /我的班级/ })
      .first()
      .click();
    await member.waitForURL('**/m/learning/classes');
    const card = member.getByTestId(`my-class-${mine!.id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(name);
    expect(await member.getByTestId(`my-class-done-${mine!.id}`).textContent()).toBe(
      `已完成 ${mine!.done} / 2 门`,
    );
    expect(await card.textContent()).toContain(`截止 ${day(30)}`);
    await screenshot(member, 'learning-classes-03-member');
    // one tap to the course
    await member.getByTestId(`my-class-course-${plan[0].id}`).click();
    await member.waitForURL(`**/m/learning/${plan[0].id}`);

    // ── the town's class page: chart, the table by org and name, the export ───────────────────
    const klass = mine!.id;
    await town.goto(`/classes/${klass}`);
    await town.getByTestId('class-done-chart').locator('canvas').waitFor();
    const progress = await get<{ memberCount: number; finishedCount: number; histogram: number[] }>(
      town,
      `/classes/${klass}/progress`,
    );
    expect(progress.histogram.reduce((a, b) => a + b, 0)).toBe(progress.memberCount);
    expect(await town.getByTestId('class-finished').textContent()).toContain(
      `${progress.finishedCount} / ${progress.memberCount} 人全部完成`,
    );
    await settled(town);
    await town.waitForTimeout(500); // the chart's animation
    await screenshot(town, 'learning-classes-04-progress');

    const [file] = await Promise.all([
      town.waitForEvent('download'),
      town.getByTestId('class-export').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/学习进度.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toContain(name);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '所在党组织',
      '已完成课程',
      '课程总数',
      '学习时长（分钟）',
      '全部完成',
    ]);
    expect(ws.rowCount - 3).toBe(progress.memberCount);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => {
      if (n > 3) rows.push((r.values as unknown[]).slice(1));
    });
    const mineRow = rows.find((r) => r[0] === memberName);
    expect(mineRow?.[2]).toBe(mine!.done);
    expect(mineRow?.[3]).toBe(2);

    // ── remind the unfinished: once, then refused within the hour ────────────────────────────
    await town.getByTestId('class-remind').click();
    await town.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => town.locator('.ant-message').textContent()).toMatch(/已提醒 \d+ 名/);
    await screenshot(town, 'learning-classes-05-reminded');
    for (const p of [member, town]) await p.context().close();
  }, 240_000);
});
