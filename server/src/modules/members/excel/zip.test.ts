import { describe, expect, it } from 'vitest';
import { importWorkbook, partsOf, sampleRow, zipOf } from './test-workbooks.ts';
import { readMemberSheet, SheetRefused } from './workbook.ts';
import { MAX_ENTRIES, readZipDirectory, ZipRefused } from './zip.ts';

/** The zip checks of an upload (issue 11, item 2), on files built by hand: no database, no server. */
const refusal = (b: Buffer) => {
  try {
    readZipDirectory(b);
  } catch (err) {
    if (err instanceof ZipRefused) return err.refusal;
    throw err;
  }
  return null;
};

describe('the zip directory of an upload', () => {
  it('reads a workbook written with ZIP64 fields, and reads its rows', async () => {
    const parts = partsOf(await importWorkbook([sampleRow('ZB-1'), sampleRow('ZB-2')]));
    const wide = zipOf(parts, { zip64: true });
    const entries = readZipDirectory(wide);
    expect(entries.map((e) => e.name)).toEqual(parts.map((p) => p.name));
    expect(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')?.size).toBe(
      parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')?.content.length,
    );
    const sheet = await readMemberSheet(wide);
    expect(sheet?.rows.map((r) => r.values[11])).toEqual(['ZB-1', 'ZB-2']);
  });

  it('judges ZIP64 sizes by what they say: 300 MB in a 64-bit field is 300 MB', async () => {
    const parts = partsOf(await importWorkbook([sampleRow('ZB-1')]));
    const lying = parts.map((p) =>
      p.name === 'xl/styles.xml' ? { ...p, declaredSize: 300 * 1024 * 1024 } : p,
    );
    expect(refusal(zipOf(lying, { zip64: true }))).toMatchObject({
      status: 413,
      code: 'xlsx_too_large_unpacked',
    });
  });

  it('refuses too many parts, overlapping parts, encrypted parts and a cut file, each in its words', async () => {
    const good = await importWorkbook([sampleRow('ZB-1')]);
    const parts = partsOf(good);
    const many = [
      ...parts,
      ...Array.from({ length: MAX_ENTRIES }, (_, i) => ({
        name: `x/${i}.xml`,
        content: Buffer.from('<a/>'),
      })),
    ];
    expect(refusal(zipOf(many))?.zh).toContain(`上限 ${MAX_ENTRIES} 个`);

    // two directory entries pointing at the same packed run (the "overlapping" bomb)
    const overlapping = Buffer.from(zipOf(parts));
    const end = overlapping.length - 22;
    const cd = overlapping.readUInt32LE(end + 16);
    const second = cd + 46 + overlapping.readUInt16LE(cd + 28) + overlapping.readUInt16LE(cd + 30);
    overlapping.writeUInt32LE(overlapping.readUInt32LE(cd + 42), second + 42);
    expect(refusal(overlapping)).toMatchObject({ code: 'xlsx_inconsistent' });

    const encrypted = Buffer.from(zipOf(parts));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(cd + 8) | 1, cd + 8);
    expect(refusal(encrypted)?.zh).toContain('加密');

    expect(refusal(good.subarray(0, good.length - 30))).toMatchObject({ code: 'not_xlsx' });
    await expect(readMemberSheet(good.subarray(0, 300))).rejects.toBeInstanceOf(SheetRefused);
  });
});
