import ExcelJS from 'exceljs';
import { makeIdCard } from '../id-card.ts';
import { type ColumnKey, COLUMNS, HEADERS, SHEET_MEMBERS } from './columns.ts';

/**
 * For tests (and the authorization matrix): real .xlsx files made with exceljs, as an admin
 * would fill the template, and the multipart body a browser would send them in.
 */
export type SampleRow = Partial<Record<ColumnKey, unknown>>;

// numbers differ between test files and runs, so rows never collide with each other's records
let seq = (process.pid % 400) * 1000 + Math.floor(Math.random() * 500);

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A valid full member in `branch` (its code or full name); `over` replaces cells by column. */
export function sampleRow(branch: string, over: SampleRow = {}): unknown[] {
  seq += 1;
  const birthDate = addDays('1960-01-01', (seq * 37) % 14_600);
  const male = seq % 3 !== 0;
  const idNumber = makeIdCard('110108', birthDate, (seq * 2) % 998, male ? 'male' : 'female');
  const joinedOn = addDays(`${Number(birthDate.slice(0, 4)) + 24}${birthDate.slice(4)}`, seq % 200);
  const fullOn = addDays(`${Number(joinedOn.slice(0, 4)) + 1}${joinedOn.slice(4)}`, 5);
  const cells: Record<ColumnKey, unknown> = {
    name: `测试${['建国', '秀英', '志强', '丽华'][seq % 4]}${seq % 1000}`,
    gender: male ? '男' : '女',
    ethnicity: '汉族',
    idNumber,
    birthDate: utc(birthDate),
    education: '大学本科',
    degree: '学士',
    status: '正式党员',
    joinedOn: utc(joinedOn),
    fullOn: utc(fullOn),
    orgRef: branch,
    positions: seq % 50 === 0 ? '组织委员' : '',
    phone: `139${String(10_000_000 + (seq % 89_999_999)).padStart(8, '0')}`,
    workUnit: '青山区某单位',
    mobile: '否',
    mobileLocation: '',
    duesCategory: '在职',
    monthlyIncome: 4000 + (seq % 60) * 100,
    ...over,
  };
  return COLUMNS.map((c) => cells[c.key]);
}

/** A workbook on the template: the header row, then `rows` from row 2. */
export async function importWorkbook(rows: unknown[][], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_MEMBERS);
  ws.addRow(headers);
  ws.getColumn(4).numFmt = '@';
  for (const r of rows) {
    const row = ws.addRow(r);
    for (const c of [5, 9, 10]) row.getCell(c).numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The multipart/form-data body and its content type, as a browser's FormData sends it. */
export async function multipartBody(
  fields: Record<string, string>,
  files: { field?: string; name: string; body: Buffer }[] = [],
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field ?? 'file', new Blob([new Uint8Array(f.body)]), f.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')! },
  };
}

/** An uploaded workbook read back: the first sheet's rows as plain arrays (index 1 = column A). */
export async function readWorkbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}
