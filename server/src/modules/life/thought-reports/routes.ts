import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '../../../../../contracts/common.ts';
import {
  FrequencyQuery,
  MAX_REPORT_CHARS,
  MyThoughtReports,
  ReviewThoughtReport,
  SetThoughtReportFrequency,
  SubmitThoughtReport,
  ThoughtReport,
  ThoughtReportDuePage,
  ThoughtReportDueQuery,
  ThoughtReportFrequencyView,
  ThoughtReportListQuery,
  ThoughtReportMonthly,
  ThoughtReportMonthlyQuery,
  ThoughtReportPage,
} from '../../../../../contracts/life/thought-reports.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { tooLarge } from '../../../platform/files/upload.ts';
import { badRequest, fieldError } from '../../../platform/http/errors.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { listDue } from './due.ts';
import { readFrequency, setFrequency } from './frequency.ts';
import { handInReport, myReports, type Upload } from './hand-in.ts';
import {
  type Download,
  listReports,
  myReportAttachment,
  readReport,
  reportAttachment,
} from './list-reports.ts';
import { monthlyReport } from './monthly-counts.ts';
import { reviewReport } from './review-report.ts';
import { MAX_ATTACHMENT_BYTES } from './rules.ts';

const tags = ['thought-reports 思想汇报'];
const write = { access: 'thought_report.write' };
const review = { access: 'thought_report.review' };

/** Room for the multipart envelope and the text fields beside the file. */
const ENVELOPE = 256 * 1024;

/**
 * The report as the member app sends it: JSON (text only), or a multipart form with the text
 * fields `title` and `body` and the file `attachment`, in any order.
 */
async function readSubmission(
  req: FastifyRequest,
): Promise<{ input: SubmitThoughtReport; file: Upload | null }> {
  if (!req.isMultipart()) return { input: parseInput(SubmitThoughtReport, req.body ?? {}), file: null };
  if (Number(req.headers['content-length'] ?? 0) > MAX_ATTACHMENT_BYTES + ENVELOPE)
    throw tooLarge('attachment', MAX_ATTACHMENT_BYTES);
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'attachment' || file)
        throw badRequest('unexpected_file', {
          zh: '只能上传一个附件（字段 attachment）',
          en: 'one file only, in the field attachment',
        });
      const body = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge('attachment', MAX_ATTACHMENT_BYTES);
        throw err;
      });
      // an empty file input sends a part without a name or bytes: no attachment
      if (body.length || part.filename) file = { body, name: part.filename };
    } else {
      if (part.valueTruncated)
        throw fieldError(part.fieldname, {
          zh: `内容过长，不能超过 ${MAX_REPORT_CHARS} 字`,
          en: `too long: at most ${MAX_REPORT_CHARS} characters`,
        });
      fields[part.fieldname] = String(part.value);
    }
  }
  if (file && !file.body.length)
    throw fieldError('attachment', { zh: '附件是空文件', en: 'the attachment is empty' });
  return { input: parseInput(SubmitThoughtReport, fields), file };
}

const send = (reply: import('fastify').FastifyReply, f: Download) =>
  reply
    .type(f.type)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', contentDisposition(f.name))
    .send(f.body);

/** 思想汇报: the writer's side (/me) and the branch's. Multipart is parsed in this scope only. */
export async function thoughtReportRoutes(base: FastifyInstance) {
  await base.register(multipart, {
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES,
      files: 1,
      fields: 4,
      parts: 5,
      fieldSize: 4 * MAX_REPORT_CHARS,
    },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const id = (p: { id: string }) => Number(p.id);

  // ── the writer ────────────────────────────────────────────────────────────────────────────
  app.post(
    '/me/thought-reports',
    {
      config: write,
      schema: {
        tags,
        summary:
          '提交本期思想汇报（JSON：title、body；或 multipart：title、body 与附件 attachment，PDF/Word/WPS/图片 ≤ 10 MB）。支部审阅前再次提交即替换',
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: ThoughtReport },
      },
    },
    async (req, reply) => {
      const { input, file } = await readSubmission(req);
      return reply.status(201).send(await handInReport(req.ctx, input, file));
    },
  );
  app.get(
    '/me/thought-reports',
    {
      config: write,
      schema: {
        tags,
        summary: '我的思想汇报：是否需要提交、本期、历次汇报和支部的审阅意见',
        querystring: PageQuery,
        response: { 200: MyThoughtReports },
      },
    },
    (req) => myReports(req.ctx, req.query),
  );
  app.get(
    '/me/thought-reports/:id/attachment',
    { config: write, schema: { tags, summary: '我的思想汇报的附件', params: IdParams } },
    async (req, reply) => send(reply, await myReportAttachment(req.ctx, id(req.params))),
  );

  // ── the branch and the committees above it ─────────────────────────────────────────────────
  app.get(
    '/thought-reports',
    {
      config: review,
      schema: {
        tags,
        summary: '思想汇报（待审阅、已审阅）',
        querystring: ThoughtReportListQuery,
        response: { 200: ThoughtReportPage },
      },
    },
    (req) => listReports(req.ctx, req.query),
  );
  app.get(
    '/thought-reports/due',
    {
      config: review,
      schema: {
        tags,
        summary: '本期未交（when=current）或上期缺交（when=previous）思想汇报的人员',
        querystring: ThoughtReportDueQuery,
        response: { 200: ThoughtReportDuePage },
      },
    },
    (req) => listDue(req.ctx, req.query),
  );
  app.get(
    '/thought-reports/monthly',
    {
      config: review,
      schema: {
        tags,
        summary: '思想汇报月度统计（提交、审阅、应交、缺交），本组织及各下级组织',
        querystring: ThoughtReportMonthlyQuery,
        response: { 200: ThoughtReportMonthly },
      },
    },
    (req) => monthlyReport(req.ctx, req.query),
  );
  app.get(
    '/thought-reports/frequency',
    {
      config: review,
      schema: {
        tags,
        summary: '党组织的思想汇报频次（本级设置、上级设置或全区默认）',
        querystring: FrequencyQuery,
        response: { 200: ThoughtReportFrequencyView },
      },
    },
    (req) => readFrequency(req.ctx, Number(req.query.orgId)),
  );
  app.put(
    '/thought-reports/frequency',
    {
      config: review,
      schema: {
        tags,
        summary: '设置党组织的思想汇报频次（null：按上级或全区默认）',
        body: SetThoughtReportFrequency,
        response: { 200: ThoughtReportFrequencyView },
      },
    },
    (req) => setFrequency(req.ctx, req.body),
  );
  app.get(
    '/thought-reports/:id',
    {
      config: review,
      schema: { tags, summary: '思想汇报全文', params: IdParams, response: { 200: ThoughtReport } },
    },
    (req) => readReport(req.ctx, id(req.params)),
  );
  app.get(
    '/thought-reports/:id/attachment',
    { config: review, schema: { tags, summary: '思想汇报的附件', params: IdParams } },
    async (req, reply) => send(reply, await reportAttachment(req.ctx, id(req.params))),
  );
  app.post(
    '/thought-reports/:id/review',
    {
      config: review,
      schema: {
        tags,
        summary: '审阅思想汇报并写下审阅意见（提交人在手机上可见）',
        params: IdParams,
        body: ReviewThoughtReport,
        response: { 200: ThoughtReport },
      },
    },
    (req) => reviewReport(req.ctx, id(req.params), req.body),
  );
}
