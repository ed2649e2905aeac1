import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DISPLAY_MAX_PX, prepareImage, THUMB_MAX_PX } from './images.ts';

/** A photo as a phone sends it: large, with EXIF (where and when it was taken), lying on its side. */
const phonePhoto = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c00' } })
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'Phone', Model: 'Cheap' } } })
    .jpeg()
    .toBuffer();

describe('every uploaded picture: checked, resized, turned upright, stripped (platform/files/images.ts)', () => {
  it('a 3000×2000 photo taken sideways becomes an upright 1600 px display JPEG and a 480 px thumbnail, without EXIF', async () => {
    const img = await prepareImage(await phonePhoto());
    expect([img.width, img.height]).toEqual([1067, DISPLAY_MAX_PX]);
    const display = await sharp(img.display).metadata();
    const thumb = await sharp(img.thumb).metadata();
    expect(display).toMatchObject({ format: 'jpeg', width: 1067, height: DISPLAY_MAX_PX });
    expect(Math.max(thumb.width!, thumb.height!)).toBe(THUMB_MAX_PX);
    expect(display.exif).toBeUndefined();
    expect(thumb.exif).toBeUndefined();
  });

  it('a small picture is not enlarged', async () => {
    const small = await sharp({ create: { width: 200, height: 100, channels: 4, background: '#0c0' } })
      .png()
      .toBuffer();
    expect(await prepareImage(small)).toMatchObject({ width: 200, height: 100 });
  });

  it('an executable renamed .jpg and a JPEG signature on garbage are refused, naming the field', async () => {
    await expect(
      prepareImage(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'photo'),
    ).rejects.toMatchObject({
      status: 400,
      code: 'invalid_image',
      details: [{ path: 'photo' }],
    });
    const fake = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(64, 1)]);
    await expect(prepareImage(fake)).rejects.toMatchObject({ status: 400, code: 'invalid_image' });
  });
});
