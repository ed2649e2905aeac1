import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withoutValidations } from '../server/src/modules/members/excel/test-workbooks.ts';
import { launchBrowser, logIn, newPage, pick as choose, screenshot } from './browser.ts';

/**
 * Issue 12, "Done when": an import updates 3 records after the preview. An admin adds three people
 * with one workbook, then sends a second one that corrects them (work unit, post, 民族 written "回",
 * hardship); the page lists every change per field, writes nothing until confirmed, and after the
 * confirmation the records show the new values. Then, on a phone, 奖惩 is recorded on one of them.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-e2e-import-update-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function pick(page: Page, testId: string, text: string, title: string) {
  // checked to have taken, and retried: a click while the server-searched list re-renders can miss
  const select = page.getByTestId(testId);
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);
  await choose(page, select, option, title, async () => {
    await select.click();
    await page.keyboard.type(text);
  });
}

async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

async function download(page: Page, testId: string, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const to = path.join(tmp, name);
  await file.saveAs(to);
  return to;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string) =>
  '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11];

/** Three women nobody in the demo district has (region 120101, born 1982), distinct per run. */
function people(stamp: number) {
  return ['甲', '乙', '丙'].map((tag, i) => {
    const birthDate = `1982-0${i + 3}-1${i}`;
    const seq = `${String((stamp + i) % 100).padStart(2, '0')}${(i % 4) * 2 + 2}`; // even: female
    const first17 = `120101${birthDate.replaceAll('-', '')}${seq}`;
    return { name: `更新测试${tag}`, idNumber: first17 + checkChar(first17), birthDate };
  });
}

