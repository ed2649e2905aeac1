import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withoutValidations } from '../server/src/modules/members/excel/test-workbooks.ts';
import { launchBrowser, logIn, newPage, pick as choose, screenshot } from './browser.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-e2e-members-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Types into an antd select that searches the server, and picks the option with this exact title. */
async function pick(page: Page, testId: string, text: string, title: string) {
  // checked to have taken, and retried: a click while the server-searched list re-renders can miss
  const select = page.getByTestId(testId);
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);
  await choose(page, select, option, title, async () => {
    await select.click();
    await page.keyboard.type(text);
  });
}

/** Waits until no table is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

/** Clicks a button that makes the browser download a file, and keeps the file. */
async function download(page: Page, testId: string, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const to = path.join(tmp, name);
  await file.saveAs(to);
  return to;
}

// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string) =>
  '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11];

/** Ten people nobody in the demo district has (the demo uses 3301xx regions), all men born 1970-79. */
function people(stamp: number) {
  return Array.from({ length: 10 }, (_, i) => {
    const birthDate = `197${i}-0${(i % 9) + 1}-1${i}`;
    const seq = `${String((stamp + i) % 100).padStart(2, '0')}${(i % 5) * 2 + 1}`; // odd: male
    const first17 = `110105${birthDate.replaceAll('-', '')}${seq}`;
    return {
      name: `导入测试${String.fromCharCode(0x7532 + i)}`, // 导入测试甲、乙… (distinct names)
      idNumber: first17 + checkChar(first17),
      birthDate,
      joinedOn: `20${10 + i}-07-01`,
      fullOn: `20${11 + i}-07-02`,
    };
  });
}

