import { describe, expect, it } from 'vitest';
import { IMAGE_TOKEN, imageUrl } from './rules.ts';

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
