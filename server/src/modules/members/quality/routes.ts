import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { QualityQuery, QualityReport } from '../../../../../contracts/members/index.ts';
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
}
