/**
 * Pictures on org pages (post covers, pictures in a post's text, album photos). The checks and
 * sizes of every uploaded picture are the platform's (platform/files/images.ts: by signature and
 * decoder, at most 10 MB and 40 million pixels, a 1600 px display size and a 480 px thumbnail,
 * metadata stripped); here only how org pages address them.
 */

/** Pictures are addressed by an unguessable token (128 random bits, hex), never by a sequential id. */
export const IMAGE_TOKEN = /^[0-9a-f]{32}$/;

/** Where a picture is served: the display size, or its thumbnail. */
export const imageUrl = (token: string, size: 'display' | 'thumb' = 'display') =>
  size === 'thumb' ? `/api/v1/public/images/${token}?size=thumb` : `/api/v1/public/images/${token}`;
