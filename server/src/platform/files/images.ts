import sharp, { type Metadata } from 'sharp';
import type { Config } from '../../config.ts';
import { AppError } from '../http/errors.ts';
import { imageFormatOf } from './formats.ts';
import { fileStore, newFileKey } from './index.ts';

/**
 * Pictures uploaded to the platform (org pages, activity photos): the figures are the platform's
 * choices, said once here (issue 13, "Bad input": a 50 MB image and an executable renamed .jpg are
 * refused with a clear message).
 */

/**
 * At most 10 MB a picture: a phone's photo is 2–8 MB; anything larger is refused from its
 * Content-Length before it is read, or as soon as the upload passes the limit (upload.ts).
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * At most 40 million pixels: a small file can still unpack into a huge bitmap (a "decompression
 * bomb"); the image library refuses to decode past this.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The display size fits in 1600 px and the thumbnail in 480 px: a cheap phone loads lists of thumbnails. */
export const DISPLAY_MAX_PX = 1600;
export const THUMB_MAX_PX = 480;

export const notAnImage = (field: string) =>
  new AppError(
    400,
    'invalid_image',
    {
      zh: `${field}：文件不是图片（只接受 JPG、PNG、GIF、WebP 格式的照片）`,
      en: `${field}: not a picture (JPG, PNG, GIF or WebP only)`,
    },
    [
      {
        path: field,
        message: '文件不是图片（只接受 JPG、PNG、GIF、WebP 格式的照片）',
        messageEn: 'not a picture (JPG, PNG, GIF or WebP only)',
      },
    ],
  );

export type PreparedImage = { display: Buffer; thumb: Buffer; width: number; height: number };

/**
 * Checks a picture from its bytes (signature, then the decoder must agree), then makes two JPEGs
 * of it: the display size and the thumbnail, turned upright from the camera's orientation and
 * without the original's metadata (a phone photo's EXIF carries where and when it was taken).
 */
export async function prepareImage(body: Buffer, field = 'image'): Promise<PreparedImage> {
  const claimed = imageFormatOf(body);
  if (!claimed) throw notAnImage(field);
  let meta: Metadata;
  try {
    meta = await sharp(body, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch {
    throw notAnImage(field);
  }
  if (meta.format !== claimed || !meta.width || !meta.height) throw notAnImage(field);
  if (meta.width * meta.height > MAX_IMAGE_PIXELS)
    throw new AppError(400, 'image_too_large', {
      zh: `${field}：图片像素过多（${meta.width}×${meta.height}），请缩小后再上传`,
      en: `${field}: too many pixels (${meta.width}×${meta.height}); make it smaller first`,
    });
  const encode = async (max: number) => {
    try {
      return await sharp(body, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
        .rotate()
        .resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw notAnImage(field);
    }
  };
  const display = await encode(DISPLAY_MAX_PX);
  const thumb = await encode(THUMB_MAX_PX);
  return { display: display.data, thumb: thumb.data, width: display.info.width, height: display.info.height };
}

export type StoredImage = { fileKey: string; thumbKey: string; width: number; height: number; size: number };

/**
 * prepareImage, then both files stored under `prefix`. Written before the caller's transaction: a
 * failed transaction leaves two unreferenced files, never a row without its file.
 */
export async function storeImage(
  config: Pick<Config, 'dataDir'>,
  now: Date,
  prefix: string,
  body: Buffer,
  field = 'image',
): Promise<StoredImage> {
  const img = await prepareImage(body, field);
  const store = fileStore(config);
  const fileKey = newFileKey(prefix, 'jpg', now);
  const thumbKey = fileKey.replace(/\.jpg$/, '.thumb.jpg');
  await store.put(fileKey, img.display);
  await store.put(thumbKey, img.thumb);
  return { fileKey, thumbKey, width: img.width, height: img.height, size: img.display.length };
}
