import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../../../contracts/common.ts';
import { IndicatorInfo, Scheme, SchemeView } from '../../../../contracts/assessment/scheme.ts';
import {
  AddAdjustment,
  ComputeBody,
  Heatmap,
  HeatmapQuery,
  IndicatorRecords,
  MonthOrgKeyParams,
  MonthOrgParams,
  MonthParams,
  MonthState,
  OrgMonth,
  Rankings,
  ReasonBody,
  Trend,
  TrendQuery,
} from '../../../../contracts/assessment/scores.ts';
import type { Registry } from './registry.ts';
import { heatmap } from './results/heatmap.ts';
import { indicatorRecords } from './results/records.ts';
import { orgMonth } from './results/org-month.ts';
import { rankings } from './results/rankings.ts';
import { trend } from './results/trend.ts';
import { readScheme, saveScheme } from './scheme/store.ts';
import { addAdjustment } from './scoring/adjust.ts';
import { closeMonth, readMonth, reopenMonth, runMonth } from './scoring/months.ts';

const tags = ['assessment 考核'];
const view = { access: 'assessment.view' };
const manage = { access: 'assessment.manage' };

/** 考核: the scheme, running and closing months, rankings and each score explained down to its records. */
export const assessmentRoutes = (registry: Registry) =>
  async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/assessment/indicators',
      {
        config: view,
        schema: { tags, summary: '各模块提供的考核指标', response: { 200: z.array(IndicatorInfo) } },
      },
      (req) => registry.infos(req.ctx.lang),
    );
    app.get(
      '/assessment/scheme',
      {
        config: view,
        schema: { tags, summary: '当前考核方案（未制定时为默认方案）', response: { 200: SchemeView } },
      },
      (req) => readScheme(req.ctx, registry),
    );
    app.put(
      '/assessment/scheme',
      {
        config: manage,
        schema: {
          tags,
          summary: '制定考核方案：计分指标、目标、权重（合计100）、超额加分',
          body: Scheme,
          response: { 200: SchemeView },
        },
      },
      (req) => saveScheme(req.ctx, registry, req.body),
    );
    app.get(
      '/assessment/months/:month',
      {
        config: view,
        schema: { tags, summary: '考核月份的状态', params: MonthParams, response: { 200: MonthState } },
      },
      (req) => readMonth(req.ctx, req.params.month),
    );
    app.post(
      '/assessment/months/:month/compute',
      {
        config: manage,
        schema: {
          tags,
          summary: '计算考核月份（默认只重算记录有变化的党组织）',
          params: MonthParams,
          body: ComputeBody,
          response: { 200: MonthState },
        },
      },
      (req) => runMonth(req.ctx, registry, req.params.month, req.body.full),
    );
    app.post(
      '/assessment/months/:month/close',
      {
        config: manage,
        schema: {
          tags,
          summary: '关闭考核月份（此后不再重算）',
          params: MonthParams,
          response: { 200: MonthState },
        },
      },
      (req) => closeMonth(req.ctx, req.params.month),
    );
    app.post(
      '/assessment/months/:month/reopen',
      {
        config: manage,
        schema: {
          tags,
          summary: '重新开启已关闭的考核月份（须说明原因）',
          params: MonthParams,
          body: ReasonBody,
          response: { 200: MonthState },
        },
      },
      (req) => reopenMonth(req.ctx, req.params.month, req.body.reason),
    );
    app.post(
      '/assessment/months/:month/adjustments',
      {
        config: manage,
        schema: {
          tags,
          summary: '手动加减分（须说明原因）',
          params: MonthParams,
          body: AddAdjustment,
          response: { 200: OrgMonth },
        },
      },
      async (req) => {
        await addAdjustment(req.ctx, registry, req.params.month, req.body);
        return orgMonth(req.ctx, registry, req.params.month, req.body.orgId);
      },
    );
    app.get(
      '/assessment/months/:month/rankings',
      {
        config: view,
        schema: {
          tags,
          summary: '排名：一个党组织及其下级按得分排序',
          params: MonthParams,
          querystring: z.strictObject({ orgId: Id.optional() }),
          response: { 200: Rankings },
        },
      },
      (req) => rankings(req.ctx, req.params.month, req.query.orgId),
    );
    app.get(
      '/assessment/months/:month/trend',
      {
        config: view,
        schema: {
          tags,
          summary: '得分趋势：一个党组织及其下级逐月得分（默认截至该月的12个月）',
          params: MonthParams,
          querystring: TrendQuery,
          response: { 200: Trend },
        },
      },
      (req) => trend(req.ctx, req.params.month, req.query.orgId, req.query.months),
    );
    app.get(
      '/assessment/months/:month/heatmap',
      {
        config: view,
        schema: {
          tags,
          summary: '指标热力图：下级党组织 × 计分指标的完成程度',
          params: MonthParams,
          querystring: HeatmapQuery,
          response: { 200: Heatmap },
        },
      },
      (req) => heatmap(req.ctx, registry, req.params.month, req.query.orgId),
    );
    app.get(
      '/assessment/months/:month/orgs/:orgId',
      {
        config: view,
        schema: {
          tags,
          summary: '一个党组织的得分明细',
          params: MonthOrgParams,
          response: { 200: OrgMonth },
        },
      },
      (req) => orgMonth(req.ctx, registry, req.params.month, req.params.orgId),
    );
    app.get(
      '/assessment/months/:month/orgs/:orgId/items/:key/records',
      {
        config: view,
        schema: {
          tags,
          summary: '得分依据：指标背后的记录（含未完成的事项）',
          params: MonthOrgKeyParams,
          response: { 200: IndicatorRecords },
        },
      },
      (req) => indicatorRecords(req.ctx, registry, req.params.month, req.params.orgId, req.params.key),
    );
  };
