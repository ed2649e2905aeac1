import type { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/http/errors.ts';
import {
  COL,
  COLUMNS,
  ERROR_HEADER,
  HEADERS,
  normalizeHeader,
  OLD_COLUMN_COUNT,
  SHEET_MEMBERS,
  TEMPLATE_ROWS,
} from './columns.ts';
import { maskedCell, maskedIdNumber, maskedPhone, maskNumbersIn } from './masking.ts';
import { plainValue } from './rows.ts';
import type { SheetJob, SheetMessage } from './sheet-worker.ts';
import { addCodesSheet, addGuideSheet, layoutMemberSheet } from './template.ts';
import { type Refusal, readZipDirectory, ZipRefused } from './zip.ts';

/** One row of the member sheet as exceljs reads it: `values[1]` is column A. */
export type SheetRow = { number: number; values: unknown[] };
export type MemberSheet = { name: string; header: unknown[]; rows: SheetRow[] };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const refuse = (code: string, zh: string, en: string, status = 400) =>
  new AppError(status, code, { zh, en }, [{ path: 'file', message: zh, messageEn: en }]);

export class TooManyRows extends Error {}

/** The upload cannot be read as it is: `refusal` says why, to the admin (a 4xx at upload, the job's message later). */
export class SheetRefused extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.en);
    this.refusal = refusal;
  }
}

/**
 * The columns read per row: the template's 18, the error column a returned error workbook has, and
 * room for the admin's own notes. A cell further right is refused with its row and column, so one
 * stray value cannot make every row 16,384 cells wide.
 */
export const MAX_COLUMNS = 50;
/** Excel's own limit for one cell: more is not a workbook Excel wrote. */
export const MAX_CELL_CHARS = 32_767;
/**
 * All the text the sheet's cells hold. A shared string costs its characters once in the reader
 * but once per cell in every copy made of the rows (the server's heap, the error workbook), so a
 * short zip can name one long string a million times. The biggest legitimate upload (200,000 rows
 * of the test generator's members, 21.7 MB: just over the upload limit) holds 14.2 million.
 */
export const MAX_TEXT_CHARS = 40_000_000;
/**
 * The reader's heap (worker thread `resourceLimits.maxOldGenerationSizeMb`). Measured: the
 * 200,000-row file reads in a 64 MB heap and not in 32 MB (rows leave the worker a batch at a
 * time; what stays is exceljs's shared strings and styles). The most shared strings a 20 MB upload
 * can carry (4.5 million, 98 MB of XML) fit in 256 MB; what needs more dies at the limit, alone.
 */
export const READER_HEAP_MB = 256;
/** Readers at a time in this process: each may take READER_HEAP_MB and a core. */
const MAX_READERS = 2;

const unreadable = (): Refusal => ({
  status: 400,
  code: 'not_xlsx',
  zh: '文件无法作为 Excel 工作簿（.xlsx）打开，可能已损坏；请在 Excel 中打开后重新保存再上传',
  en: 'The file cannot be opened as an .xlsx workbook',
});
const tooComplex = (mb: number): Refusal => ({
  status: 413,
  code: 'xlsx_too_complex',
  zh: `文件内容过于庞杂，读取它需要的内存超过 ${mb} MB 上限，已拒绝；请把数据复制到新下载的导入模板中，或分成几个文件分批导入`,
  en: `Reading the file would need more than ${mb} MB of memory: refused; copy the data into a fresh template or split it`,
});

