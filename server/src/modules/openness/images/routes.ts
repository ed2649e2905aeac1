import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../../../../contracts/common.ts';
import { Picture } from '../../../../../contracts/openness/posts.ts';
import { MAX_IMAGE_BYTES } from '../../../platform/files/images.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { publicRateLimit } from '../../../platform/http/cacheable.ts';
import { IMAGE_MAX_AGE_SECONDS } from '../page/rules.ts';
import { getImage, uploadImage } from './images.ts';

const tags = ['openness 组织主页'];

export async function imageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/public/images/:token',
    {
      config: { access: 'public', rateLimit: publicRateLimit() },
      schema: {
        tags,
        summary: '组织主页的图片（无需登录；size=thumb 为缩略图）',
        params: z.strictObject({ token: z.string().max(64) }),
        querystring: z.strictObject({ size: z.enum(['display', 'thumb']).default('display') }),
      },
    },
    async (req, reply) =>
      reply
        .type('image/jpeg')
        // a token's picture never changes
        .header('cache-control', `public, max-age=${IMAGE_MAX_AGE_SECONDS}, immutable`)
        .send(await getImage(req.ctx, req.params.token, req.query.size)),
  );
  await app.register(imageUpload);
}

async function imageUpload(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2, parts: 3 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/openness/images',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary:
          '上传图片（封面、正文插图；multipart：image；JPG/PNG/GIF/WebP ≤ 10 MB；生成缩略图，去除拍摄信息）',
        querystring: z.strictObject({ orgId: Id }),
        consumes: ['multipart/form-data'],
        response: { 201: Picture },
      },
    },
    async (req, reply) => {
      const { body } = await readUpload(req, 'image', MAX_IMAGE_BYTES);
      return reply.status(201).send(await uploadImage(req.ctx, Number(req.query.orgId), body));
    },
  );
}