/** A workbook on the template's headers (its lists left out: exceljs would read them cell by cell). */
async function workbook(template: string, rows: Record<string, string | null>[], to: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(withoutValidations(fs.readFileSync(template)) as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('党员信息');
  if (!sheet) throw new Error('the template has no 党员信息 sheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(headers).toContain('工作岗位');
  expect(headers).toContain('党费已交至');
  sheet.spliceRows(2, Math.max(0, sheet.rowCount - 1));
  rows.forEach((r, i) => {
    sheet.getRow(i + 2).values = headers.map((h) => r[h] ?? null);
  });
  await wb.xlsx.writeFile(to);
}

async function startImport(page: Page, file: string, mode: 'create' | 'update') {
  await page.goto('/members/import');
  await pick(page, 'import-org', '清河镇', '中共青山区清河镇委员会');
  if (mode === 'update')
    await page.locator('label.ant-radio-button-wrapper', { hasText: '更新已有党员' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-start').click();
}

describe('an import that updates records after a preview (issue 12, section 7)', () => {
  test('a town admin updates 3 records: sees each change per field, confirms, and the records show the new values', async () => {
    const page = await newPage(browser, { width: 1366, height: 768 });
    await logIn(page, 'town_admin');
    await page.goto('/members/import');
    const template = await download(page, 'import-template', 'template.xlsx');
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load(withoutValidations(fs.readFileSync(template)) as unknown as ExcelJS.Buffer);
    const branches = tpl.getWorksheet('党支部代码');
    if (!branches) throw new Error('the template has no 党支部代码 sheet');
    // the branch as the column's drop-down list offers it: "代码 全称"
    const option = String(branches.getRow(2).getCell(4).value);
    const branchName = String(branches.getRow(2).getCell(2).value);
    expect(option).toContain(branchName);

    // ── three new members ─────────────────────────────────────────────────────────────────
    const who = people(Date.now());
    const base = (p: (typeof who)[number]) => ({
      姓名: p.name,
      性别: '女',
      民族: '汉族',
      身份证号: p.idNumber,
      出生日期: p.birthDate,
      学历: '大学本科',
      人员类别: '正式党员',
      入党日期: '2008-07-01',
      转正日期: '2009-07-01',
      所在党支部: option,
      是否流动党员: '否',
      工作单位: '清河镇农技站',
      党费类别: '农民',
    });
    const first = path.join(tmp, '新增三人.xlsx');
    await workbook(template, who.map(base), first);
    await startImport(page, first, 'create');
    await page.locator('[data-testid="import-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('共导入 3 名党员');

    // ── the same three, corrected: an update import ──────────────────────────────────────
    const second = path.join(tmp, '更新三人.xlsx');
    await workbook(
      template,
      who.map((p, i) => ({
        ...base(p),
        工作单位: ['清河镇卫生院', '清河镇中心小学', null][i], // the third left blank: kept
        工作岗位: '事业单位专业技术岗位',
        民族: i === 2 ? '回' : '汉族',
        困难党员类别: i === 1 ? '因病致困' : null,
      })),
      second,
    );
    await startImport(page, second, 'update');
    await page.locator('[data-testid="import-status"][data-status="previewed"]').waitFor({ timeout: 60_000 });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('将新增 0 名、更新 3 名党员');
    const changes = preview.getByTestId('import-preview-changes');
    await expect.poll(() => changes.count()).toBe(3);
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('清河镇农技站');
    expect(text).toContain('清河镇卫生院');
    expect(text).toContain('事业单位专业技术岗位');
    expect(text).toContain('回族');
    expect(text).toContain('因病致困');
    // "回" was read as 回族, and the page says so
    expect(await page.getByTestId('import-notes').textContent()).toContain(
      '民族“回”已按 GB/T 3304 规范为“回族”',
    );
    await settled(page);
    await screenshot(page, 'import-update-01-preview');

    // nothing is written before the confirmation
    const link = preview.locator('a', { hasText: who[0].name });
    const memberUrl = (await link.getAttribute('href')) ?? '';
    expect(memberUrl).toMatch(/^\/members\/\d+$/);
    const check = await newPage(browser, { width: 1366, height: 768 });
    await logIn(check, 'town_admin');
    await check.goto(memberUrl);
    await check.getByTestId('member-record').waitFor();
    expect(await check.getByTestId('member-record').textContent()).toContain('清河镇农技站');
    await check.close();

    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-confirm-ok').click();
    await page.locator('[data-testid="import-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('新增 0 名、更新 3 名党员');
    // the list of past imports: this one and the one before, with who and the counts
    const history = page.getByTestId('import-history');
    await expect.poll(async () => (await history.textContent()) ?? '').toContain('更新三人.xlsx');
    expect(await history.textContent()).toContain('新增三人.xlsx');
    await settled(page);
    await screenshot(page, 'import-update-02-done');

    // ── the records show the new values ──────────────────────────────────────────────────
    await page.goto(memberUrl);
    const record = page.getByTestId('member-record');
    await record.waitFor();
    await expect.poll(async () => (await record.textContent()) ?? '').toContain('清河镇卫生院');
    expect(await record.textContent()).toContain('事业单位专业技术岗位');
    await settled(page);
    await screenshot(page, 'import-update-03-record');
    await page.goto(`${memberUrl}?tab=history`);
    await page.getByTestId('member-history').waitFor();
    await settled(page);
    expect(await page.getByTestId('member-history').textContent()).toContain('Excel 导入');
    await screenshot(page, 'import-update-04-history');

    // ── on a phone: 奖惩 recorded on the same member, listed on the member page ───────────
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, 'town_admin');
    await phone.goto(`${memberUrl}?tab=sanctions`);
    await phone.getByTestId('sanction-add').click();
    await phone.getByLabel('奖惩名称').fill('优秀共产党员');
    await phone.getByTestId('sanction-on').fill('2021-06-30');
    await phone.getByTestId('sanction-on').press('Enter');
    await phone.getByTestId('sanction-issuedBy').fill('中共青山区清河镇委员会');
    await phone.getByTestId('sanction-save').click();
    const sanctions = phone.getByTestId('member-sanctions');
    await expect.poll(async () => (await sanctions.textContent()) ?? '').toContain('优秀共产党员');
    await settled(phone);
    await screenshot(phone, 'import-update-05-sanction-phone');
    // the import page on the phone: the past imports, their counts and outcome
    await phone.goto('/members/import');
    const past = phone.getByTestId('import-history');
    await expect.poll(async () => (await past.textContent()) ?? '').toContain('更新三人.xlsx');
    await settled(phone);
    await screenshot(phone, 'import-update-06-imports-phone');
    // two imports, a preview and a confirmation: more than one page's worth on a loaded machine
  }, 180_000);
});
