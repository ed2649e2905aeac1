import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, PageQuery } from '../../../../../contracts/common.ts';
import {
  ImportJob,
  ImportJobPage,
  ImportListQuery,
  ImportPreviewPage,
} from '../../../../../contracts/members/index.ts';
import { AppError, badRequest } from '../../../platform/http/errors.ts';
import { attachment, XLSX_TYPE } from './columns.ts';
import { ExportQuery, prepareExport } from './export.ts';
import {
  cancelImport,
  confirmImport,
  fileTooLarge,
  getImport,
  importErrorWorkbook,
  importPreview,
  listImports,
  MAX_FILE_BYTES,
  startImport,
} from './import.ts';
import { buildTemplate } from './template.ts';

const tags = ['members 党员'];
const TemplateQuery = z.strictObject({ orgId: Id.optional() });

/** The multipart form of an import: `orgId` and one `file`, read whole (≤ 20 MB) before anything is checked. */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart())
    throw badRequest('not_multipart', {
      zh: '请以 multipart/form-data 表单上传文件（字段 orgId 和 file）',
      en: 'Send a multipart/form-data form with the fields orgId and file',
    });
  const form: { orgId?: string; mode?: string; file?: { fileName?: string; body: Buffer } } = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const body = await part.toBuffer();
        if (part.fieldname === 'file') form.file = { fileName: part.filename, body };
      } else if (part.fieldname === 'orgId') form.orgId = String(part.value);
      else if (part.fieldname === 'mode') form.mode = String(part.value);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    if (code === 'FST_FILES_LIMIT')
      throw badRequest('too_many_files', { zh: '一次只能导入一个文件', en: 'Import one file at a time' }, [
        { path: 'file', message: '一次只能导入一个文件', messageEn: 'one file at a time' },
      ]);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw badRequest('too_many_fields', {
        zh: '表单字段过多：只需 orgId、mode 和 file',
        en: 'Too many form fields: only orgId, mode and file',
      });
    throw err;
  }
  return form;
}

/** Excel in and out for member records: the import template, imports as jobs, the export. */
export async function memberExcelRoutes(base: FastifyInstance) {
  // multipart only here: every other route keeps refusing anything but JSON
  await base.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'member.view' };
  const manage = { access: 'member.manage' };

  app.get(
    '/members/import-template',
    {
      config: manage,
      schema: {
        tags,
        summary: '下载党员信息导入模板（.xlsx；orgId：列出该党组织下的党支部代码）',
        querystring: TemplateQuery,
      },
    },
    async (req, reply) => {
      const body = await buildTemplate(req.ctx, req.query.orgId ? Number(req.query.orgId) : undefined);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment('党员信息导入模板.xlsx'))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.post(
    '/members/imports',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '导入党员信息（multipart：orgId、mode=create|update、file ≤ 20 MB）；后台逐行检查，全部无误才写入；update 先生成逐项修改的预览，确认后写入',
        consumes: ['multipart/form-data'],
        response: { 202: ImportJob },
      },
    },
    async (req, reply) => reply.status(202).send(await startImport(req.ctx, await readUpload(req))),
  );

  app.get(
    '/members/imports',
    {
      config: manage,
      schema: {
        tags,
        summary: '导入记录：谁、何时、新增/更新/出错行数、结果',
        querystring: ImportListQuery,
        response: { 200: ImportJobPage },
      },
    },
    (req) => listImports(req.ctx, req.query),
  );

  app.get(
    '/members/imports/:id/preview',
    {
      config: manage,
      schema: {
        tags,
        summary: '更新导入的预览：每名党员每一项将如何修改（个人信息脱敏）',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: ImportPreviewPage },
      },
    },
    (req) => importPreview(req.ctx, Number(req.params.id), req.query),
  );

  app.post(
    '/members/imports/:id/confirm',
    {
      config: manage,
      schema: {
        tags,
        summary: '确认更新导入：按预览一次写入（期间有记录被修改则全部不写入）',
        params: IdParams,
        response: { 202: ImportJob },
      },
    },
    async (req, reply) => reply.status(202).send(await confirmImport(req.ctx, Number(req.params.id))),
  );

  app.post(
    '/members/imports/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: '放弃更新导入（不写入任何数据）',
        params: IdParams,
        response: { 200: ImportJob },
      },
    },
    (req) => cancelImport(req.ctx, Number(req.params.id)),
  );

  app.get(
    '/members/imports/:id',
    {
      config: manage,
      schema: { tags, summary: '导入进度和结果', params: IdParams, response: { 200: ImportJob } },
    },
    (req) => getImport(req.ctx, Number(req.params.id)),
  );

  app.get(
    '/members/imports/:id/errors',
    { config: manage, schema: { tags, summary: '下载错误说明表（.xlsx）', params: IdParams } },
    async (req, reply) => {
      const { fileName, body } = await importErrorWorkbook(req.ctx, Number(req.params.id));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/members/export',
    {
      config: view,
      schema: {
        tags,
        summary: '导出党员信息（.xlsx，按列表的筛选条件；身份证号、手机号脱敏）',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const { fileName, write } = await prepareExport(req.ctx, req.query);
      const out = new PassThrough();
      write(out).catch((err) => {
        req.log.error({ err }, 'member export failed mid-stream');
        out.destroy(
          err instanceof Error ? err : new AppError(500, 'internal', { zh: '导出失败', en: 'failed' }),
        );
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
}
