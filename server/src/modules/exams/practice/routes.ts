import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok, PageQuery } from '../../../../../contracts/common.ts';
import {
  PracticeAnswer,
  PracticeCategories,
  PracticeFeedback,
  PracticeNext,
  PracticeQuery,
  WrongBook,
} from '../../../../../contracts/exams/sittings.ts';
import { answerQuestion } from './answer.ts';
import { practiceCategories } from './categories.ts';
import { nextQuestion } from './next-question.ts';
import { removeFromBook, wrongBook } from './wrong-book.ts';

const tags = ['practice 练习和错题本'];
// a member's own practice: the banks of their org and those above it, their own book (no target org)
const sit = { access: 'exam.sit' };

/** 练习 and 错题本: the member practises from the banks of their org and its ancestors. */
export async function practiceRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/practice/categories',
    {
      config: sit,
      schema: {
        tags,
        summary: '可练习的题目分类（本组织及上级党组织的题库，含可练习的题数）',
        response: { 200: PracticeCategories },
      },
    },
    (req) => practiceCategories(req.ctx),
  );
  app.get(
    '/practice/next',
    {
      config: sit,
      schema: {
        tags,
        summary: '下一道练习题（优先未做过的和做错的；book=true 从错题本中出题）',
        querystring: PracticeQuery,
        response: { 200: PracticeNext },
      },
    },
    (req) => nextQuestion(req.ctx, req.query),
  );
  app.post(
    '/practice/answers',
    {
      config: sit,
      schema: {
        tags,
        summary: '提交练习答案：立即判分，显示答案和解析；答错的题进入错题本，答对错题本中的题则移出',
        body: PracticeAnswer,
        response: { 200: PracticeFeedback },
      },
    },
    (req) => answerQuestion(req.ctx, req.body),
  );
  app.get(
    '/practice/wrong',
    {
      config: sit,
      schema: {
        tags,
        summary: '我的错题本（最近答错的在前）',
        querystring: PageQuery,
        response: { 200: WrongBook },
      },
    },
    (req) => wrongBook(req.ctx, req.query),
  );
  app.delete(
    '/practice/wrong/:id',
    {
      config: sit,
      schema: { tags, summary: '移出错题本', params: IdParams, response: { 200: Ok } },
    },
    (req) => removeFromBook(req.ctx, Number(req.params.id)),
  );
}
