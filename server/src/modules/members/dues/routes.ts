import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  ApproveRelief,
  ArrearsExportQuery,
  ArrearsQuery,
  ArrearsReport,
  DuesSheet,
  DuesSheetQuery,
  DuesStandardEntry,
  DuesStandardTable,
  EndRelief,
  MemberDues,
  MemberDuesQuery,
  RecordedPayments,
  RecordPayments,
  RecordRelief,
  Relief,
  ReliefListQuery,
  ReliefPage,
  SetDuesStandard,
} from '../../../../../contracts/members/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { attachment, XLSX_TYPE } from '../excel/columns.ts';
import { arrears } from './arrears.ts';
import { exportArrears } from './export-arrears.ts';
import { memberDues, myDues } from './member-dues.ts';
import { recordPayments } from './record-payments.ts';
import { approveRelief, endRelief, listReliefs, recordRelief } from './reliefs.ts';
import { duesStandardTable, windowOpen } from './rules.ts';
import { setDuesStandard } from './set-standard.ts';
import { duesSheet } from './sheet.ts';
import { readDuesTerms, readRecalcWindow } from './standards.ts';

export async function duesRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['dues 党费'];
  const manage = { access: 'dues.manage' };

  app.get(
    '/dues/standard-table',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '党费交纳标准（2008 年规定，本部门的固定标准和上限）',
        response: { 200: DuesStandardTable },
      },
    },
    async (req) => {
      const window = await readRecalcWindow(req.ctx.db);
      return {
        ...duesStandardTable(await readDuesTerms(req.ctx.db)),
        window: { ...window, open: windowOpen(window, shanghaiToday(req.ctx.now())) },
      };
    },
  );
  app.post(
    '/dues/payments',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记党费缴纳（整批成功或整批不登记；少交的月份可补交，多交记为自愿多交）',
        body: RecordPayments,
        response: { 201: RecordedPayments },
      },
    },
    async (req, reply) => reply.status(201).send(await recordPayments(req.ctx, req.body)),
  );
  app.get(
    '/dues/sheet',
    {
      config: manage,
      schema: {
        tags,
        summary: '党支部某月党费收缴表（已交、少交、多交、未交、免交）',
        querystring: DuesSheetQuery,
        response: { 200: DuesSheet },
      },
    },
    (req) => duesSheet(req.ctx, req.query),
  );
  app.get(
    '/dues/arrears',
    {
      config: manage,
      schema: {
        tags,
        summary: '欠缴党费名单（连续 6 个月未交标记）',
        querystring: ArrearsQuery,
        response: { 200: ArrearsReport },
      },
    },
    (req) => arrears(req.ctx, req.query),
  );
  app.get(
    '/dues/arrears/export',
    {
      config: manage,
      schema: { tags, summary: '导出欠缴党费名单（.xlsx，筛选同列表）', querystring: ArrearsExportQuery },
    },
    async (req, reply) => {
      const { fileName, body } = await exportArrears(req.ctx, req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
  app.post(
    '/dues/standards',
    {
      config: manage,
      schema: {
        tags,
        summary: '调整党费标准（自某月起；核定期外须填写原因）',
        body: SetDuesStandard,
        response: { 201: DuesStandardEntry },
      },
    },
    async (req, reply) => reply.status(201).send(await setDuesStandard(req.ctx, req.body)),
  );
  app.get(
    '/dues/reliefs',
    {
      config: manage,
      schema: {
        tags,
        summary: '少交、免交党费和正当理由',
        querystring: ReliefListQuery,
        response: { 200: ReliefPage },
      },
    },
    (req) => listReliefs(req.ctx, req.query),
  );
  app.post(
    '/dues/reliefs',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记少交、免交党费（党支部同意、上级党委批准）或不交纳的正当理由',
        body: RecordRelief,
        response: { 201: Relief },
      },
    },
    async (req, reply) => reply.status(201).send(await recordRelief(req.ctx, req.body)),
  );
  app.post(
    '/dues/reliefs/:id/approve',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记上级党委批准日期',
        params: IdParams,
        body: ApproveRelief,
        response: { 200: Relief },
      },
    },
    (req) => approveRelief(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/dues/reliefs/:id/end',
    {
      config: manage,
      schema: {
        tags,
        summary: '结束少交、免交（截止月份）',
        params: IdParams,
        body: EndRelief,
        response: { 200: Relief },
      },
    },
    (req) => endRelief(req.ctx, Number(req.params.id), req.body),
  );
  app.get(
    '/dues/members/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '党员的党费：逐月缴纳、标准历史、少交免交',
        params: IdParams,
        querystring: MemberDuesQuery,
        response: { 200: MemberDues },
      },
    },
    (req) => memberDues(req.ctx, Number(req.params.id), req.query.months),
  );
  app.get(
    '/me/dues',
    {
      config: { access: 'member.self' },
      schema: {
        tags,
        summary: '我的党费：缴纳记录',
        querystring: MemberDuesQuery,
        response: { 200: MemberDues },
      },
    },
    (req) => myDues(req.ctx, req.query.months),
  );
}
