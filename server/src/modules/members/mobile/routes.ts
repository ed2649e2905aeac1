import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  EndMobilePeriod,
  MobileListQuery,
  MobilePage,
  MobilePeriod,
  RecordMobilePeriod,
} from '../../../../../contracts/members/index.ts';
import { endMobilePeriod } from './end-period.ts';
import { listMobilePeriods } from './list-periods.ts';
import { recordMobilePeriod } from './record-period.ts';

const tags = ['mobile 流动党员'];

export async function mobileRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/mobile-periods',
    {
      config: { access: 'member.view' },
      schema: {
        tags,
        summary:
          '流动党员：本组织外出的（side=home）或在本组织参加活动的（side=host，只读）；due=true 为应转接组织关系的提醒',
        querystring: MobileListQuery,
        response: { 200: MobilePage },
      },
    },
    (req) => listMobilePeriods(req.ctx, req.query),
  );
  app.post(
    '/mobile-periods',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '外出登记：外出日期、外出地点、流入地党组织、流动党员活动证编号',
        body: RecordMobilePeriod,
        response: { 201: MobilePeriod },
      },
    },
    async (req, reply) => reply.status(201).send(await recordMobilePeriod(req.ctx, req.body)),
  );
  app.post(
    '/mobile-periods/:id/return',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '返回登记（党员组织关系所在党组织办理）',
        params: IdParams,
        body: EndMobilePeriod,
        response: { 200: MobilePeriod },
      },
    },
    (req) => endMobilePeriod(req.ctx, Number(req.params.id), req.body),
  );
}
