import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * The zip container of an uploaded .xlsx, read by hand before exceljs sees a byte of it.
 *
 * An .xlsx is a zip of XML parts. A zip says in its central directory how big each part is once
 * unpacked, but nothing obliges it to tell the truth, and deflate packs a run of repeated XML
 * hundreds to a thousand times: a 20 MB upload can unpack to gigabytes. exceljs (through unzipper)
 * inflates whatever the stream holds, caches every shared string and parks worksheets it cannot
 * read yet in temporary files. So:
 *
 * 1. `readZipDirectory` reads the end-of-central-directory record and every central-directory
 *    entry (ZIP64 fields read, not refused: some writers use them even for small files), finds
 *    each part's packed bytes from its local header, and refuses the bounds below, parts that
 *    overlap and encrypted parts. It reads headers only and inflates nothing: the upload request
 *    runs it before anything else, and the job again.
 * 2. `workbookStream` hands exceljs a new, minimal zip of only the parts it reads, in the order
 *    that lets it stream (nothing parked in temporary files), each part inflated here with a
 *    counter: a part that unpacks to more than it declared, or fails its CRC-32, stops the read.
 *    exceljs gets them stored (uncompressed), so unzipper never inflates anything itself, and
 *    nothing of the upload that is not listed in the directory is ever read.
 */

/**
 * Parts in one workbook. The import template holds 18 (directories counted), a workbook saved by
 * Excel or WPS with a few sheets, a theme, printer settings and custom properties 20–30; 50 leaves
 * room and stops a zip of thousands of tiny parts.
 */
export const MAX_ENTRIES = 50;
/**
 * What the parts may unpack to, together. The biggest legitimate upload (200,000 members, the
 * row cap, written by exceljs with shared strings: 21.7 MB, just over the 20 MB upload limit)
 * measured 147 MB unpacked: 135 MB of sheet XML, 12 MB of shared strings.
 */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
export const MAX_UNPACKED_MB = MAX_UNPACKED_BYTES / 1024 / 1024;
/**
 * How much smaller than its content a part may be packed. Sheet XML packs 6–10:1 (measured: 6.9:1
 * for the 200,000-row sheet, 8.4:1 for a 20,000-row one, 5.8:1 for shared strings); a run of
 * identical cells packs 300–1000:1, which only a crafted file has.
 */
export const MAX_RATIO = 100;
/** Parts smaller than this unpacked are not judged by ratio: an almost empty part packs very well and harms no one. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** What the upload is refused for, said to the admin (zh) or in English; `status` is the HTTP answer. */
export type Refusal = { status: number; code: string; zh: string; en: string };

export class ZipRefused extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.en);
    this.refusal = refusal;
  }
}

const refuse = (code: string, zh: string, en: string, status = 400) =>
  new ZipRefused({ status, code, zh, en });

export const damaged = () =>
  refuse(
    'not_xlsx',
    '文件无法作为 Excel 工作簿（.xlsx）打开，可能已损坏；请在 Excel 中打开后重新保存再上传',
    'The file cannot be opened as an .xlsx workbook',
  );

const inconsistent = (why: string, whyEn: string) =>
  refuse(
    'xlsx_inconsistent',
    `文件的压缩结构不一致（${why}），可能已损坏或被改动过，已拒绝；请在 Excel 中打开后重新保存再上传`,
    `The file's zip structure is inconsistent (${whyEn}): damaged or tampered with, refused; open it in Excel, save it again and upload that`,
  );

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  crc32: number;
  compressedSize: number;
  /** unpacked size, as declared */
  size: number;
  /** where the local header starts */
  offset: number;
  /** where the packed bytes start and end */
  dataStart: number;
  dataEnd: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U16 = 0xffff;
const U32 = 0xffffffff;

/** A 64-bit field as a number; beyond 2^53 it is as good as infinite here. */
function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(v);
}

function inside(b: Buffer, at: number, length: number) {
  if (!Number.isFinite(at) || at < 0 || at + length > b.length) throw damaged();
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);

/** The end-of-central-directory record, with ZIP64's wider fields when it has them. */
function endRecord(b: Buffer): { entries: number; cdSize: number; cdOffset: number } {
  // the record is 22 bytes plus a comment of at most 65,535, at the very end
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  let at = b.length - 22;
  while (at >= lowest && !(b.readUInt32LE(at) === EOCD && at + 22 + b.readUInt16LE(at + 20) <= b.length))
    at--;
  if (at < lowest) throw damaged();
  if (b.readUInt16LE(at + 4) !== 0 || b.readUInt16LE(at + 6) !== 0)
    throw inconsistent('分卷压缩文件', 'a multi-volume archive');
  let entries = b.readUInt16LE(at + 10);
  let cdSize = b.readUInt32LE(at + 12);
  let cdOffset = b.readUInt32LE(at + 16);
  if (entries === U16 || cdSize === U32 || cdOffset === U32) {
    // ZIP64: a locator just before the record points at the 64-bit record
    const loc = at - 20;
    if (loc < 0 || b.readUInt32LE(loc) !== ZIP64_LOCATOR) throw damaged();
    const rec = u64(b, loc + 8);
    inside(b, rec, 56);
    if (b.readUInt32LE(rec) !== ZIP64_EOCD) throw damaged();
    if (b.readUInt32LE(rec + 16) !== 0 || b.readUInt32LE(rec + 20) !== 0)
      throw inconsistent('分卷压缩文件', 'a multi-volume archive');
    entries = u64(b, rec + 32);
    cdSize = u64(b, rec + 40);
    cdOffset = u64(b, rec + 48);
  }
  return { entries, cdSize, cdOffset };
}

