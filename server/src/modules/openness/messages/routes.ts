import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  CloseMessage,
  LeaveMessage,
  LeavePublicMessage,
  MessageCountsQuery,
  MessageCountsReport,
  MessageListQuery,
  MessagePage,
  MessageThread,
  MineQuery,
  OrgIdParams,
  OverdueQuery,
  PublicChallenge,
  PublicMessageForm,
  PublicMessageReceipt,
  WriteReply,
} from '../../../../../contracts/openness/messages.ts';
import { pageOf } from '../../../../../contracts/common.ts';
import { waitText } from '../../../platform/auth/login-guard.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { closeMessage, followUpMessage, replyToMessage } from './answer-message.ts';
import {
  leaveMemberMessage,
  leavePublicMessage,
  publicChallenge,
  publicMessageForm,
} from './leave-message.ts';
import { listInbox, myMessages, readMessage } from './list-messages.ts';
import { countsReport, overdueMessages } from './oversight.ts';

export async function messageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['openness 留言'];
  const answer = { access: 'message.answer' };
  const oversee = { access: 'message.oversee' };
  const signedIn = { access: 'authenticated' };

  // ── the public (no login) ──
  app.get(
    '/public/challenge',
    {
      config: { access: 'public' },
      schema: { tags, summary: '留言验证题（10分钟内有效，只能用一次）', response: { 200: PublicChallenge } },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(publicChallenge(req.ctx)),
  );
  app.get(
    '/public/orgs/:orgId/message-form',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '留言表单：收信的党组织和答复期限',
        params: OrgIdParams,
        response: { 200: PublicMessageForm },
      },
    },
    (req) => publicMessageForm(req.ctx, Number(req.params.orgId)),
  );
  app.post(
    '/public/orgs/:orgId/messages',
    {
      config: {
        access: 'public',
        // a flood from one address is refused before anything is read (the count includes failures)
        rateLimit: {
          max: (req: FastifyRequest) => req.ctx.config.messageRateLimitPerHour,
          timeWindow: '1 hour',
          errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) => {
            const wait = waitText(ctx.ttl);
            return new AppError(429, 'rate_limited', {
              zh: `同一网络提交留言过于频繁，请 ${wait.zh}后再试`,
              en: `Too many messages from this network; retry in ${wait.en}`,
            });
          },
        },
      },
      schema: {
        tags,
        summary: '群众留言（姓名、手机号、验证题）',
        params: OrgIdParams,
        body: LeavePublicMessage,
        response: { 201: PublicMessageReceipt },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await leavePublicMessage(req.ctx, Number(req.params.orgId), req.body)),
  );

  // ── members, signed in ──
  app.post(
    '/orgs/:orgId/messages',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '党员留言',
        params: OrgIdParams,
        body: LeaveMessage,
        response: { 201: MessageThread },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await leaveMemberMessage(req.ctx, Number(req.params.orgId), req.body)),
  );
  app.get(
    '/messages/mine',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '我的留言及答复',
        querystring: MineQuery,
        response: { 200: pageOf(MessageThread) },
      },
    },
    (req) => myMessages(req.ctx, req.query),
  );
  app.post(
    '/messages/mine/:id/follow-ups',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '追问我的留言',
        params: IdParams,
        body: WriteReply,
        response: { 200: MessageThread },
      },
    },
    (req) => followUpMessage(req.ctx, Number(req.params.id), req.body.body),
  );

  // ── the org ──
  app.get(
    '/messages',
    {
      config: answer,
      schema: {
        tags,
        summary: '留言箱（待答复、未答复、已逾期、已答复、已办结）',
        querystring: MessageListQuery,
        response: { 200: MessagePage },
      },
    },
    (req) => listInbox(req.ctx, req.query),
  );
  app.get(
    '/messages/overdue',
    {
      config: oversee,
      schema: {
        tags,
        summary: '逾期未答复的留言（下级党组织）',
        querystring: OverdueQuery,
        response: { 200: MessagePage },
      },
    },
    (req) => overdueMessages(req.ctx, req.query),
  );
  app.get(
    '/messages/counts',
    {
      config: oversee,
      schema: {
        tags,
        summary: '每月留言统计：收到、已答复、按时答复（按下级党组织）',
        querystring: MessageCountsQuery,
        response: { 200: MessageCountsReport },
      },
    },
    (req) => countsReport(req.ctx, req.query),
  );
  app.get(
    '/messages/:id',
    {
      config: answer,
      schema: { tags, summary: '留言及答复记录', params: IdParams, response: { 200: MessageThread } },
    },
    (req) => readMessage(req.ctx, Number(req.params.id)),
  );
  app.post(
    '/messages/:id/replies',
    {
      config: answer,
      schema: {
        tags,
        summary: '答复留言',
        params: IdParams,
        body: WriteReply,
        response: { 200: MessageThread },
      },
    },
    (req) => replyToMessage(req.ctx, Number(req.params.id), req.body.body),
  );
  app.post(
    '/messages/:id/close',
    {
      config: answer,
      schema: {
        tags,
        summary: '办结留言',
        params: IdParams,
        body: CloseMessage,
        response: { 200: MessageThread },
      },
    },
    (req) => closeMessage(req.ctx, Number(req.params.id), req.body.reason),
  );
}
