import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../../platform/context.ts';
import { storeImage } from '../../../platform/files/images.ts';

/**
 * A picture for an org page or album: checked, resized and stripped by the platform
 * (platform/files/images.ts), stored under openness-images/, and given the unguessable token it is
 * served by (images/rules.ts).
 */
export async function processImage(ctx: Ctx, body: Buffer, field = 'image') {
  const img = await storeImage(ctx.config, ctx.now(), 'openness-images', body, field);
  return {
    token: randomBytes(16).toString('hex'),
    fileKey: img.fileKey,
    thumbKey: img.thumbKey,
    width: img.width,
    height: img.height,
  };
}
