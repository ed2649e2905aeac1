/**
 * 支部相册 (issue 13, "Org page": photo albums, public or members-only, images resized into
 * thumbnails). The platform's figure: an album holds at most 200 photos, so an album page stays
 * one screenful of thumbnails a cheap phone can load; a bigger event gets a second album.
 */
export const MAX_ALBUM_PHOTOS = 200;

/** Room for one more photo in an album holding `count`. */
export const albumHasRoom = (count: number) => count < MAX_ALBUM_PHOTOS;

/** A caption is plain text, one line, at most 100 characters; empty is none. */
export function cleanCaption(raw: string | undefined): string | null {
  const c = (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
  return c || null;
}
