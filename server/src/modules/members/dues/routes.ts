import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ArrearsQuery,
  ArrearsReport,
  DuesStandardTable,
  RecordedPayments,
  RecordPayments,
} from '../../../../../contracts/members/index.ts';
import { arrears } from './arrears.ts';
import { recordPayments } from './record-payments.ts';
import { duesStandardTable } from './rules.ts';

export async function duesRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['dues 党费'];
  const manage = { access: 'dues.manage' };

  app.get(
    '/dues/standard-table',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '党费交纳标准（2008 年规定）', response: { 200: DuesStandardTable } },
    },
    () => duesStandardTable(),
  );
  app.post(
    '/dues/payments',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记党费缴纳（整批成功或整批不登记）',
        body: RecordPayments,
        response: { 201: RecordedPayments },
      },
    },
    async (req, reply) => reply.status(201).send(await recordPayments(req.ctx, req.body)),
  );
  app.get(
    '/dues/arrears',
    {
      config: manage,
      schema: {
        tags,
        summary: '欠缴党费名单（连续 6 个月未交标记）',
        querystring: ArrearsQuery,
        response: { 200: ArrearsReport },
      },
    },
    (req) => arrears(req.ctx, req.query),
  );
}
