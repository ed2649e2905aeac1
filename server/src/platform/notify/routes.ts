import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../contracts/common.ts';
import {
  MyNotice,
  MyNoticePage,
  MyNoticesQuery,
  NoticeReceiptPage,
  NoticeReceiptsQuery,
  RemindResult,
  SendDirectNotice,
  SentNotice,
  SentNoticePage,
  SentNoticesQuery,
  UnreadCount,
} from '../../../../contracts/notify.ts';
import { allNoticeKinds } from './kinds.ts';
import { listReceipts } from './list-receipts.ts';
import { listMyNotices, myUnreadCount, readMyNotice } from './my-notices.ts';
import type { NoticePeople } from './people.ts';
import { remindUnread } from './remind-unread.ts';
import { sendDirectNotice } from './send-direct.ts';
import { listSentNotices, readSentNotice } from './sent-notices.ts';

const NoticeKinds = z.object({ items: z.array(z.object({ kind: z.string(), label: z.string() })) });

export function notifyRoutes(people: NoticePeople) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['notify 通知中心'];
    const own = { access: 'authenticated' };
    const view = { access: 'notice.view' };
    const send = { access: 'notice.send' };

    // ── the recipient's side: any signed-in account, its own notices only ──
    app.get(
      '/notices/mine',
      {
        config: own,
        schema: { tags, summary: '我的通知', querystring: MyNoticesQuery, response: { 200: MyNoticePage } },
      },
      (req) => listMyNotices(req.ctx, req.query),
    );
    app.get(
      '/notices/mine/unread-count',
      { config: own, schema: { tags, summary: '我的未读通知数', response: { 200: UnreadCount } } },
      (req) => myUnreadCount(req.ctx),
    );
    app.post(
      '/notices/:id/read',
      {
        config: own,
        schema: {
          tags,
          summary: '阅读本人的一条通知（标为已读）',
          params: IdParams,
          response: { 200: MyNotice },
        },
      },
      (req) => readMyNotice(req.ctx, Number(req.params.id)),
    );

    // ── the sender's side: notices sent in the caller's scope, receipts, reminders, direct notices ──
    app.get(
      '/notices/kinds',
      { config: view, schema: { tags, summary: '通知类别', response: { 200: NoticeKinds } } },
      (req) => ({
        items: allNoticeKinds().map((k) => ({ kind: k.kind, label: k.label[req.ctx.lang] })),
      }),
    );
    app.get(
      '/notices',
      {
        config: view,
        schema: {
          tags,
          summary: '本级及下级发出的通知（含已读人数）',
          querystring: SentNoticesQuery,
          response: { 200: SentNoticePage },
        },
      },
      (req) => listSentNotices(req.ctx, req.query),
    );
    app.get(
      '/notices/:id',
      {
        config: view,
        schema: { tags, summary: '一条已发通知', params: IdParams, response: { 200: SentNotice } },
      },
      (req) => readSentNotice(req.ctx, Number(req.params.id)),
    );
    app.get(
      '/notices/:id/receipts',
      {
        config: view,
        schema: {
          tags,
          summary: '通知的已读、未读名单',
          params: IdParams,
          querystring: NoticeReceiptsQuery,
          response: { 200: NoticeReceiptPage },
        },
      },
      (req) => listReceipts(req.ctx, people, Number(req.params.id), req.query),
    );
    app.post(
      '/notices/:id/remind',
      {
        config: send,
        schema: {
          tags,
          summary: '提醒未读（每条通知每小时最多一次）',
          params: IdParams,
          response: { 200: RemindResult },
        },
      },
      (req) => remindUnread(req.ctx, Number(req.params.id)),
    );
    app.post(
      '/notices',
      {
        config: send,
        schema: { tags, summary: '发通知（点对点）', body: SendDirectNotice, response: { 201: SentNotice } },
      },
      async (req, reply) => reply.status(201).send(await sendDirectNotice(req.ctx, people, req.body)),
    );
  };
}
