import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../contracts/common.ts';
import {
  CreateMember,
  HistoryList,
  MemberDetail,
  MemberListQuery,
  MemberPage,
  Member,
  RevealedPii,
  UpdateMember,
} from '../../../../contracts/members.ts';
import * as svc from './service.ts';

const tags = ['members 党员'];

export async function memberRoutes(base: FastifyInstance) {
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
    (req) => svc.listMembers(req.ctx, req.query),
  );
  app.get(
    '/members/:id',
    { config: view, schema: { tags, params: IdParams, response: { 200: MemberDetail } } },
    (req) => svc.getMember(req.ctx, Number(req.params.id)),
  );
  app.get(
    '/members/:id/history',
    { config: view, schema: { tags, summary: '修改记录', params: IdParams, response: { 200: HistoryList } } },
    async (req) => ({
      items: await svc.memberHistoryOf(req.ctx, Number(req.params.id)),
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
    (req) => svc.revealPii(req.ctx, Number(req.params.id)),
  );
  app.post(
    '/members',
    { config: manage, schema: { tags, body: CreateMember, response: { 201: Member } } },
    async (req, reply) => reply.status(201).send(await svc.createMember(req.ctx, req.body)),
  );
  app.patch(
    '/members/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateMember, response: { 200: Member } } },
    (req) => svc.updateMember(req.ctx, Number(req.params.id), req.body),
  );
}
