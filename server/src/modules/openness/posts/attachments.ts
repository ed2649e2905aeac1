import type { Readable } from 'node:stream';
import { and, count, eq } from 'drizzle-orm';
import type { Attachment } from '../../../../../contracts/openness/posts.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/http/errors.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { readerOf } from '../page/policy.ts';
import { postAttachments } from '../schema.ts';
import { presentAttachment } from './present.ts';
import { attachmentTypeOf, cleanFileName, MAX_ATTACHMENTS, readableBy, statusOf } from './rules.ts';
import { loadPost, POST } from './store.ts';

const ATTACHMENT = { zh: '附件', en: 'Attachment' };

/** 上传附件: a document or picture kept with an item (not a withdrawn one), told by its bytes. */
export async function addAttachment(
  ctx: Ctx,
  postId: number,
  file: { body: Buffer; filename: string },
): Promise<Attachment> {
  const actor = actorOf(ctx);
  const { p } = await loadPost(ctx.db, postId);
  authorize(actor, 'openness.manage', p.orgPath);
  const type = attachmentTypeOf(file.body, file.filename);
  if (!type)
    throw new AppError(
      400,
      'invalid_attachment',
      {
        zh: 'file：附件只能是 PDF、Word、Excel、PowerPoint 文档或 JPG、PNG 图片（按文件内容判断，不看扩展名）',
        en: 'file: PDF, Word, Excel, PowerPoint, JPG or PNG only (judged by the content, not the name)',
      },
      [
        {
          path: 'file',
          message: '附件只能是 PDF、Word、Excel、PowerPoint 文档或 JPG、PNG 图片',
          messageEn: 'unsupported type',
        },
      ],
    );
  const name = cleanFileName(file.filename);
  const key = newFileKey('openness-attachments', type.ext, ctx.now());
  // the file first, then its row: a failed transaction leaves an unreferenced file, never a row without one
  await fileStore(ctx.config).put(key, file.body);
  return inTransaction(ctx.db, async (tx) => {
    const { p: locked } = await loadPost(tx, postId, { forUpdate: true });
    if (statusOf(locked) === 'withdrawn')
      throw conflict('post_withdrawn', {
        zh: '已撤回的内容不能再添加附件',
        en: 'a withdrawn item takes no attachments',
      });
    const [{ n }] = await tx
      .select({ n: count() })
      .from(postAttachments)
      .where(eq(postAttachments.postId, postId));
    if (n >= MAX_ATTACHMENTS)
      throw conflict('too_many_attachments', {
        zh: `每篇最多 ${MAX_ATTACHMENTS} 个附件`,
        en: `at most ${MAX_ATTACHMENTS} attachments an item`,
      });
    const [row] = await tx
      .insert(postAttachments)
      .values({
        postId,
        fileKey: key,
        name,
        contentType: type.contentType,
        size: file.body.length,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'openness.attachment_added',
      targetType: 'post',
      targetId: postId,
      orgId: locked.orgId,
      orgPath: locked.orgPath,
      after: { attachmentId: row.id, name, size: row.size },
    });
    return presentAttachment(row, locked);
  });
}

export async function removeAttachment(ctx: Ctx, postId: number, attachmentId: number) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const { p } = await loadPost(tx, postId, { forUpdate: true });
    authorize(actor, 'openness.manage', p.orgPath);
    if (statusOf(p) === 'withdrawn')
      throw conflict('post_withdrawn', {
        zh: '已撤回的内容不能修改',
        en: 'a withdrawn item cannot be edited',
      });
    const [gone] = await tx
      .delete(postAttachments)
      .where(and(eq(postAttachments.id, attachmentId), eq(postAttachments.postId, postId)))
      .returning();
    if (!gone) throw notFound(ATTACHMENT);
    await recordAudit(tx, ctx, {
      action: 'openness.attachment_removed',
      targetType: 'post',
      targetId: postId,
      orgId: p.orgId,
      orgPath: p.orgPath,
      before: { attachmentId: gone.id, name: gone.name },
    });
  });
  return { ok: true as const };
}

/**
 * An attachment's file, for whoever may read its item: anyone when `anyone` (the public route; a
 * published public item), otherwise the item's readers as readPost has them.
 */
export async function getAttachment(
  ctx: Ctx,
  postId: number,
  attachmentId: number,
  anyone: boolean,
): Promise<{ name: string; contentType: string; body: Readable }> {
  const { p } = await loadPost(ctx.db, postId);
  const reader = anyone ? 'anyone' : readerOf(ctx.actor, p.orgPath);
  if (!readableBy(p, reader)) {
    if (!anyone && readableBy(p, 'member'))
      throw forbidden({
        zh: '该内容仅对本组织党员公开',
        en: 'This item is for the organization’s members only',
      });
    throw notFound(POST);
  }
  const [a] = await ctx.db
    .select()
    .from(postAttachments)
    .where(and(eq(postAttachments.id, attachmentId), eq(postAttachments.postId, postId)));
  if (!a) throw notFound(ATTACHMENT);
  return { name: a.name, contentType: a.contentType, body: await fileStore(ctx.config).get(a.fileKey) };
}
