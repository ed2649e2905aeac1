import { describe, expect, it } from 'vitest';
import { documentFormatOf, imageFormatOf } from './formats.ts';

describe('a picture is told by its bytes, never by its name (issue 13: an executable renamed .jpg refused)', () => {
  it('recognises JPEG, PNG, GIF and WebP signatures', () => {
    expect(imageFormatOf(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('jpeg');
    expect(imageFormatOf(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
    expect(imageFormatOf(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('gif');
    expect(imageFormatOf(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
  });

  it('refuses a Windows or Linux executable, a script and an empty file', () => {
    expect(imageFormatOf(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
    expect(imageFormatOf(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'))).toBeNull();
    expect(imageFormatOf(Buffer.from('<script>alert(1)</script>'))).toBeNull();
    expect(imageFormatOf(Buffer.alloc(0))).toBeNull();
  });
});

describe('a document is told by its bytes too: PDF, Office (new and old) and pictures', () => {
  it('recognises a PDF, a .docx/.xlsx (a zip naming [Content_Types].xml) and an old .doc (OLE2)', () => {
    expect(documentFormatOf(Buffer.from('%PDF-1.4\n'))).toBe('pdf');
    const zip = Buffer.concat([
      Buffer.from('504b0304', 'hex'),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml'),
    ]);
    expect(documentFormatOf(zip)).toBe('ooxml');
    expect(documentFormatOf(Buffer.from('d0cf11e0a1b11ae10000', 'hex'))).toBe('ole');
    expect(documentFormatOf(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
  });

  it('refuses a zip that is not an Office file and an executable', () => {
    const zip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(26), Buffer.from('payload.exe')]);
    expect(documentFormatOf(zip)).toBeNull();
    expect(documentFormatOf(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
  });
});