let running = 0;
const waiting: (() => void)[] = [];
/** A reader's place: taken at once when one is free, else handed over by the reader that ends. */
async function slot(): Promise<() => void> {
  if (running < MAX_READERS) running++;
  else await new Promise<void>((r) => waiting.push(r));
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

/**
 * The first worksheet's rows. The zip is checked here first (zip.ts: sizes, ratio, parts), then
 * read in a worker thread with a capped heap, so neither a crafted file nor exceljs's caches can
 * take the memory or the event loop of the process that also answers requests and runs jobs.
 * `headerOnly` stops after row 1, enough to tell a workbook on the wrong template at upload (the
 * whole file is still inflated once, so a part that lies about its size is refused there too).
 * `heapMb` (tests, measurements) replaces READER_HEAP_MB.
 */
export async function readMemberSheet(
  body: Buffer,
  opts: { headerOnly?: boolean; maxRows?: number; heapMb?: number } = {},
): Promise<MemberSheet | null> {
  try {
    readZipDirectory(body);
  } catch (err) {
    if (err instanceof ZipRefused) throw new SheetRefused(err.refusal);
    throw err;
  }
  const job: SheetJob = {
    body,
    headerOnly: !!opts.headerOnly,
    maxRows: opts.maxRows ?? Number.MAX_SAFE_INTEGER,
    maxColumns: MAX_COLUMNS,
    maxCellChars: MAX_CELL_CHARS,
    maxTextChars: MAX_TEXT_CHARS,
    heapMb: opts.heapMb ?? READER_HEAP_MB,
  };
  const release = await slot();
  try {
    const rows: SheetRow[] = [];
    const end = await new Promise<Extract<SheetMessage, { type: 'end' }>>((resolve, reject) => {
      const worker = new Worker(new URL('./sheet-worker.ts', import.meta.url), {
        workerData: job,
        resourceLimits: { maxOldGenerationSizeMb: job.heapMb, maxYoungGenerationSizeMb: 32 },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
        void worker.terminate();
      };
      worker.on('message', (m: SheetMessage) => {
        if (m.type === 'rows') rows.push(...m.rows);
        else if (m.type === 'end') settle(() => resolve(m));
        else settle(() => reject(new SheetRefused(m.refusal)));
      });
      worker.on('error', (err: Error & { code?: string }) =>
        settle(() =>
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new SheetRefused(tooComplex(job.heapMb))
              : // Node's own failures (the worker's code did not load…) are the server's, not the file's
                err.code?.startsWith('ERR_')
                ? err
                : new SheetRefused(unreadable()),
          ),
        ),
      );
      worker.on('exit', () => settle(() => reject(new SheetRefused(unreadable()))));
    });
    if (end.tooManyRows) throw new TooManyRows();
    return end.name === null ? null : { name: end.name, header: end.header, rows };
  } finally {
    release();
  }
}

/** Which of the template's headers are missing or out of place, in words; null when it is the template. */
export function headerProblem(header: readonly unknown[]): string | null {
  const got = HEADERS.map((_, i) => {
    const v = plainValue(header[i + 1]);
    return typeof v === 'string' || typeof v === 'number' ? normalizeHeader(String(v)) : '';
  });
  const wrong = HEADERS.map((h, i) => ({ h, i, g: got[i] })).filter((x) => normalizeHeader(x.h) !== x.g);
  if (!wrong.length) return null;
  // the template before the national fields: its columns are the new one's first, in the same order
  if (wrong.every((x) => x.i >= OLD_COLUMN_COUNT && !x.g))
    return (
      `这是旧版导入模板（${OLD_COLUMN_COUNT} 列）。新模板在最后增加了“${HEADERS.slice(OLD_COLUMN_COUNT).join('、')}”${HEADERS.length - OLD_COLUMN_COUNT} 列，前 ${OLD_COLUMN_COUNT} 列不变：` +
      '请下载最新模板，把原表的数据整块粘贴进去（新增的列可以空着）后再导入。'
    );
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
    sheet = await readMemberSheet(body, { headerOnly: true });
  } catch (err) {
    if (!(err instanceof SheetRefused)) throw err;
    throw refuse(err.refusal.code, err.refusal.zh, err.refusal.en, err.refusal.status);
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
 * A cell of the upload as the error workbook shows it. The ID-number and phone columns are masked
 * as the member list masks them (whatever the cell held: text, a number, a formula); full numbers
 * typed anywhere else are masked too. The row number, the field and the problem are what the
 * admin needs to correct the original file; the numbers stay in that file, not in this one.
 */
function echo(column: number, v: unknown): ExcelJS.CellValue {
  if (column !== COL.idNumber && column !== COL.phone) return maskedCell(v) as ExcelJS.CellValue;
  const o = v as { result?: unknown; error?: unknown };
  const p = plainValue(v);
  const text =
    p === null || p instanceof Date
      ? ''
      : typeof p !== 'object'
        ? String(p)
        : 'error' in p
          ? String(o.error)
          : String(plainValue(o.result) ?? '');
  return column === COL.idNumber ? maskedIdNumber(text) : maskedPhone(text);
}

/**
 * The error workbook: the uploaded rows (same row numbers, same columns, personal numbers masked:
 * see `echo`), laid out like the template, with the column 错误说明 saying per bad row what is
 * wrong by field, and the bad rows highlighted. Written as a stream, so a big file costs no more
 * memory than its rows.
 */
export async function writeErrorWorkbook(
  sheet: MemberSheet,
  errors: ReadonlyMap<number, string>,
  out: PassThrough,
  keepDays: number,
): Promise<void> {
  // a workbook sent back a second time already has the column: it is rewritten, not added again
  let width: number = COLUMNS.length;
  for (let c = COLUMNS.length + 1; c < sheet.header.length; c++) {
    if (plainValue(sheet.header[c]) === ERROR_HEADER) break;
    width = c;
  }
  const extraHeaders = sheet.header.slice(COLUMNS.length + 1, width + 1).map((h) => {
    const v = plainValue(h);
    return { header: v === null || typeof v === 'object' ? '' : maskNumbersIn(String(v)), width: 14 };
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
    codes: true,
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
      if (v !== undefined && v !== null && v !== '') row.getCell(c).value = echo(c, v);
    }
    const text = errors.get(r.number);
    if (text) {
      for (let c = 1; c <= errorCol; c++) row.getCell(c).fill = bad;
      const cell = row.getCell(errorCol);
      cell.value = maskNumbersIn(text);
      cell.font = { color: { argb: 'FFC00000' } };
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
    row.commit();
  }
  ws.commit();
  addGuideSheet(wb, keepDays);
  addCodesSheet(wb);
  await wb.commit();
}
