import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/http/errors.ts';
import { COLUMNS, ERROR_HEADER, HEADERS, normalizeHeader, SHEET_MEMBERS, TEMPLATE_ROWS } from './columns.ts';
import { plainValue } from './rows.ts';
import { addGuideSheet, layoutMemberSheet } from './template.ts';

/** One row of the member sheet as exceljs reads it: `values[1]` is column A. */
export type SheetRow = { number: number; values: unknown[] };
export type MemberSheet = { name: string; header: unknown[]; rows: SheetRow[] };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const refuse = (code: string, zh: string, en: string) =>
  new AppError(400, code, { zh, en }, [{ path: 'file', message: zh, messageEn: en }]);

export class TooManyRows extends Error {}

/**
 * The first worksheet's rows, read as a stream (the file is never held as a whole document).
 * `headerOnly` stops after row 1: enough to tell a workbook on the wrong template at upload.
 */
export async function readMemberSheet(
  input: Readable,
  opts: { headerOnly?: boolean; maxRows?: number } = {},
): Promise<MemberSheet | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // styles tell a date from a number
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let tooMany = false;
  let sheet: MemberSheet | null = null;
  // Every worksheet is walked to the end of the workbook, even those not read: the reader parks
  // sheets that come before the shared strings in temporary files and removes each one only
  // when the walk moves past it, so stopping early would leave them behind on every upload.
  for await (const ws of reader) {
    if (!sheet) {
      sheet = { name: (ws as unknown as { name?: string }).name ?? '', header: [], rows: [] };
      for await (const row of ws) {
        if (row.number === 1) {
          sheet.header = row.values as unknown[];
          if (opts.headerOnly) break;
          continue;
        }
        if (opts.maxRows && sheet.rows.length >= opts.maxRows) {
          tooMany = true;
          break;
        }
        sheet.rows.push({ number: row.number, values: row.values as unknown[] });
      }
    }
    // the member sheet is the first one; the guide and branch list after it are not read
    (ws as unknown as { iterator?: { destroy?: () => void } }).iterator?.destroy?.();
  }
  if (tooMany) throw new TooManyRows();
  return sheet;
}

/** Which of the template's headers are missing or out of place, in words; null when it is the template. */
export function headerProblem(header: readonly unknown[]): string | null {
  const got = HEADERS.map((_, i) => {
    const v = plainValue(header[i + 1]);
    return typeof v === 'string' || typeof v === 'number' ? normalizeHeader(String(v)) : '';
  });
  const wrong = HEADERS.map((h, i) => ({ h, i, g: got[i] })).filter((x) => normalizeHeader(x.h) !== x.g);
  if (!wrong.length) return null;
  const first = wrong[0];
  return (
    `不是党员信息导入模板：第 1 行应依次为“${HEADERS.join('、')}”（共 ${HEADERS.length} 列），` +
    `第 ${first.i + 1} 列应为“${first.h}”，实为“${first.g || '空白'}”${wrong.length > 1 ? `，另有 ${wrong.length - 1} 列不符` : ''}。` +
    '请下载最新模板，把数据粘贴进去后再导入。'
  );
}

/**
 * What the upload must be, checked before anything is stored: an .xlsx (a zip that exceljs
 * opens) whose first sheet has the template's headers. Each refusal says what is wrong.
 */
export async function inspectUpload(body: Buffer): Promise<void> {
  if (body.subarray(0, OLE.length).equals(OLE))
    throw refuse(
      'not_xlsx',
      '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入',
      'This is a legacy .xls file; save it as .xlsx and import again',
    );
  if (!body.subarray(0, ZIP.length).equals(ZIP))
    throw refuse(
      'not_xlsx',
      '上传的文件不是 Excel 工作簿（.xlsx），请用党员信息导入模板填写后上传',
      'The file is not an Excel workbook (.xlsx)',
    );
  let sheet: MemberSheet | null;
  try {
    const input = new PassThrough();
    input.end(body);
    sheet = await readMemberSheet(input, { headerOnly: true });
  } catch {
    throw refuse(
      'not_xlsx',
      '文件无法作为 Excel 工作簿（.xlsx）打开，可能已损坏；请在 Excel 中打开后重新保存再上传',
      'The file cannot be opened as an .xlsx workbook',
    );
  }
  if (!sheet)
    throw refuse('not_xlsx', '文件中没有工作表，不是有效的 Excel 工作簿', 'The workbook has no worksheet');
  const problem = headerProblem(sheet.header);
  if (problem)
    throw refuse(
      'wrong_template',
      problem,
      `Not the member import template: row 1 must read ${HEADERS.join(', ')}`,
    );
}

/**
 * The error workbook: the uploaded rows as they were (same row numbers, same columns), laid out
 * like the template, with the column 错误说明 saying per bad row what is wrong by field, and the
 * bad rows highlighted. Written as a stream, so a big file costs no more memory than its rows.
 */
export async function writeErrorWorkbook(
  sheet: MemberSheet,
  errors: ReadonlyMap<number, string>,
  out: PassThrough,
): Promise<void> {
  // a workbook sent back a second time already has the column: it is rewritten, not added again
  let width: number = COLUMNS.length;
  for (let c = COLUMNS.length + 1; c < sheet.header.length; c++) {
    if (plainValue(sheet.header[c]) === ERROR_HEADER) break;
    width = c;
  }
  const extraHeaders = sheet.header.slice(COLUMNS.length + 1, width + 1).map((h) => {
    const v = plainValue(h);
    return { header: v === null || typeof v === 'object' ? '' : String(v), width: 14 };
  });
  const errorCol = width + 1;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = '红云智慧党建平台';
  const ws = wb.addWorksheet(sheet.name || SHEET_MEMBERS, { views: [{ state: 'frozen', ySplit: 1 }] });
  const lastRow = Math.max(TEMPLATE_ROWS + 1, sheet.rows.at(-1)?.number ?? 0);
  layoutMemberSheet(ws, {
    lastRow,
    validations: true,
    extra: [...extraHeaders, { header: ERROR_HEADER, width: 60 }],
  });
  const headerCell = ws.getRow(1).getCell(errorCol);
  headerCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC000' } };
  headerCell.font = { bold: true, color: { argb: 'FF000000' } };
  ws.getRow(1).commit();
  const bad: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };
  for (const r of sheet.rows) {
    const row = ws.getRow(r.number);
    for (let c = 1; c <= width; c++) {
      const v = r.values[c];
      if (v !== undefined && v !== null && v !== '') row.getCell(c).value = v as ExcelJS.CellValue;
    }
    const text = errors.get(r.number);
    if (text) {
      for (let c = 1; c <= errorCol; c++) row.getCell(c).fill = bad;
      const cell = row.getCell(errorCol);
      cell.value = text;
      cell.font = { color: { argb: 'FFC00000' } };
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
    row.commit();
  }
  ws.commit();
  addGuideSheet(wb);
  await wb.commit();
}
