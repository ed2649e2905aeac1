import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  MyStudyProgress,
  ProgressQuery,
  ProgressTile,
  StudySummary,
  SummaryQuery,
} from '../../../../../contracts/learning/requirements.ts';
import { myProgress, myProgressTile } from './my-progress.ts';
import { studySummary } from './summary.ts';

const tags = ['study 学时'];

export async function requirementRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/study/progress',
    {
      config: { access: 'study.attend' },
      schema: {
        tags,
        summary: '我的年度学时：要求、已认定（网络学习、线下学习、远教站点）、进度、今日网络学习',
        querystring: ProgressQuery,
        response: { 200: MyStudyProgress },
      },
    },
    (req) => myProgress(req.ctx, req.query.year),
  );
  app.get(
    '/study/progress/tile',
    {
      config: { access: 'study.attend' },
      schema: {
        tags,
        summary: '党员首页的学时进度（今年学时 / 要求学时）',
        response: { 200: ProgressTile },
      },
    },
    (req) => myProgressTile(req.ctx),
  );
  app.get(
    '/study/summary',
    {
      config: { access: 'study.view' },
      schema: {
        tags,
        summary: '学时达标情况：本组织及各下级组织的党员人数、达标人数、平均进度（每十分钟统计一次）',
        querystring: SummaryQuery,
        response: { 200: StudySummary },
      },
    },
    (req) => studySummary(req.ctx, req.query),
  );
}
