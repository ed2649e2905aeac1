import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  AnswerSaved,
  Attempt,
  AttemptResult,
  Exam,
  ExamListQuery,
  ExamPage,
  MyExams,
  SaveAnswer,
  SaveExam,
  SlotParams,
} from '../../../../../contracts/exams/sittings.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { attemptResult, readAttempt, resultOf, startAttempt } from './attempts.ts';
import { cancelExam, createExam } from './create-exam.ts';
import { listExams, readExam } from './list-exams.ts';
import { myExams, myOpenCount } from './my-exams.ts';
import { regradeExam } from './regrade.ts';
import { saveAnswer } from './save-answer.ts';
import { ownAttempt } from './store.ts';
import { submitAttempt } from './submit.ts';

const tags = ['exams 考试'];
const id = (p: { id: string }) => Number(p.id);
const view = { access: 'exam.view' };
const manage = { access: 'exam.manage' };
const sit = { access: 'exam.sit' };
// an examinee saves an answer every few seconds: the login session is read at most every 10 s
const sitBusy = { access: 'exam.sit', sessionKeptMs: 10_000 };

/** 考试 and 答卷: exams of the caller's subtree; the member's exams, attempts, answers and results. */
export async function sittingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/exams',
    {
      config: view,
      schema: {
        tags,
        summary: '考试列表（本组织及下级）',
        querystring: ExamListQuery,
        response: { 200: ExamPage },
      },
    },
    (req) => listExams(req.ctx, req.query),
  );
  app.post(
    '/exams',
    {
      config: manage,
      schema: {
        tags,
        summary: '发布考试（试卷、起止时间、时长、次数、及格分、参考人员），并通知参考党员',
        body: SaveExam,
        response: { 201: Exam },
      },
    },
    async (req, reply) => reply.status(201).send(await createExam(req.ctx, req.body)),
  );
  app.get(
    '/exams/:id',
    { config: view, schema: { tags, summary: '考试详情', params: IdParams, response: { 200: Exam } } },
    (req) => readExam(req.ctx, id(req.params)),
  );
  app.post(
    '/exams/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: '取消考试（进行中的答卷随即自动交卷）',
        params: IdParams,
        response: { 200: Exam },
      },
    },
    (req) => cancelExam(req.ctx, id(req.params)),
  );

  app.post(
    '/exams/:id/regrade',
    {
      config: manage,
      schema: {
        tags,
        summary: '重新判分（fromBank=true：客观题改用题库中现在的答案）',
        params: IdParams,
        querystring: z.strictObject({ fromBank: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ attempts: z.number().int(), answers: z.number().int() }) },
      },
    },
    (req) => regradeExam(req.ctx, id(req.params), req.query.fromBank === 'true'),
  );

  // ── the member's ──
  app.get(
    '/my/exams',
    { config: sit, schema: { tags, summary: '我的考试', response: { 200: MyExams } } },
    (req) => myExams(req.ctx),
  );
  app.get(
    '/my/exams/open-count',
    {
      config: sit,
      schema: {
        tags,
        summary: '正在进行、尚未参加的考试数（首页角标）',
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    (req) => myOpenCount(req.ctx),
  );
  app.post(
    '/exams/:id/attempts',
    {
      config: sit,
      schema: {
        tags,
        summary: '开始答题（已有进行中的答卷则继续）',
        params: IdParams,
        response: { 200: Attempt },
      },
    },
    (req) => startAttempt(req.ctx, id(req.params)),
  );
  app.get(
    '/attempts/:id',
    {
      config: sit,
      schema: {
        tags,
        summary: '我的答卷（题目、已保存的答案、剩余时间）',
        params: IdParams,
        response: { 200: Attempt },
      },
    },
    (req) => readAttempt(req.ctx, id(req.params)),
  );
  app.put(
    '/attempts/:id/answers/:slot',
    {
      config: sitBusy,
      schema: {
        tags,
        summary: '保存一题的答案（提交即保存，落盘后才确认；时间到或已交卷则拒绝）',
        params: SlotParams,
        body: SaveAnswer,
        response: { 200: AnswerSaved },
      },
    },
    (req) => saveAnswer(req.ctx, id(req.params), req.params.slot, req.body.answer),
  );
  app.post(
    '/attempts/:id/submit',
    {
      config: sit,
      schema: { tags, summary: '交卷（客观题即时判分）', params: IdParams, response: { 200: AttemptResult } },
    },
    async (req) => {
      const a = await ownAttempt(req.ctx, req.ctx.db, id(req.params), true);
      const done = await submitAttempt(req.ctx.db, a.id, 'member', req.ctx.now());
      if (!done)
        throw conflict('attempt_submitted', {
          zh: '该答卷已交卷，不能重复交卷',
          en: 'this attempt was already submitted',
        });
      return resultOf(req.ctx, req.ctx.db, done);
    },
  );
  app.get(
    '/attempts/:id/result',
    {
      config: sit,
      schema: { tags, summary: '我的成绩和答题情况', params: IdParams, response: { 200: AttemptResult } },
    },
    (req) => attemptResult(req.ctx, id(req.params)),
  );
}
