import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { questionImages } from '../schema.ts';
import { checked } from './store.ts';

/** Where the stem's <img src> points: the picture is served to whoever sees the bank. */
export const imageUrl = (id: number) => `/api/v1/question-images/${id}`;

/**
 * 上传题目图片 for an org's bank: checked by its bytes and re-encoded without its metadata
 * (platform/files/images.ts); the answer's URL goes into an html stem.
 */
export async function uploadQuestionImage(ctx: Ctx, orgId: number, upload: { body: Buffer }) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'no such org' });
  authorize(actorOf(ctx), 'question.manage', org.path);
  const img = await storeImage(ctx.config, ctx.now(), 'question-images', upload.body, 'file');
  return inTransaction(ctx.db, async (tx) => {
    const [p] = await tx
      .insert(questionImages)
      .values({
        orgId: org.id,
        orgPath: org.path,
        ...img,
        uploadedBy: actorOf(ctx).userId,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'question.image_uploaded',
      targetType: 'question_image',
      targetId: p.id,
      orgId: org.id,
      orgPath: org.path,
      after: { size: p.size, width: p.width, height: p.height },
    });
    return { id: String(p.id), url: imageUrl(p.id), width: p.width, height: p.height };
  });
}

export async function readQuestionImage(
  ctx: Ctx,
  id: number,
  size: 'thumb' | 'full' = 'full',
): Promise<Readable> {
  const [p] = await ctx.db.select().from(questionImages).where(eq(questionImages.id, id));
  if (!p) throw notFound({ zh: '图片', en: 'Image' });
  checked(ctx, p, 'question.view');
  return fileStore(ctx.config).get(size === 'thumb' ? p.thumbKey : p.fileKey);
}
