import { describe, expect, it } from 'vitest';
import { imageFormatOf } from '../../../platform/files/formats.ts';
import { IMAGE_TOKEN, imageUrl } from './rules.ts';

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

describe('an org page’s pictures are addressed by an unguessable token', () => {
  it('of 128 random bits in hex, not a number that counts up', () => {
    expect(IMAGE_TOKEN.test('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(IMAGE_TOKEN.test('42')).toBe(false);
  });

  it('served in the display size, or as the thumbnail', () => {
    const t = '0123456789abcdef0123456789abcdef';
    expect(imageUrl(t)).toBe(`/api/v1/public/images/${t}`);
    expect(imageUrl(t, 'thumb')).toBe(`/api/v1/public/images/${t}?size=thumb`);
  });
});
