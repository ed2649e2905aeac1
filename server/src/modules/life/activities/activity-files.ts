import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Activity } from '../../../../../contracts/life/activities.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { type DocumentFormat, documentFormatOf } from '../../../platform/files/formats.ts';
import { MAX_IMAGE_BYTES, storeImage } from '../../../platform/files/images.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { AppError, conflict, notFound } from '../../../platform/http/errors.ts';
import { activityFiles } from '../schema.ts';
import { activityView } from './read-activity.ts';
import { activityFor } from './store.ts';

export const MAX_PHOTO_BYTES = MAX_IMAGE_BYTES;
/** An attachment (a speech, a resolution, a sign-in sheet scanned) up to 20 MB. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const FILE = { zh: '活动文件', en: 'Activity file' };

/** What is stored and served for each format: the extension (when the name does not say) and the type. */
const FORMATS: Record<DocumentFormat, { ext: string[]; type: Record<string, string> }> = {
  jpeg: { ext: ['jpg', 'jpeg'], type: { jpg: 'image/jpeg', jpeg: 'image/jpeg' } },
  png: { ext: ['png'], type: { png: 'image/png' } },
  gif: { ext: ['gif'], type: { gif: 'image/gif' } },
  webp: { ext: ['webp'], type: { webp: 'image/webp' } },
  pdf: { ext: ['pdf'], type: { pdf: 'application/pdf' } },
  ooxml: {
    ext: ['docx', 'xlsx', 'pptx'],
    type: {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    },
  },
  ole: {
    ext: ['doc', 'xls', 'ppt', 'wps', 'et'],
    type: {
      doc: 'application/msword',
      xls: 'application/vnd.ms-excel',
      ppt: 'application/vnd.ms-powerpoint',
      wps: 'application/vnd.ms-works',
      et: 'application/vnd.ms-excel',
    },
  },
};

/** A file name as kept: no folders, no control characters, at most 100 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || '未命名文件').slice(-100);
}

const notADocument = () =>
  new AppError(
    400,
    'invalid_file',
    {
      zh: 'file：只接受 PDF、Word、Excel、PowerPoint、WPS 文档和图片（按文件内容判断，不看扩展名）',
      en: 'file: PDF, Word, Excel, PowerPoint, WPS documents and pictures only (judged by content, not by name)',
    },
    [
      {
        path: 'file',
        message: '只接受 PDF、Word、Excel、PowerPoint、WPS 文档和图片',
        messageEn: 'not an accepted document',
      },
    ],
  );

/**
 * A photo or an attachment of an activity's minutes. A photo is checked from its bytes and
 * re-encoded without its metadata (platform/files/images.ts); an attachment must be a document or
 * a picture by its bytes (an executable renamed .jpg or .docx is refused). The files are written
 * first, the row in the transaction.
 */
export async function addActivityFile(
  ctx: Ctx,
  id: number,
  kind: 'photo' | 'attachment',
  upload: { body: Buffer; filename: string },
): Promise<Activity> {
  const a = await activityFor(ctx, ctx.db, id, 'activity.manage');
  if (a.status === 'cancelled')
    throw conflict('activity_cancelled', {
      zh: '该活动已取消，不能上传照片或附件',
      en: 'This activity was cancelled',
    });
  const name = cleanName(upload.filename);
  let stored: {
    fileKey: string;
    thumbKey: string | null;
    contentType: string;
    size: number;
    width: number | null;
    height: number | null;
  };
  if (kind === 'photo') {
    const img = await storeImage(ctx.config, ctx.now(), 'activity-photos', upload.body, 'file');
    stored = { ...img, contentType: 'image/jpeg' };
  } else {
    const format = documentFormatOf(upload.body);
    if (!format) throw notADocument();
    const f = FORMATS[format];
    const given = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    const ext = f.ext.includes(given) ? given : f.ext[0];
    const key = newFileKey('activity-files', ext, ctx.now());
    await fileStore(ctx.config).put(key, upload.body);
    stored = {
      fileKey: key,
      thumbKey: null,
      contentType: f.type[ext],
      size: upload.body.length,
      width: null,
      height: null,
    };
  }
  return inTransaction(ctx.db, async (tx) => {
    const locked = await activityFor(ctx, tx, id, 'activity.manage', true);
    const [f] = await tx
      .insert(activityFiles)
      .values({
        activityId: id,
        kind,
        name,
        ...stored,
        uploadedBy: actorOf(ctx).userId,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: kind === 'photo' ? 'activity.photo_added' : 'activity.attachment_added',
      targetType: 'activity',
      targetId: id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      after: { fileId: f.id, name, size: f.size },
    });
    return activityView(ctx, tx, locked);
  });
}

export async function removeActivityFile(ctx: Ctx, id: number, fileId: number): Promise<Activity> {
  const removed = await inTransaction(ctx.db, async (tx) => {
    const a = await activityFor(ctx, tx, id, 'activity.manage', true);
    const [f] = await tx
      .delete(activityFiles)
      .where(and(eq(activityFiles.id, fileId), eq(activityFiles.activityId, id)))
      .returning();
    if (!f) throw notFound(FILE);
    await recordAudit(tx, ctx, {
      action: 'activity.file_removed',
      targetType: 'activity',
      targetId: id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      before: { fileId: f.id, kind: f.kind, name: f.name },
    });
    return { f, view: await activityView(ctx, tx, a) };
  });
  // the files go once the row is gone for good
  const store = fileStore(ctx.config);
  await store.remove(removed.f.fileKey);
  if (removed.f.thumbKey) await store.remove(removed.f.thumbKey);
  return removed.view;
}

/** A photo (or its thumbnail) or an attachment, for those who may see the activity. */
export async function readActivityFile(
  ctx: Ctx,
  id: number,
  fileId: number,
  size: 'thumb' | 'full' = 'full',
): Promise<{ body: Readable; type: string; name: string; inline: boolean }> {
  await activityFor(ctx, ctx.db, id, 'activity.view');
  const [f] = await ctx.db
    .select()
    .from(activityFiles)
    .where(and(eq(activityFiles.id, fileId), eq(activityFiles.activityId, id)));
  if (!f) throw notFound(FILE);
  const key = size === 'thumb' && f.thumbKey ? f.thumbKey : f.fileKey;
  return {
    body: await fileStore(ctx.config).get(key),
    type: f.contentType,
    name: f.name,
    inline: f.kind === 'photo',
  };
}
