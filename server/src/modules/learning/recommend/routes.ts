import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  DismissResult,
  RecommendQuery,
  Recommendations,
} from '../../../../../contracts/learning/recommend.ts';
import { dismissRecommendation } from './dismiss.ts';
import { myRecommendations } from './recommend.ts';

const tags = ['learning 课件库'];
// who may study (library/policy.ts course.study) is offered courses to study
const study = { access: 'course.study' };

/** 为你推荐: the member's recommended courses, with why; 不感兴趣 dismisses one for good. */
export async function recommendRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/learning/recommendations',
    {
      config: study,
      schema: {
        tags,
        summary:
          '为你推荐：学过相同课件的党员还学了什么（每晚计算），历史不足时为本支部、上级组织、全体党员的热门课件；不含已学完和不感兴趣的',
        querystring: RecommendQuery,
        response: { 200: Recommendations },
      },
    },
    (req) => myRecommendations(req.ctx, req.query.limit),
  );
  app.post(
    '/learning/recommendations/:id/dismiss',
    {
      config: study,
      schema: {
        tags,
        summary: '不感兴趣：此课件不再推荐给我',
        params: IdParams,
        response: { 200: DismissResult },
      },
    },
    (req) => dismissRecommendation(req.ctx, Number(req.params.id)),
  );
}
