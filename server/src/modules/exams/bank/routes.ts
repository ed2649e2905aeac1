import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../../../contracts/common.ts';
import {
  EditQuestionCategory,
  ExportQuery,
  ImportQuery,
  ImportResult,
  Question,
  QuestionCategory,
  QuestionCategoryList,
  QuestionCategoryQuery,
  QuestionImage,
  QuestionImageQuery,
  QuestionListQuery,
  QuestionPage,
  WriteQuestion,
  WriteQuestionCategory,
} from '../../../../../contracts/exams/bank.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { MAX_IMAGE_BYTES } from '../../../platform/files/images.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { createCategory, editCategory, listCategories, removeCategory } from './categories.ts';
import { buildBankTemplate, XLSX_TYPE } from './excel.ts';
import { exportCategory } from './export-bank.ts';
import { readQuestionImage, uploadQuestionImage } from './images.ts';
import { importQuestions, MAX_IMPORT_BYTES } from './import-questions.ts';
import { archiveQuestion, createQuestion, editQuestion, listQuestions, readQuestion } from './questions.ts';

const tags = ['exams 题库'];
const id = (p: { id: string }) => Number(p.id);
const view = { access: 'question.view' };
const manage = { access: 'question.manage' };
const ImageSize = z.strictObject({ size: z.enum(['thumb', 'full']).default('full') });

/** 题库: categories, questions, the Excel template, import and export, pictures for stems. */
export async function bankRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // ── categories ──
  app.get(
    '/question-categories',
    {
      config: view,
      schema: {
        tags,
        summary: '题库分类（本组织及下级的题库，和组织部的题库）',
        querystring: QuestionCategoryQuery,
        response: { 200: QuestionCategoryList },
      },
    },
    (req) => listCategories(req.ctx, req.query),
  );
  app.post(
    '/question-categories',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建分类（parentId 下，或 orgId 题库的顶级分类）',
        body: WriteQuestionCategory,
        response: { 201: QuestionCategory },
      },
    },
    async (req, reply) => reply.status(201).send(await createCategory(req.ctx, req.body)),
  );
  app.patch(
    '/question-categories/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '重命名分类',
        params: IdParams,
        body: EditQuestionCategory,
        response: { 200: QuestionCategory },
      },
    },
    (req) => editCategory(req.ctx, id(req.params), req.body),
  );
  app.delete(
    '/question-categories/:id',
    {
      config: manage,
      schema: { tags, summary: '删除分类（没有题目和子分类时）', params: IdParams, response: { 200: Ok } },
    },
    (req) => removeCategory(req.ctx, id(req.params)),
  );
  app.get(
    '/question-categories/:id/export',
    {
      config: view,
      schema: {
        tags,
        summary: '导出分类（含下级）的题目：Excel 模板格式（format=xlsx）或 GIFT（format=gift）',
        params: IdParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const f = await exportCategory(req.ctx, id(req.params), req.query.format);
      return reply
        .type(f.type)
        .header('content-disposition', contentDisposition(f.filename))
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );

  // ── questions ──
  app.get(
    '/questions',
    {
      config: view,
      schema: {
        tags,
        summary: '题目列表（按分类含下级、题型、难度、标签、关键词）',
        querystring: QuestionListQuery,
        response: { 200: QuestionPage },
      },
    },
    (req) => listQuestions(req.ctx, req.query),
  );
  app.post(
    '/questions',
    {
      config: manage,
      schema: { tags, summary: '新增题目', body: WriteQuestion, response: { 201: Question } },
    },
    async (req, reply) => reply.status(201).send(await createQuestion(req.ctx, req.body)),
  );
  app.get(
    '/questions/:id',
    {
      config: view,
      schema: { tags, summary: '题目详情', params: IdParams, response: { 200: Question } },
    },
    (req) => readQuestion(req.ctx, id(req.params)),
  );
  app.put(
    '/questions/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改题目',
        params: IdParams,
        body: WriteQuestion,
        response: { 200: Question },
      },
    },
    (req) => editQuestion(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/questions/:id/archive',
    {
      config: manage,
      schema: {
        tags,
        summary: '归档题目（不再出现在题库列表和新试卷中）',
        params: IdParams,
        response: { 200: Question },
      },
    },
    (req) => archiveQuestion(req.ctx, id(req.params)),
  );
  app.get(
    '/question-template',
    {
      config: manage,
      schema: { tags, summary: '下载题库导入模板（.xlsx，含示例行）' },
    },
    async (_req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition('题库导入模板.xlsx'))
        .header('cache-control', 'no-store')
        .send(await buildBankTemplate()),
  );
  app.get(
    '/question-images/:id',
    {
      config: view,
      schema: { tags, summary: '题目图片', params: IdParams, querystring: ImageSize },
    },
    async (req, reply) => {
      const body = await readQuestionImage(req.ctx, id(req.params), req.query.size);
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(body);
    },
  );
  await app.register(uploads);
}

/** The uploads: multipart only in this scope (every other route keeps to JSON). */
async function uploads(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2, parts: 3 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/question-imports',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '导入题目（multipart 字段 file：GIFT .txt/.gift、Aiken .txt 或 Excel 模板 .xlsx，≤ 5 MB）：不带 confirm 为预览；confirm=1 写入（有错误题目时须 skipBad=1）',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult },
      },
    },
    async (req) => importQuestions(req.ctx, req.query, await readUpload(req, 'file', MAX_IMPORT_BYTES)),
  );
  app.post(
    '/question-images',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传题目图片（≤ 10 MB；multipart 字段 file），返回可用于题干 <img> 的地址',
        querystring: QuestionImageQuery,
        consumes: ['multipart/form-data'],
        response: { 200: QuestionImage },
      },
    },
    async (req) =>
      uploadQuestionImage(req.ctx, Number(req.query.orgId), await readUpload(req, 'file', MAX_IMAGE_BYTES)),
  );
}
