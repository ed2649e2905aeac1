import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  CorrectionListQuery,
  CorrectionViewList,
  CorrectionView,
  CreateCorrection,
  RejectCorrection,
} from '../../../../../contracts/members/index.ts';
import { approveCorrection, rejectCorrection } from './decide-correction.ts';
import { listCorrections } from './list-corrections.ts';
import { myCorrections, requestCorrection } from './request-correction.ts';

export async function correctionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['members 党员'];
  const self = { access: 'member.self' };
  const manage = { access: 'member.manage' };

  app.post(
    '/me/corrections',
    {
      config: self,
      schema: {
        tags,
        summary: '申请更正本人信息',
        body: CreateCorrection,
        response: { 201: CorrectionView },
      },
    },
    async (req, reply) => reply.status(201).send(await requestCorrection(req.ctx, req.body)),
  );
  app.get(
    '/me/corrections',
    { config: self, schema: { tags, summary: '我的更正申请', response: { 200: CorrectionViewList } } },
    (req) => myCorrections(req.ctx),
  );
  app.get(
    '/corrections',
    {
      config: manage,
      schema: {
        tags,
        summary: '党员信息更正申请（待审核、已通过、已退回）',
        querystring: CorrectionListQuery,
        response: { 200: CorrectionViewList },
      },
    },
    (req) => listCorrections(req.ctx, req.query),
  );
  app.post(
    '/corrections/:id/approve',
    {
      config: manage,
      schema: {
        tags,
        summary: '通过更正申请并修改党员信息',
        params: IdParams,
        response: { 200: CorrectionView },
      },
    },
    (req) => approveCorrection(req.ctx, Number(req.params.id)),
  );
  app.post(
    '/corrections/:id/reject',
    {
      config: manage,
      schema: {
        tags,
        summary: '退回更正申请',
        params: IdParams,
        body: RejectCorrection,
        response: { 200: CorrectionView },
      },
    },
    (req) => rejectCorrection(req.ctx, Number(req.params.id), req.body.reason),
  );
}
