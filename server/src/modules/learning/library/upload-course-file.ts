import { eq } from 'drizzle-orm';
import type { Course } from '../../../../../contracts/learning/library.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { mediaDurationSeconds } from '../../../platform/files/duration.ts';
import { MEDIA_SNIFF_BYTES, type MediaFormat, mediaFormatOf } from '../../../platform/files/formats.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import type { Received, receiveUpload } from '../../../platform/files/upload.ts';
import { AppError, conflict } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { courseFiles, courses } from '../schema.ts';
import { readCourse } from './read-course.ts';
import { ACCEPTED_TEXT, CONTENT_TYPE, cleanName, FORMATS_OF, plausibleDuration } from './rules.ts';
import { uploadLimits } from './settings.ts';
import { courseFor } from './store.ts';

const MB = 1024 * 1024;

/** The upload's options that depend on the course (receiveUpload's, less the request's own). */
export type Receive = (opts: Omit<Parameters<typeof receiveUpload>[1], 'field'>) => Promise<Received>;

/** The largest file a course of `kind` takes, in bytes (the department's setting). */
export async function maxBytesFor(ctx: Ctx, kind: string): Promise<number> {
  const limits = await getSetting(ctx.db, uploadLimits);
  const mb = kind === 'video' ? limits.videoMb : kind === 'audio' ? limits.audioMb : limits.documentMb;
  return mb * MB;
}

const wrongType = (kind: keyof typeof ACCEPTED_TEXT) =>
  new AppError(
    415,
    'unsupported_file',
    {
      zh: `file：${ACCEPTED_TEXT[kind].zh}（按文件内容判断，不看扩展名）`,
      en: `file: ${ACCEPTED_TEXT[kind].en} (judged by the content, not the name)`,
    },
    [{ path: 'file', message: ACCEPTED_TEXT[kind].zh, messageEn: ACCEPTED_TEXT[kind].en }],
  );

/**
 * 上传课件文件: a draft video, audio or document gets its file, streamed to the store and told by
 * its bytes (a renamed executable, or a PDF sent as a video, is refused before anything is kept).
 * How long it plays is read from the file; a figure typed before is kept only when the file does
 * not say and the figure fits the file's size. A file it replaces is removed once the row is saved.
 */
export async function uploadCourseFile(ctx: Ctx, id: number, receive: Receive): Promise<Course> {
  const c = await courseFor(ctx, ctx.db, id);
  if (c.kind === 'article') throw wrongType('article');
  if (c.status !== 'draft')
    throw conflict('course_not_draft', {
      zh: '只有草稿可以更换文件：已发布的课件请撤回后重新上传',
      en: 'only a draft takes a new file',
    });
  const kind = c.kind as 'video' | 'audio' | 'document';
  const store = fileStore(ctx.config);
  const got = await receive({
    maxBytes: await maxBytesFor(ctx, kind),
    sniffBytes: MEDIA_SNIFF_BYTES,
    store,
    keyOf: (ext) => newFileKey(`course-${kind}`, ext, ctx.now()),
    judge: (head) => {
      const format = mediaFormatOf(head);
      if (!format || !FORMATS_OF[kind].includes(format)) throw wrongType(kind);
      return { format, contentType: CONTENT_TYPE[format], ext: format };
    },
  });
  const format = got.format as MediaFormat;
  // read from the local file (an object store would hand the first and last megabytes instead)
  const read = format === 'pdf' ? null : await mediaDurationSeconds(store.pathOf(got.key), format);
  let replaced: string | null = null;
  try {
    await inTransaction(ctx.db, async (tx) => {
      const locked = await courseFor(ctx, tx, id, true);
      if (locked.status !== 'draft')
        throw conflict('course_not_draft', { zh: '课件已不是草稿', en: 'the course is no longer a draft' });
      const [f] = await tx
        .insert(courseFiles)
        .values({
          fileKey: got.key,
          name: cleanName(got.filename, got.ext),
          format,
          contentType: got.contentType,
          size: got.size,
          durationSeconds: read,
          uploadedBy: actorOf(ctx).userId,
          createdAt: ctx.now(),
        })
        .returning();
      const typed = locked.durationSeconds;
      const duration =
        format === 'pdf' ? null : (read ?? (typed && plausibleDuration(typed, got.size) ? typed : null));
      await tx
        .update(courses)
        .set({ fileId: f.id, durationSeconds: duration, updatedAt: ctx.now() })
        .where(eq(courses.id, id));
      if (locked.fileId) {
        const [old] = await tx.delete(courseFiles).where(eq(courseFiles.id, locked.fileId)).returning();
        replaced = old?.fileKey ?? null;
      }
      await recordAudit(tx, ctx, {
        action: 'course.file_uploaded',
        targetType: 'course',
        targetId: id,
        orgId: locked.orgId,
        orgPath: locked.orgPath,
        after: {
          name: f.name,
          format,
          size: got.size,
          durationSeconds: duration,
          durationRead: read !== null,
        },
      });
    });
  } catch (err) {
    await store.remove(got.key);
    throw err;
  }
  if (replaced) await store.remove(replaced);
  return readCourse(ctx, id);
}
