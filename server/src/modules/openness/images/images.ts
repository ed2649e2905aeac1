import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Picture } from '../../../../../contracts/openness/posts.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { albumPhotos, opennessImages } from '../schema.ts';
import { presentPicture } from './present.ts';
import { processImage } from './process-image.ts';
import { IMAGE_TOKEN } from './rules.ts';

const ORG = { zh: '党组织', en: 'Organization' };
const IMAGE = { zh: '图片', en: 'Picture' };

/** 上传图片 for an org's items (a cover, a picture in the text): checked, resized, stripped, stored. */
export async function uploadImage(ctx: Ctx, orgId: number, body: Buffer): Promise<Picture> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound(ORG);
  authorize(actor, 'openness.manage', org.path);
  const img = await processImage(ctx, body, 'image');
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(opennessImages)
      .values({ orgId: org.id, ...img, uploadedBy: actor.userId, createdAt: ctx.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'openness.image_uploaded',
      targetType: 'image',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: { width: row.width, height: row.height },
    });
    return presentPicture(row);
  });
}

/**
 * A picture by its token, display size or thumbnail. Served without login: the token is 128
 * random bits, so a picture is reached only from a page that shows it (docs/DECISIONS.md).
 */
export async function getImage(ctx: Ctx, token: string, size: 'display' | 'thumb'): Promise<Readable> {
  if (!IMAGE_TOKEN.test(token)) throw notFound(IMAGE);
  const [img] = await ctx.db
    .select({ fileKey: opennessImages.fileKey, thumbKey: opennessImages.thumbKey })
    .from(opennessImages)
    .where(eq(opennessImages.token, token));
  const found =
    img ??
    (
      await ctx.db
        .select({ fileKey: albumPhotos.fileKey, thumbKey: albumPhotos.thumbKey })
        .from(albumPhotos)
        .where(eq(albumPhotos.token, token))
    )[0];
  if (!found) throw notFound(IMAGE);
  return fileStore(ctx.config).get(size === 'thumb' ? found.thumbKey : found.fileKey);
}
