import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  AdvanceMember,
  MemberDetail,
  PipelineDueList,
  PipelineDueQuery,
  PipelineUpdate,
} from '../../../../../contracts/members/index.ts';
import { advanceMember } from './advance-member.ts';
import { pipelineDue } from './pipeline-due.ts';
import { updatePipeline } from './update-pipeline.ts';

const tags = ['pipeline 发展党员'];

export async function pipelineRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/pipeline/due',
    {
      config: { access: 'member.view' },
      schema: {
        tags,
        summary: '发展党员待办：每人下一阶段、尚缺事项、最早可办日期、逾期事项（可办理的在前）',
        querystring: PipelineDueQuery,
        response: { 200: PipelineDueList },
      },
    },
    (req) => pipelineDue(req.ctx, req.query),
  );
  app.patch(
    '/members/:id/pipeline',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '登记发展党员各环节日期',
        params: IdParams,
        body: PipelineUpdate,
        response: { 200: MemberDetail },
      },
    },
    (req) => updatePipeline(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/members/:id/advance',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '转入下一阶段（积极分子、发展对象、预备党员、正式党员），条件不具备时说明尚缺什么',
        params: IdParams,
        body: AdvanceMember,
        response: { 200: MemberDetail },
      },
    },
    (req) => advanceMember(req.ctx, Number(req.params.id), req.body),
  );
}
