import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MemberWorkbench, Workbench } from '../../../../contracts/workbench.ts';
import { adminWorkbench, memberWorkbench, type OwnedFigure, type OwnedTodo } from './workbench.ts';

export function workbenchRoutes(todos: readonly OwnedTodo[], figures: readonly OwnedFigure[]) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['workbench 工作台'];
    app.get(
      '/workbench',
      {
        config: { access: 'workbench.view' },
        schema: {
          tags,
          summary: '工作台：本人管理范围内的待办（有待办的在前）和关键数据',
          response: { 200: Workbench },
        },
      },
      (req) => adminWorkbench(req.ctx, todos, figures),
    );
    app.get(
      '/workbench/member',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '党员首页的今日待办（本人的）', response: { 200: MemberWorkbench } },
      },
      (req) => memberWorkbench(req.ctx, todos),
    );
  };
}
