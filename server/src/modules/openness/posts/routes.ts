import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, Ok } from '../../../../../contracts/common.ts';
import {
  Attachment,
  EditPost,
  MonthQuery,
  Post,
  PostListQuery,
  PostPage,
  WithdrawPost,
  WritePost,
} from '../../../../../contracts/openness/posts.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { publicRateLimit, sendCacheable } from '../../../platform/http/cacheable.ts';
import { PUBLIC_MAX_AGE_SECONDS } from '../page/rules.ts';
import { addAttachment, getAttachment, removeAttachment } from './attachments.ts';
import { listPosts } from './list-posts.ts';
import { monthlyCountsReport } from './monthly-counts.ts';
import { publishPost } from './publish-post.ts';
import { readPost, readPublicPost } from './read-post.ts';
import { MAX_ATTACHMENT_BYTES } from './rules.ts';
import { withdrawPost } from './withdraw-post.ts';
import { createPost, editPost } from './write-post.ts';

const tags = ['openness 工作动态、组织公告、党务公开'];
const AttachmentParams = z.strictObject({ id: Id, attachmentId: Id });
const MonthlyCounts = z.object({
  month: z.string(),
  items: z.array(
    z.object({
      orgId: Id,
      orgName: z.string(),
      update: z.number().int(),
      announcement: z.number().int(),
      publicity: z.number().int(),
    }),
  ),
});

/** A file downloaded under the name it was uploaded with (RFC 6266, UTF-8 for Chinese names). */
function sendFile(reply: FastifyReply, f: Awaited<ReturnType<typeof getAttachment>>, cache: string) {
  return reply
    .type(f.contentType)
    .header('content-disposition', contentDisposition(f.name))
    .header('cache-control', cache)
    .send(f.body);
}

export async function postRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // ── anyone, without login ──
  app.get(
    '/public/posts/:id',
    {
      config: { access: 'public', rateLimit: publicRateLimit() },
      schema: {
        tags,
        summary: '一篇公开内容（无需登录；未发布、已撤回、仅党员可见的为 404）',
        params: IdParams,
        response: { 200: Post },
      },
    },
    async (req, reply) =>
      sendCacheable(req, reply, await readPublicPost(req.ctx, Number(req.params.id)), PUBLIC_MAX_AGE_SECONDS),
  );
  app.get(
    '/public/posts/:id/attachments/:attachmentId',
    {
      config: { access: 'public', rateLimit: publicRateLimit() },
      schema: { tags, summary: '公开内容的附件（无需登录）', params: AttachmentParams },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await getAttachment(req.ctx, Number(req.params.id), Number(req.params.attachmentId), true),
        `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`,
      ),
  );

  // ── the org's admins ──
  app.get(
    '/posts',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '本组织及下级的内容（草稿、已发布、已撤回）',
        querystring: PostListQuery,
        response: { 200: PostPage },
      },
    },
    (req) => listPosts(req.ctx, req.query),
  );
  app.post(
    '/posts',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '写一篇（publish=true 立即发布；组织公告发布时通知本组织及下级党员）',
        body: WritePost,
        response: { 201: Post },
      },
    },
    async (req, reply) => reply.status(201).send(await createPost(req.ctx, req.body)),
  );
  app.get(
    '/posts/monthly-counts',
    {
      config: { access: 'openness.view' },
      schema: {
        tags,
        summary: '某月各组织发布的工作动态、组织公告、党务公开数（来自发布记录；考核读取）',
        querystring: MonthQuery,
        response: { 200: MonthlyCounts },
      },
    },
    (req) => monthlyCountsReport(req.ctx, req.query),
  );
  app.get(
    '/posts/:id',
    {
      config: { access: 'openness.read' },
      schema: {
        tags,
        summary: '一篇内容（本组织党员可读仅党员可见的；管理员可读草稿和已撤回的）',
        params: IdParams,
        response: { 200: Post },
      },
    },
    (req) => readPost(req.ctx, Number(req.params.id)),
  );
  app.patch(
    '/posts/:id',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '修改（已撤回的不能修改）',
        params: IdParams,
        body: EditPost,
        response: { 200: Post },
      },
    },
    (req) => editPost(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/posts/:id/publish',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '发布草稿（组织公告发布时通知党员）',
        params: IdParams,
        response: { 200: Post },
      },
    },
    (req) => publishPost(req.ctx, Number(req.params.id)),
  );
  app.post(
    '/posts/:id/withdraw',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '撤回已发布的内容（须说明原因）',
        params: IdParams,
        body: WithdrawPost,
        response: { 200: Post },
      },
    },
    (req) => withdrawPost(req.ctx, Number(req.params.id), req.body),
  );
  app.get(
    '/posts/:id/attachments/:attachmentId',
    {
      config: { access: 'openness.read' },
      schema: { tags, summary: '附件（仅党员可见内容的附件、草稿的附件）', params: AttachmentParams },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await getAttachment(req.ctx, Number(req.params.id), Number(req.params.attachmentId), false),
        'private, max-age=300',
      ),
  );
  app.delete(
    '/posts/:id/attachments/:attachmentId',
    {
      config: { access: 'openness.manage' },
      schema: { tags, summary: '删除附件', params: AttachmentParams, response: { 200: Ok } },
    },
    (req) => removeAttachment(req.ctx, Number(req.params.id), Number(req.params.attachmentId)),
  );
  await app.register(attachmentUpload);
}

/** The upload, multipart only in this scope. */
async function attachmentUpload(base: FastifyInstance) {
  await base.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2, parts: 3 },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/posts/:id/attachments',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary:
          '上传附件（multipart：file；PDF、Word、Excel、PowerPoint、JPG、PNG，≤ 20 MB，每篇至多 5 个）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, 'file', MAX_ATTACHMENT_BYTES);
      return reply.status(201).send(await addAttachment(req.ctx, Number(req.params.id), file));
    },
  );
}
