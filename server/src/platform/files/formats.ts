/**
 * What an uploaded file is, by its first bytes (its signature), never by its name or the type the
 * browser claims: an executable renamed .jpg starts with "MZ" (or "\x7fELF") and matches nothing
 * here. Shared by every module that takes uploads (moved here from openness/images when a second
 * module, life/activities, needed it).
 */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

export function imageFormatOf(b: Buffer): ImageFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

/** Documents an org attaches to its records: PDF, Word, Excel, PowerPoint, WPS (old and new formats), pictures. */
export type DocumentFormat = ImageFormat | 'pdf' | 'ooxml' | 'ole';

/** An Office Open XML file (.docx/.xlsx/.pptx) is a zip with [Content_Types].xml; an old .doc/.xls an OLE2 file. */
export function documentFormatOf(b: Buffer): DocumentFormat | null {
  const image = imageFormatOf(b);
  if (image) return image;
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (
    b.length >= 30 &&
    b.readUInt32LE(0) === 0x04034b50 &&
    b.subarray(0, Math.min(b.length, 4096)).includes('[Content_Types].xml')
  )
    return 'ooxml';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return 'ole';
  return null;
}
