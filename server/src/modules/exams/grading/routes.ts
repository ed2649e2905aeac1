import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../../../../contracts/common.ts';
import {
  ExamStatistics,
  GradeAnswer,
  GradingItem,
  GradingQuery,
  GradingQueue,
  OrgResults,
  ResultPage,
  ResultQuery,
} from '../../../../../contracts/exams/sittings.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { examStatistics } from './exam-statistics.ts';
import { exportResults } from './export-results.ts';
import { gradeAnswer } from './grade.ts';
import { gradingQueue } from './queue.ts';
import { examResults, orgResults } from './results.ts';

const tags = ['exams 阅卷、成绩、统计'];
const view = { access: 'exam.view' };
const grade = { access: 'exam.grade' };
const id = (p: { id: string }) => Number(p.id);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GradeParams = z.strictObject({
  id: Id,
  attemptId: Id,
  slot: z.coerce.number().int().min(0).max(999),
});
const OrgQuery = z.strictObject({ orgId: Id.optional() });

/** 阅卷, 成绩, 组织统计, 试题分析 and the export of one exam (scoped to the exam's org). */
export async function gradingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/exams/:id/grading',
    {
      config: grade,
      schema: {
        tags,
        summary: '阅卷队列：已交卷答卷中的简答题，待评分的在前（默认以“考生 N”代替姓名）',
        params: IdParams,
        querystring: GradingQuery,
        response: { 200: GradingQueue },
      },
    },
    (req) => gradingQueue(req.ctx, id(req.params), req.query),
  );
  app.put(
    '/exams/:id/grading/:attemptId/:slot',
    {
      config: grade,
      schema: {
        tags,
        summary: '给一道简答题评分（可复评），并重算答卷成绩',
        params: GradeParams,
        body: GradeAnswer,
        response: { 200: GradingItem },
      },
    },
    (req) => gradeAnswer(req.ctx, id(req.params), Number(req.params.attemptId), req.params.slot, req.body),
  );
  app.get(
    '/exams/:id/results',
    {
      config: view,
      schema: {
        tags,
        summary: '成绩：每名应考党员的最好成绩、是否及格、考试内和组织内名次',
        params: IdParams,
        querystring: ResultQuery,
        response: { 200: ResultPage },
      },
    },
    (req) => examResults(req.ctx, id(req.params), req.query),
  );
  app.get(
    '/exams/:id/results/orgs',
    {
      config: view,
      schema: {
        tags,
        summary: '组织统计：所选党组织（默认考试的党组织）下各组织的参考、及格人数和平均分',
        params: IdParams,
        querystring: OrgQuery,
        response: { 200: OrgResults },
      },
    },
    (req) => orgResults(req.ctx, id(req.params), req.query.orgId),
  );
  app.get(
    '/exams/:id/statistics',
    {
      config: view,
      schema: {
        tags,
        summary: '试题分析：成绩分布，每题的难度系数、标准差和区分度',
        params: IdParams,
        response: { 200: ExamStatistics },
      },
    },
    (req) => examStatistics(req.ctx, id(req.params)),
  );
  app.get(
    '/exams/:id/results/export',
    { config: view, schema: { tags, summary: '导出成绩和试题分析（.xlsx）', params: IdParams } },
    async (req, reply) => {
      const { fileName, body } = await exportResults(req.ctx, id(req.params));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
