import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { makeIdCard } from '../record/id-card.ts';
import { COL, type ColumnKey, COLUMNS, HEADERS, SHEET_MEMBERS } from './columns.ts';
import { readZipDirectory } from './zip.ts';

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
    postCode: '',
    homeAddress: '',
    workStartedOn: '',
    hardshipKind: '',
    duesPaidUntil: '',
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
    for (const c of [COL.birthDate, COL.joinedOn, COL.fullOn, COL.workStartedOn])
      row.getCell(c).numFmt = 'yyyy-mm-dd';
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

/** The first sheet's data validations as the file keeps them: one range, one type, one formula each. */
export function validationsOf(xlsx: Buffer): { sqref: string; type: string; formula: string }[] {
  const sheet = partsOf(xlsx).find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  const xml = sheet.content.toString('utf8');
  const fromXml = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<dataValidation ([^>]*)>(?:<formula1>([^<]*)<\/formula1>)?/g)].map((m) => ({
    sqref: /sqref="([^"]*)"/.exec(m[1])?.[1] ?? '',
    type: /type="([^"]*)"/.exec(m[1])?.[1] ?? '',
    formula: fromXml(m[2] ?? ''),
  }));
}

/**
 * The workbook without its data validations: exceljs reads a validation's range into one entry
 * per cell, and the template's reach all 1,048,576 rows (Excel keeps them as ranges).
 */
export function withoutValidations(xlsx: Buffer): Buffer {
  return zipOf(
    partsOf(xlsx).map((p) =>
      p.name.startsWith('xl/worksheets/sheet')
        ? {
            name: p.name,
            content: Buffer.from(
              p.content.toString('utf8').replace(/<dataValidations[^>]*>[\s\S]*?<\/dataValidations>/, ''),
            ),
          }
        : p,
    ),
  );
}

/** An uploaded workbook read back: the first sheet's rows as plain arrays (index 1 = column A). */
export async function readWorkbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}

/** One part of a hand-made zip: its content (deflated here), or a packed run made elsewhere. */
export type ZipPart = {
  name: string;
  content?: Buffer;
  packed?: { data: Buffer; size: number; crc: number };
  /** the unpacked size to write in the headers, when it should lie */
  declaredSize?: number;
};

/**
 * A zip as Excel writes one: each part's sizes in its local header, then the central directory.
 * `zip64` writes every size, offset and count as ZIP64 does (the 32-bit fields at their maximum,
 * the values in extra fields and a ZIP64 end record), as some writers do even for small files.
 */
export function zipOf(parts: ZipPart[], opts: { zip64?: boolean } = {}): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  const wide = !!opts.zip64;
  const MAX = 0xffffffff;
  let at = 0;
  for (const p of parts) {
    const packed = p.packed ?? {
      data: zlib.deflateRawSync(p.content ?? Buffer.alloc(0)),
      size: p.content?.length ?? 0,
      crc: zlib.crc32(p.content ?? Buffer.alloc(0)),
    };
    const name = Buffer.from(p.name);
    const size = p.declaredSize ?? packed.size;
    const extra = Buffer.alloc(wide ? 28 : 0);
    if (wide) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(packed.data.length), 12);
      extra.writeBigUInt64LE(BigInt(at), 20);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(wide ? 45 : 20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(wide ? 45 : 20, 4);
    cd.writeUInt16LE(wide ? 45 : 20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(packed.crc >>> 0, 16);
    cd.writeUInt32LE(wide ? MAX : packed.data.length, 20);
    cd.writeUInt32LE(wide ? MAX : size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(extra.length, 30);
    cd.writeUInt32LE(wide ? MAX : at, 42);
    out.push(local, name, packed.data);
    central.push(cd, name, extra);
    at += 30 + name.length + packed.data.length;
  }
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (wide) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(at), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(at + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(wide ? 0xffff : parts.length, 8);
  end.writeUInt16LE(wide ? 0xffff : parts.length, 10);
  end.writeUInt32LE(wide ? MAX : cd.length, 12);
  end.writeUInt32LE(wide ? MAX : at, 16);
  return Buffer.concat([...out, cd, ...tail, end]);
}

/** The parts of a workbook exceljs wrote, unpacked (for tests that rebuild it). */
export function partsOf(xlsx: Buffer): { name: string; content: Buffer }[] {
  return readZipDirectory(xlsx).map((e) => ({
    name: e.name,
    content:
      e.method === 0
        ? xlsx.subarray(e.dataStart, e.dataEnd)
        : zlib.inflateRawSync(xlsx.subarray(e.dataStart, e.dataEnd)),
  }));
}

/**
 * A zip bomb that is a real workbook: the template's header and one good row, then row 3 made of
 * `unpackedMb` megabytes of the same cell over and over. Each megabyte packs on its own (a full
 * flush resets the compressor), so the packed run is one ~1 KB block repeated: about 1000:1, built
 * in milliseconds. `declaredSize` makes the sheet's headers lie about what it unpacks to.
 */
export async function bombWorkbook(
  branch: string,
  opts: { unpackedMb: number; declaredSize?: number },
): Promise<Buffer> {
  const parts = partsOf(await importWorkbook([sampleRow(branch)]));
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  const xml = sheet.content.toString('utf8');
  const cut = xml.indexOf('</sheetData>');
  const head = Buffer.from(`${xml.slice(0, cut)}<row r="3">`);
  const tail = Buffer.from(`</row>${xml.slice(cut)}`);
  const cell = '<c r="A3" t="inlineStr"><is><t>炸</t></is></c>';
  const mb = Buffer.from(cell.repeat(Math.floor((1024 * 1024) / Buffer.byteLength(cell))));
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const block = zlib.deflateRawSync(mb, flush);
  let crc = zlib.crc32(head);
  for (let i = 0; i < opts.unpackedMb; i++) crc = zlib.crc32(mb, crc);
  crc = zlib.crc32(tail, crc);
  const data = Buffer.concat([
    zlib.deflateRawSync(head, flush),
    ...Array.from({ length: opts.unpackedMb }, () => block),
    zlib.deflateRawSync(tail),
  ]);
  const size = head.length + mb.length * opts.unpackedMb + tail.length;
  return zipOf(
    parts.map((p) =>
      p === sheet ? { name: p.name, packed: { data, size, crc }, declaredSize: opts.declaredSize } : p,
    ),
  );
}