/** The template, filled with one row per person (the template's example row replaced). */
async function workbookFrom(template: string, rows: ReturnType<typeof people>, branch: string, to: string) {
  const wb = new ExcelJS.Workbook();
  // the template's lists reach all 1,048,576 rows, which exceljs would read cell by cell
  await wb.xlsx.load(withoutValidations(fs.readFileSync(template)) as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('党员信息');
  if (!sheet) throw new Error('the template has no 党员信息 sheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers.slice(0, 5)).toEqual(['姓名', '性别', '民族', '身份证号', '出生日期']);
  sheet.spliceRows(2, Math.max(0, sheet.rowCount - 1));
  rows.forEach((p, i) => {
    const byHeader: Record<string, string> = {
      姓名: p.name,
      性别: '男',
      民族: '汉族',
      身份证号: p.idNumber,
      出生日期: p.birthDate,
      学历: '高中',
      人员类别: '正式党员',
      入党日期: p.joinedOn,
      转正日期: p.fullOn,
      所在党支部: branch,
      是否流动党员: '否',
      党费类别: '农民',
    };
    sheet.getRow(i + 2).values = headers.map((h) => byHeader[String(h)] ?? null);
  });
  await wb.xlsx.writeFile(to);
}

describe('members, as the admin of one town (党组织管理员)', () => {
  test('imports a workbook, fixes the row the error report names, finds a member by ID number and transfers them to another town', async () => {
    const page = await newPage(browser);
    await logIn(page, 'town_admin');

    // ── the template ─────────────────────────────────────────────────────────────────────
    await page.goto('/members');
    await page.getByTestId('member-import').click();
    await page.waitForURL(/\/members\/import$/);
    const template = await download(page, 'import-template', 'template.xlsx');
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load(withoutValidations(fs.readFileSync(template)) as unknown as ExcelJS.Buffer);
    // A branch of this town, as the template's list of branch codes names it.
    const codes = tpl.getWorksheet('党支部代码');
    if (!codes) throw new Error('the template has no 党支部代码 sheet');
    const branchCode = String(codes.getRow(2).getCell(1).value);
    const branchName = String(codes.getRow(2).getCell(2).value);
    expect(branchName).toMatch(/党支部$/);

    // ── a workbook with one wrong check digit: nothing is written, the report names the row ──
    const rows = people(Date.now());
    const bad = rows.map((p) => ({ ...p }));
    const last = bad[6].idNumber.at(-1);
    bad[6].idNumber = bad[6].idNumber.slice(0, 17) + (last === '1' ? '2' : '1');
    const badFile = path.join(tmp, '党员导入-有错.xlsx');
    await workbookFrom(template, bad, branchCode, badFile);

    await pick(page, 'import-org', '清河镇', '中共青山区清河镇委员会');
    await page.locator('input[type=file]').setInputFiles(badFile);
    await page.getByTestId('import-start').click();
    const status = page.getByTestId('import-status');
    await page.locator('[data-testid="import-status"][data-status="failed"]').waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toContain('导入失败');
    const failed = page.getByTestId('import-failed');
    expect(await failed.textContent()).toContain('有 1 行存在错误，整批均未导入');
    expect(await failed.getAttribute('role')).toBe('alert');
    await screenshot(page, 'members-01-import-failed');

    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(await download(page, 'import-errors', 'errors.xlsx'));
    const sheet = report.getWorksheet('党员信息');
    if (!sheet) throw new Error('the error report has no 党员信息 sheet');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const errorCol = header.indexOf('错误说明');
    const nameCol = header.indexOf('姓名');
    expect(errorCol).toBeGreaterThan(0);
    const flagged: { name: string; error: string }[] = [];
    sheet.eachRow((row, n) => {
      const error = row.getCell(errorCol).value;
      if (n > 1 && error) flagged.push({ name: String(row.getCell(nameCol).value), error: String(error) });
    });
    expect(flagged).toEqual([{ name: bad[6].name, error: expect.stringContaining('校验位') }]);
    // Nothing of the batch was written.
    await page.goto(`/members?q=${rows[0].idNumber}`);
    await page.getByTestId('members-table').waitFor();
    await page
      .getByTestId('members-table')
      .locator('.ant-empty-description', { hasText: '暂无数据' })
      .waitFor();
    expect(await page.locator('[data-member-id]').count()).toBe(0);

    // ── the fixed workbook goes in ───────────────────────────────────────────────────────
    const goodFile = path.join(tmp, '党员导入.xlsx');
    await workbookFrom(template, rows, branchCode, goodFile);
    await page.goto('/members/import');
    await pick(page, 'import-org', '清河镇', '中共青山区清河镇委员会');
    await page.locator('input[type=file]').setInputFiles(goodFile);
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-status"][data-status="done"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('共导入 10 名党员');
    expect(await status.textContent()).toContain('已处理 10 / 10 行');
    await screenshot(page, 'members-02-import-done');

    // ── found by the full ID number; shown masked ────────────────────────────────────────
    const who = rows[3];
    await page.goto('/members');
    await page.getByTestId('member-search').locator('input').fill(who.idNumber);
    await page.getByTestId('member-search').locator('input').press('Enter');
    await page.waitForURL(/q=/);
    const found = page.locator('[data-member-id]');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.textContent()).toContain(who.name);
    expect(await found.textContent()).toContain(branchName);
    // Masked in the list: the middle of the ID number is not shown.
    expect((await page.getByTestId('members-table').textContent())?.includes(who.idNumber)).toBe(false);
    expect(await found.textContent()).toContain(
      `${who.idNumber.slice(0, 4)}**********${who.idNumber.slice(-4)}`,
    );
    await settled(page);
    await screenshot(page, 'members-03-found-by-id');
    const memberId = (await found.getAttribute('data-member-id')) ?? '';
    await page.getByTestId(`member-link-${memberId}`).click();
    await page.waitForURL(new RegExp(`/members/${memberId}$`));
    expect(await page.getByTestId('member-detail-name').textContent()).toBe(who.name);

    // ── 发起转接 to a branch of 石桥镇, another town ──────────────────────────────────────
    await page.getByTestId('member-transfer').click();
    await page.getByTestId('transfer-reason').waitFor();
    await page.getByTestId('transfer-to-org').click();
    await page.keyboard.type('石桥镇');
    const target = page.locator('.ant-select-item-option[title^="石桥镇"][title$="党支部"]').first();
    await target.waitFor();
    const targetName = (await target.getAttribute('title')) ?? '';
    await target.click();
    // the letter number is generated and the validity defaults to the longest allowed
    expect(await page.getByTestId('transfer-days').inputValue()).toBe('');
    await page.getByTestId('transfer-reason').fill('工作调动');
    await screenshot(page, 'members-04-transfer-form');
    await page.getByTestId('transfer-submit').click();
    const letterNo = ((await page.getByTestId('transfer-letter-no').textContent()) ?? '').trim();
    expect(letterNo).toMatch(/^\d{4}-.+-\d{4}$/);
    await page.getByTestId('transfer-done').click();

    // The sending town sees it pending, said in words.
    await page.goto('/transfers');
    const sent = page.getByTestId('transfers-out').locator('tr', { hasText: letterNo });
    await sent.waitFor();
    expect(await sent.getByTestId('transfer-status').textContent()).toBe('待接收');
    expect(await sent.textContent()).toContain(targetName);
    await settled(page);
    await screenshot(page, 'members-05-transfer-pending');
    await page.context().close();

    // ── the receiving town accepts ───────────────────────────────────────────────────────
    const page2 = await newPage(browser);
    await logIn(page2, 'town2_admin');
    await page2.goto('/transfers?tab=in');
    const incoming = page2.getByTestId('transfers-in').locator('tr', { hasText: letterNo });
    await incoming.waitFor();
    expect(await incoming.getByTestId('transfer-status').textContent()).toBe('待接收');
    expect(await page2.getByTestId('transfer-pending-summary').textContent()).toMatch(/待接收 \d+ 件/);
    await settled(page2);
    await screenshot(page2, 'members-06-incoming');
    await incoming.getByRole('button', { name: /接\s*收/ }).click();
    await page2.getByTestId('transfer-accept-confirm').click();
    await expect.poll(() => incoming.getByTestId('transfer-status').textContent()).toBe('已接收');

    // ── the member is now under the new branch ───────────────────────────────────────────
    await page2.goto(`/members?q=${who.idNumber}`);
    const moved = page2.locator(`[data-member-id="${memberId}"]`);
    await moved.waitFor();
    expect(await moved.textContent()).toContain(targetName);
    await page2.getByTestId(`member-link-${memberId}`).click();
    await expect.poll(() => page2.getByTestId('member-detail-org').textContent()).toBe(targetName);
    await page2.getByRole('tab', { name: '修改记录' }).click();
    await page2.getByTestId('member-history').getByText('组织关系转接').first().waitFor();
    await page2.waitForTimeout(400); // let the tab finish sliding in before the picture
    await screenshot(page2, 'members-07-moved');
    await page2.context().close();
  }, 180_000);
});
