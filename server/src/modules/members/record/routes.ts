import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../../../contracts/common.ts';
import {
  CreateMember,
  HistoryList,
  MemberDetail,
  MemberListQuery,
  MemberPage,
  Member,
  RevealedPii,
  UpdateMember,
} from '../../../../../contracts/members/index.ts';
import { createMember } from './create-member.ts';
import { listMembers } from './list-members.ts';
import { getMember, memberHistoryOf, revealPii } from './read-member.ts';
import { updateMember } from './update-member.ts';

import multipart from '@fastify/multipart';
import { AppError, badRequest } from '../../../platform/http/errors.ts';
import { getPhoto, MAX_PHOTO_BYTES, setPhoto } from './photo.ts';
import { memberItemRoutes } from './item-routes.ts';
import { myMember } from './self.ts';
const tags = ['members 党员'];

export async function recordRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'member.view' };
  const manage = { access: 'member.manage' };

  app.get(
    '/members',
    {
      config: view,
      schema: {
        tags,
        summary: '党员列表（筛选、按姓名/身份证号/手机号查找）',
        querystring: MemberListQuery,
        response: { 200: MemberPage },
      },
    },
    (req) => listMembers(req.ctx, req.query),
  );
  app.get(
    '/members/:id',
    { config: view, schema: { tags, params: IdParams, response: { 200: MemberDetail } } },
    (req) => getMember(req.ctx, Number(req.params.id)),
  );
  app.get(
    '/members/:id/history',
    { config: view, schema: { tags, summary: '修改记录', params: IdParams, response: { 200: HistoryList } } },
    async (req) => ({
      items: await memberHistoryOf(req.ctx, Number(req.params.id)),
    }),
  );
  app.post(
    '/members/:id/reveal',
    {
      config: { access: 'member.reveal_pii' },
      schema: {
        tags,
        summary: '查看完整身份证号和手机号（留痕）',
        params: IdParams,
        response: { 200: RevealedPii },
      },
    },
    (req) => revealPii(req.ctx, Number(req.params.id)),
  );
  app.post(
    '/members',
    { config: manage, schema: { tags, body: CreateMember, response: { 201: Member } } },
    async (req, reply) => reply.status(201).send(await createMember(req.ctx, req.body)),
  );
  app.patch(
    '/members/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateMember, response: { 200: Member } } },
    (req) => updateMember(req.ctx, Number(req.params.id), req.body),
  );

  app.get(
    '/me/member',
    {
      config: { access: 'member.self' },
      schema: { tags, summary: '我的党员信息', response: { 200: Member } },
    },
    (req) => myMember(req.ctx),
  );
  await app.register(photoRoutes);
  await app.register(memberItemRoutes);
}

/** Photos: multipart only in this scope. */
async function photoRoutes(base: FastifyInstance) {
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
