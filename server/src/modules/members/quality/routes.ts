import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  QualityGapPage,
  QualityGapQuery,
  QualityQuery,
  QualityReport,
} from '../../../../../contracts/members/index.ts';
import { listGaps } from './list-gaps.ts';
import { qualityReport } from './quality-report.ts';

export async function qualityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/members/quality',
    {
      config: { access: 'member.view' },
      schema: {
        tags: ['members 党员'],
        summary: '党员信息质量：完整率、更新率、照片率、党费标准录入率（本级合计及各下级）',
        querystring: QualityQuery,
        response: { 200: QualityReport },
      },
    },
    (req) => qualityReport(req.ctx, req.query),
  );
  app.get(
    '/members/quality/gaps',
    {
      config: { access: 'member.view' },
      schema: {
        tags: ['members 党员'],
        summary: '档案质量明细：某项比率未达标的党员档案（缺哪些项），分页',
        querystring: QualityGapQuery,
        response: { 200: QualityGapPage },
      },
    },
    (req) => listGaps(req.ctx, req.query),
  );
}
