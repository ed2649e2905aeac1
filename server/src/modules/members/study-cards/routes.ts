import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import { IssueCards, IssuedCard, IssuedCards } from '../../../../../contracts/members/index.ts';
import { issueCards } from './issue-cards.ts';
import { resetCardPassword } from './reset-card.ts';

export async function cardRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['members 党员'];
  const manage = { access: 'member.manage' };

  // the answers carry initial passwords: shown once, never kept by a browser or proxy cache
  app.post(
    '/members/cards/issue',
    {
      config: manage,
      schema: {
        tags,
        summary: '批量发放学习卡（初始密码仅此一次显示，供打印）',
        body: IssueCards,
        response: { 200: IssuedCards },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return issueCards(req.ctx, req.body);
    },
  );
  app.post(
    '/members/:id/card/reset',
    {
      config: manage,
      schema: { tags, summary: '重置学习卡密码', params: IdParams, response: { 200: IssuedCard } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return resetCardPassword(req.ctx, Number(req.params.id));
    },
  );
}
