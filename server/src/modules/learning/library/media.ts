import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { sendFile } from '../../../platform/files/send.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { visibleCourseFor } from './browse-courses.ts';
import { type CourseRow, courseFor, fileOf } from './store.ts';

async function send(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, c: CourseRow) {
  const f = await fileOf(ctx.db, c.fileId);
  if (!f) throw notFound({ zh: '课件文件', en: 'Course file' });
  return sendFile(req, reply, {
    store: fileStore(ctx.config),
    key: f.fileKey,
    contentType: f.contentType,
    name: f.name,
    // played or shown in the page (a PDF in the browser's viewer), never a download by default
    disposition: 'inline',
    cacheControl: 'private, max-age=3600',
  });
}

/** A course's video, audio or PDF for the member studying it, with range requests (seeking). */
export async function sendLearnerMedia(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number) {
  return send(ctx, req, reply, await visibleCourseFor(ctx, id));
}

/** The same for the publisher's admins (a draft's preview). */
export async function sendCourseMedia(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number) {
  return send(ctx, req, reply, await courseFor(ctx, ctx.db, id));
}
