import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../../../contracts/common.ts';
import {
  Album,
  AlbumListQuery,
  AlbumPage,
  AlbumPhoto,
  AlbumPhotoParams,
  CreateAlbum,
  EditAlbum,
} from '../../../../../contracts/openness/albums.ts';
import { MAX_IMAGE_BYTES } from '../../../platform/files/images.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { publicRateLimit, sendCacheable } from '../../../platform/http/cacheable.ts';
import { PUBLIC_MAX_AGE_SECONDS } from '../page/rules.ts';
import { addPhoto, createAlbum, editAlbum, listAlbums, readAlbum, removePhoto } from './albums.ts';

const tags = ['openness 支部相册'];

export async function albumRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/public/albums/:id',
    {
      config: { access: 'public', rateLimit: publicRateLimit() },
      schema: { tags, summary: '公开相册（无需登录）', params: IdParams, response: { 200: Album } },
    },
    async (req, reply) =>
      sendCacheable(
        req,
        reply,
        await readAlbum(req.ctx, Number(req.params.id), true),
        PUBLIC_MAX_AGE_SECONDS,
      ),
  );
  app.get(
    '/albums',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '本组织及下级的相册',
        querystring: AlbumListQuery,
        response: { 200: AlbumPage },
      },
    },
    (req) => listAlbums(req.ctx, req.query),
  );
  app.post(
    '/albums',
    {
      config: { access: 'openness.manage' },
      schema: { tags, summary: '新建相册', body: CreateAlbum, response: { 201: Album } },
    },
    async (req, reply) => reply.status(201).send(await createAlbum(req.ctx, req.body)),
  );
  app.get(
    '/albums/:id',
    {
      config: { access: 'openness.read' },
      schema: {
        tags,
        summary: '相册及照片（仅党员可见的相册：本组织党员和上级组织）',
        params: IdParams,
        response: { 200: Album },
      },
    },
    (req) => readAlbum(req.ctx, Number(req.params.id), false),
  );
  app.patch(
    '/albums/:id',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '修改相册名称、说明、公开范围',
        params: IdParams,
        body: EditAlbum,
        response: { 200: Album },
      },
    },
    (req) => editAlbum(req.ctx, Number(req.params.id), req.body),
  );
  app.delete(
    '/albums/:id/photos/:photoId',
    {
      config: { access: 'openness.manage' },
      schema: { tags, summary: '删除照片', params: AlbumPhotoParams, response: { 200: Ok } },
    },
    (req) => removePhoto(req.ctx, Number(req.params.id), Number(req.params.photoId)),
  );
  await app.register(photoUpload);
}

async function photoUpload(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2, parts: 3 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/albums/:id/photos',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary:
          '上传照片（multipart：先 caption 说明，后 photo 文件；JPG/PNG/GIF/WebP ≤ 10 MB；生成缩略图，去除拍摄信息）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: AlbumPhoto },
      },
    },
    async (req, reply) => {
      const { body, fields } = await readUpload(req, 'photo', MAX_IMAGE_BYTES);
      return reply
        .status(201)
        .send(await addPhoto(req.ctx, Number(req.params.id), { body, caption: fields.caption }));
    },
  );
}
