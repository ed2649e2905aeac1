import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../../contracts/common.ts';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import { getPhoto, MAX_PHOTO_BYTES, setPhoto } from './photos.ts';

const tags = ['members 党员'];

export async function photoRoutes(base: FastifyInstance) {
  // multipart only in this scope, as for imports
  await base.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 0, parts: 1 } });
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/members/:id/photo',
    { config: { access: 'member.view' }, schema: { tags, summary: '党员照片', params: IdParams } },
    async (req, reply) => {
      const photo = await getPhoto(req.ctx, Number(req.params.id));
      return reply.type(photo.type).header('cache-control', 'private, max-age=300').send(photo.body);
    },
  );

  app.post(
    '/members/:id/photo',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '上传党员照片（multipart：photo，JPG/PNG ≤ 2 MB）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: Ok },
      },
    },
    async (req) => {
      if (!req.isMultipart()) {
        throw badRequest('not_multipart', {
          zh: '请以 multipart/form-data 表单上传照片（字段 photo）',
          en: 'Send the photo as multipart/form-data (field photo)',
        });
      }
      const file = await req.file();
      if (!file)
        throw badRequest('no_file', { zh: 'photo：没有收到照片文件', en: 'photo: no file received' });
      const body = await file.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError(413, 'photo_too_large', {
            zh: 'photo：照片不能超过 2 MB',
            en: 'photo: at most 2 MB',
          });
        }
        throw err;
      });
      await setPhoto(req.ctx, Number(req.params.id), body);
      return { ok: true as const };
    },
  );
}
