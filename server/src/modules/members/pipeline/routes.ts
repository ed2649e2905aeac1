import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  AdvanceMember,
  CancelProbation,
  ExtendProbation,
  MemberDetail,
  PipelineDueList,
  PipelineDueQuery,
  PipelineFile,
  PipelineUpdate,
  WithdrawCancellation,
} from '../../../../../contracts/members/index.ts';
import { advanceMember } from './advance-member.ts';
import { cancelProbation } from './cancel-probation.ts';
import { extendProbation } from './extend-probation.ts';
import { pipelineDue } from './pipeline-due.ts';
import { readPipeline } from './read-pipeline.ts';
import { updatePipeline } from './update-pipeline.ts';
import { withdrawCancellation } from './withdraw-cancellation.ts';

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
  app.get(
    '/members/:id/pipeline',
    {
      config: { access: 'member.view' },
      schema: {
        tags,
        summary:
          '发展党员档案：各环节日期、培训学时、培养联系人、入党介绍人、预备期（延长、取消）、下一步与提醒',
        params: IdParams,
        response: { 200: PipelineFile },
      },
    },
    (req) => readPipeline(req.ctx, Number(req.params.id)),
  );
  app.put(
    '/members/:id/probation/extension',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '延长预备期（一次，6–12 个月）：支部党员大会日期；上级党委批准日期由上级党组织登记',
        params: IdParams,
        body: ExtendProbation,
        response: { 200: PipelineFile },
      },
    },
    (req) => extendProbation(req.ctx, Number(req.params.id), req.body),
  );
  app.put(
    '/members/:id/probation/cancellation',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '取消预备党员资格：支部党员大会日期；上级党委批准（由上级党组织登记）后即出党',
        params: IdParams,
        body: CancelProbation,
        response: { 200: PipelineFile },
      },
    },
    (req) => cancelProbation(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/members/:id/probation/cancellation/withdrawal',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '撤回待上级批准的取消预备党员资格决定（须说明理由；已批准的不能撤回）',
        params: IdParams,
        body: WithdrawCancellation,
        response: { 200: PipelineFile },
      },
    },
    (req) => withdrawCancellation(req.ctx, Number(req.params.id), req.body),
  );
  app.patch(
    '/members/:id/pipeline',
    {
      config: { access: 'member.manage' },
      schema: {
        tags,
        summary: '登记发展党员档案：各环节日期、培训学时、培养联系人、入党介绍人',
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
