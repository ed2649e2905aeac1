import { describe, expect, it } from 'vitest';
import { albumHasRoom, cleanCaption, MAX_ALBUM_PHOTOS } from './rules.ts';

describe('an album (支部相册)', () => {
  it('holds at most 200 photos: the 200th fits, the 201st does not', () => {
    expect(MAX_ALBUM_PHOTOS).toBe(200);
    expect(albumHasRoom(199)).toBe(true);
    expect(albumHasRoom(200)).toBe(false);
  });

  it('keeps a photo’s caption as one line of plain text, empty as none', () => {
    expect(cleanCaption('  主题党日\n合影 ')).toBe('主题党日 合影');
    expect(cleanCaption('   ')).toBeNull();
    expect(cleanCaption(undefined)).toBeNull();
    expect(cleanCaption('字'.repeat(150))).toHaveLength(100);
  });
});
