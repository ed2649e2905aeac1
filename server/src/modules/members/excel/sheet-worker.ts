import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { readZipDirectory, type Refusal, workbookStream, ZipRefused } from './zip.ts';

/**
 * Runs in a worker thread with a capped heap (workbook.ts starts it): reads the first worksheet of
 * an uploaded workbook with exceljs's streaming reader and posts its rows back a batch at a time.
 * Whatever exceljs accumulates (shared strings, styles, a cell's text) lives in this heap; past
 * its limit the worker dies alone and the upload is refused, while the server goes on serving.
 * Imports only node built-ins, exceljs and zip.ts: Node loads it by itself, outside the app.
 */
export type SheetJob = {
  body: Uint8Array;
  headerOnly: boolean;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  maxTextChars: number;
  heapMb: number;
};

export type SheetMessage =
  | { type: 'rows'; rows: { number: number; values: unknown[] }[] }
  | { type: 'end'; name: string | null; header: unknown[]; tooManyRows: boolean }
  | { type: 'refused'; refusal: Refusal };

const BATCH = 1000;
/** Excel's own last row: a row number beyond it is not a worksheet Excel could open. */
const EXCEL_ROWS = 1_048_576;

function columnName(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** The characters a cell value holds as text (rich text runs, a formula's string result). */
function textLength(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (!v || typeof v !== 'object' || v instanceof Date) return 0;
  let n = 0;
  const o = v as { richText?: { text?: unknown }[]; text?: unknown; result?: unknown; formula?: unknown };
  if (Array.isArray(o.richText)) for (const r of o.richText) n += textLength(r.text);
  n += textLength(o.text) + textLength(o.result) + textLength(o.formula);
  return n;
}

async function read(job: SheetJob): Promise<SheetMessage> {
  const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  const entries = readZipDirectory(body);
  // the header is in the first rows, but the whole file is inflated once (and thrown away) so that
  // a part which unpacks to more than it declares is refused at upload, not first in the job
  if (job.headerOnly) for await (const _ of workbookStream(body, entries));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbookStream(body, entries), {
    sharedStrings: 'cache',
    // styles tell a date from a number
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let rows: { number: number; values: unknown[] }[] = [];
  let header: unknown[] = [];
  let chars = 0;
  let count = 0;
  let last = 0;
  // the zip exceljs reads holds one worksheet at most (zip.ts), so the first one is the member sheet
  for await (const ws of reader) {
    const name = (ws as unknown as { name?: string }).name ?? '';
    for await (const row of ws) {
      // Excel numbers every row, in order, up to its last; a row without a number reads as NaN
      if (!Number.isInteger(row.number) || row.number > EXCEL_ROWS || row.number <= last)
        throw new ZipRefused({
          status: 400,
          code: 'xlsx_rows',
          zh: `工作表中的行号（第 ${row.number} 行）不是 Excel 能写出的顺序，文件可能已损坏；请在 Excel 中打开后重新保存再上传`,
          en: `The sheet's row numbers (row ${row.number}) are not in an order Excel writes: the file may be damaged`,
        });
      last = row.number;
      const values = row.values as unknown[];
      if (values.length > job.maxColumns + 1) {
        const col = values.length - 1;
        throw new ZipRefused({
          status: 400,
          code: 'xlsx_too_many_columns',
          zh: `第 ${row.number} 行第 ${col} 列（${columnName(col)} 列）还有内容：导入模板只有十几列，导入最多读取 ${job.maxColumns} 列；请删除多余的列后重新导入`,
          en: `Row ${row.number} has content in column ${columnName(col)} (${col}); the import reads at most ${job.maxColumns} columns: delete the extra columns and import again`,
        });
      }
      for (let c = 1; c < values.length; c++) {
        const n = textLength(values[c]);
        if (n > job.maxCellChars)
          throw new ZipRefused({
            status: 400,
            code: 'xlsx_cell_too_long',
            zh: `第 ${row.number} 行 ${columnName(c)} 列的内容有 ${n.toLocaleString('en')} 字，超过 Excel 单元格的上限（${job.maxCellChars.toLocaleString('en')} 字），文件不是 Excel 写出的；已拒绝`,
            en: `Cell ${columnName(c)}${row.number} holds ${n} characters, over Excel's limit of ${job.maxCellChars}: refused`,
          });
        chars += n;
      }
      // shared strings cost their text once here, but once per cell when copied to the server's heap
      if (chars > job.maxTextChars)
        throw new ZipRefused({
          status: 413,
          code: 'xlsx_too_much_text',
          zh: `工作表中的文字总量超过 ${(job.maxTextChars / 1_000_000).toLocaleString('en')} 百万字，远超党员信息的正常数量，已拒绝；请分成几个文件分批导入`,
          en: `The sheet holds more than ${job.maxTextChars / 1_000_000} million characters of text: refused; split it and import in parts`,
        });
      if (row.number === 1) {
        header = values;
        if (job.headerOnly) return { type: 'end', name, header, tooManyRows: false };
        continue;
      }
      if (count >= job.maxRows) return { type: 'end', name, header, tooManyRows: true };
      count++;
      rows.push({ number: row.number, values });
      if (rows.length >= BATCH) {
        parentPort!.postMessage({ type: 'rows', rows } satisfies SheetMessage);
        rows = [];
      }
    }
    if (rows.length) parentPort!.postMessage({ type: 'rows', rows } satisfies SheetMessage);
    return { type: 'end', name, header, tooManyRows: false };
  }
  return { type: 'end', name: null, header: [], tooManyRows: false };
}

read(workerData as SheetJob).then(
  (message) => parentPort!.postMessage(message),
  (err: unknown) => {
    if (err instanceof ZipRefused)
      parentPort!.postMessage({ type: 'refused', refusal: err.refusal } satisfies SheetMessage);
    // anything else (exceljs could not parse it) reaches the parent as the worker's error
    else throw err;
  },
);