/** ZIP64 extended information (extra field 0x0001): the fields the 32-bit header left at 0xFFFFFFFF, in order. */
function zip64Sizes(
  b: Buffer,
  extraStart: number,
  extraEnd: number,
  e: { size: number; compressedSize: number; offset: number },
) {
  for (let p = extraStart; p + 4 <= extraEnd; ) {
    const id = b.readUInt16LE(p);
    const len = b.readUInt16LE(p + 2);
    if (p + 4 + len > extraEnd) throw damaged();
    if (id === 0x0001) {
      let q = p + 4;
      const take = () => {
        if (q + 8 > p + 4 + len) throw damaged();
        const v = u64(b, q);
        q += 8;
        return v;
      };
      if (e.size === U32) e.size = take();
      if (e.compressedSize === U32) e.compressedSize = take();
      if (e.offset === U32) e.offset = take();
      return;
    }
    p += 4 + len;
  }
  if (e.size === U32 || e.compressedSize === U32 || e.offset === U32) throw damaged();
}

/**
 * Every part of the zip, checked against the bounds above and against its own local header, or a
 * refusal that says what is wrong. Reads headers only.
 */
export function readZipDirectory(b: Buffer): ZipEntry[] {
  if (b.length < 22) throw damaged();
  const end = endRecord(b);
  if (end.entries > MAX_ENTRIES)
    throw refuse(
      'xlsx_too_many_parts',
      `文件内部有 ${end.entries} 个组成部分，超过 Excel 工作簿的正常数量（上限 ${MAX_ENTRIES} 个），已拒绝；请把数据复制到新下载的导入模板中再上传`,
      `The file holds ${end.entries} parts, more than an Excel workbook has (limit ${MAX_ENTRIES}): refused; copy the data into a freshly downloaded template and upload that`,
    );
  inside(b, end.cdOffset, end.cdSize);

  const entries: ZipEntry[] = [];
  let p = end.cdOffset;
  for (let i = 0; i < end.entries; i++) {
    inside(b, p, 46);
    if (b.readUInt32LE(p) !== CENTRAL) throw damaged();
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const commentLength = b.readUInt16LE(p + 32);
    inside(b, p + 46, nameLength + extraLength + commentLength);
    const name = b.toString('utf8', p + 46, p + 46 + nameLength);
    const e = {
      size: b.readUInt32LE(p + 24),
      compressedSize: b.readUInt32LE(p + 20),
      offset: b.readUInt32LE(p + 42),
    };
    if (e.size === U32 || e.compressedSize === U32 || e.offset === U32)
      zip64Sizes(b, p + 46 + nameLength, p + 46 + nameLength + extraLength, e);
    if (flags & 0x41)
      throw refuse(
        'xlsx_encrypted',
        '文件中的内容经过加密，无法读取；请在 Excel 中取消密码保护、重新保存后再上传',
        'Parts of the file are encrypted; remove the password protection in Excel, save and upload again',
      );
    if (method !== 0 && method !== 8)
      throw inconsistent(
        `“${name}”使用了 Excel 不用的压缩方式`,
        `"${name}" uses a compression method Excel does not`,
      );
    if (method === 0 && e.size !== e.compressedSize)
      throw inconsistent(`“${name}”的大小记录前后不一`, `"${name}" declares two different sizes`);
    entries.push({
      name,
      method,
      crc32: b.readUInt32LE(p + 16),
      compressedSize: e.compressedSize,
      size: e.size,
      offset: e.offset,
      dataStart: 0,
      dataEnd: 0,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }

  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNPACKED_BYTES)
    throw refuse(
      'xlsx_too_large_unpacked',
      `文件解压后达 ${mb(total)} MB，超过 ${MAX_UNPACKED_MB} MB 上限，已拒绝；请分成几个文件分批导入`,
      `Unpacked, the file would take ${mb(total)} MB, over the ${MAX_UNPACKED_MB} MB limit: refused; split it and import in parts`,
      413,
    );
  for (const e of entries) {
    if (e.size < RATIO_FLOOR_BYTES) continue;
    const ratio = e.size / Math.max(e.compressedSize, 1);
    if (ratio > MAX_RATIO)
      throw refuse(
        'xlsx_compression_ratio',
        `文件内部的“${e.name}”压缩比高达 ${Math.round(ratio)}:1，远超正常 Excel 工作簿（上限 ${MAX_RATIO}:1），疑似“压缩炸弹”，已拒绝`,
        `The part "${e.name}" is packed ${Math.round(ratio)}:1, far beyond any Excel workbook (limit ${MAX_RATIO}:1): refused as a likely zip bomb`,
      );
  }

  // Where each part's packed bytes are, from its local header; parts may not overlap (the
  // "overlapping" bomb points many directory entries at one packed run). exceljs never reads this
  // file itself (see `workbookStream`), so nothing hidden between parts is ever unpacked.
  const byOffset = [...entries].sort((a, c) => a.offset - c.offset);
  let free = 0;
  for (const e of byOffset) {
    if (e.offset < free) throw inconsistent('多个部分指向同一段数据', 'parts overlap');
    inside(b, e.offset, 30);
    if (b.readUInt32LE(e.offset) !== LOCAL) throw damaged();
    const nameLength = b.readUInt16LE(e.offset + 26);
    const extraLength = b.readUInt16LE(e.offset + 28);
    inside(b, e.offset + 30, nameLength + extraLength);
    if (b.toString('utf8', e.offset + 30, e.offset + 30 + nameLength) !== e.name)
      throw inconsistent(`“${e.name}”的记录前后不一`, `"${e.name}" is recorded two different ways`);
    e.dataStart = e.offset + 30 + nameLength + extraLength;
    e.dataEnd = e.dataStart + e.compressedSize;
    inside(b, e.dataStart, e.compressedSize);
    free = e.dataEnd;
  }
  if (free > end.cdOffset) throw inconsistent('数据与目录重叠', 'data overlaps the directory');
  return entries;
}

/** The parts exceljs's streaming reader uses; everything else in the upload is left packed. */
const BOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
const SHEET_RE = /^xl\/worksheets\/sheet\d+\.xml$/;
const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** The first worksheet, in the order the parts are stored (as exceljs has always picked it). */
export function firstSheet(entries: readonly ZipEntry[]): ZipEntry | undefined {
  return [...entries].sort((a, c) => a.offset - c.offset).find((e) => SHEET_RE.test(e.name));
}

function localHeader(name: Buffer, crc: number, size: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(LOCAL, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt32LE(crc >>> 0, 14);
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function centralDirectory(
  parts: { name: Buffer; crc: number; size: number; offset: number }[],
  at: number,
): Buffer {
  const records = parts.map((p) => {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(CENTRAL, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0800, 8);
    h.writeUInt32LE(p.crc >>> 0, 16);
    h.writeUInt32LE(p.size, 20);
    h.writeUInt32LE(p.size, 24);
    h.writeUInt16LE(p.name.length, 28);
    h.writeUInt32LE(p.offset, 42);
    return Buffer.concat([h, p.name]);
  });
  const cd = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([cd, end]);
}

/** The part's content, inflated here, refused as soon as it outgrows what it declared. */
async function* unpack(b: Buffer, e: ZipEntry): AsyncGenerator<Buffer> {
  const packed = b.subarray(e.dataStart, e.dataEnd);
  let out = 0;
  let crc = 0;
  const lied = () =>
    inconsistent(
      `“${e.name}”解压后与声明的 ${e.size.toLocaleString('en')} 字节不符`,
      `"${e.name}" does not unpack to the ${e.size} bytes it declares`,
    );
  const inflater = e.method === 0 ? null : zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  inflater?.end(packed);
  try {
    for await (const chunk of (inflater ?? [packed]) as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > e.size) throw lied();
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    throw damaged();
  } finally {
    inflater?.destroy();
  }
  if (out !== e.size) throw lied();
  if (crc >>> 0 !== e.crc32 >>> 0)
    throw inconsistent(`“${e.name}”的校验值不符`, `"${e.name}" fails its CRC-32 check`);
}

/**
 * A zip for exceljs's streaming reader holding only what it reads of the upload: the workbook's
 * relationships, the workbook, the styles, the shared strings (an empty table when there is none,
 * so the sheet is never parked in a temporary file while the reader waits for it), then the first
 * worksheet, each part inflated and checked here and passed on stored.
 */
export function workbookStream(b: Buffer, entries: readonly ZipEntry[]): Readable {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sheet = firstSheet(entries);
  const parts: (ZipEntry | { name: string; content: Buffer })[] = [];
  for (const name of BOOK_PARTS) {
    const e = byName.get(name);
    if (e) parts.push(e);
    else if (name === 'xl/sharedStrings.xml') parts.push({ name, content: EMPTY_SST });
  }
  if (sheet) parts.push(sheet);
  async function* generate() {
    const written: { name: Buffer; crc: number; size: number; offset: number }[] = [];
    let at = 0;
    for (const part of parts) {
      const name = Buffer.from(part.name);
      const size = 'content' in part ? part.content.length : part.size;
      const crc = 'content' in part ? zlib.crc32(part.content) : part.crc32;
      const header = localHeader(name, crc, size);
      written.push({ name, crc, size, offset: at });
      yield header;
      at += header.length;
      if ('content' in part) yield part.content;
      else yield* unpack(b, part);
      at += size;
    }
    yield centralDirectory(written, at);
  }
  return Readable.from(generate(), { objectMode: false });
}
