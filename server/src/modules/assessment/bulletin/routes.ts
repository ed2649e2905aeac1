import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../../../contracts/common.ts';
import {
  Bulletin,
  BulletinList,
  BulletinListQuery,
  CreateBulletin,
  UpdateBulletin,
} from '../../../../../contracts/assessment/bulletin.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { DOCX_TYPE, XLSX_TYPE } from '../../../platform/files/office.ts';
import type { Registry } from '../registry.ts';
import {
  bulletinFile,
  createBulletin,
  deleteBulletin,
  issueBulletin,
  listBulletins,
  readBulletin,
  refreshBulletin,
  updateBulletin,
} from './store.ts';

const tags = ['assessment 考核'];
const view = { access: 'assessment.view' };
const manage = { access: 'assessment.manage' };

/** 考核通报: drafts written from a month's scores, edited, issued with a number, and the archive. */
export const bulletinRoutes = (registry: Registry) =>
  async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/assessment/bulletins',
      {
        config: view,
        schema: {
          tags,
          summary: '考核通报（已印发的存档和草稿）',
          querystring: BulletinListQuery,
          response: { 200: BulletinList },
        },
      },
      (req) => listBulletins(req.ctx, req.query.orgId),
    );
    app.post(
      '/assessment/bulletins',
      {
        config: manage,
        schema: {
          tags,
          summary: '根据月度考核结果生成通报草稿',
          body: CreateBulletin,
          response: { 200: Bulletin },
        },
      },
      (req) => createBulletin(req.ctx, registry, req.body),
    );
    app.get(
      '/assessment/bulletins/:id',
      {
        config: view,
        schema: { tags, summary: '一期考核通报', params: IdParams, response: { 200: Bulletin } },
      },
      (req) => readBulletin(req.ctx, req.params.id),
    );
    app.patch(
      '/assessment/bulletins/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改通报草稿的标题、发文单位和各段文字',
          params: IdParams,
          body: UpdateBulletin,
          response: { 200: Bulletin },
        },
      },
      (req) => updateBulletin(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/assessment/bulletins/:id/refresh',
      {
        config: manage,
        schema: {
          tags,
          summary: '按最新考核结果重新生成草稿中的数据表',
          params: IdParams,
          response: { 200: Bulletin },
        },
      },
      (req) => refreshBulletin(req.ctx, registry, req.params.id),
    );
    app.post(
      '/assessment/bulletins/:id/issue',
      {
        config: manage,
        schema: {
          tags,
          summary: '印发通报（编号并存档，此后不能修改）',
          params: IdParams,
          response: { 200: Bulletin },
        },
      },
      (req) => issueBulletin(req.ctx, registry, req.params.id),
    );
    app.delete(
      '/assessment/bulletins/:id',
      {
        config: manage,
        schema: { tags, summary: '删除通报草稿', params: IdParams, response: { 200: Ok } },
      },
      (req) => deleteBulletin(req.ctx, req.params.id),
    );
    for (const kind of ['docx', 'xlsx'] as const)
      app.get(
        `/assessment/bulletins/:id/${kind}`,
        {
          config: view,
          schema: {
            tags,
            summary: kind === 'docx' ? '下载通报（Word 文档）' : '下载通报附件：考核明细表（Excel）',
            params: IdParams,
          },
        },
        async (req, reply) => {
          const { body, filename } = await bulletinFile(req.ctx, registry, req.params.id, kind);
          return reply
            .type(kind === 'docx' ? DOCX_TYPE : XLSX_TYPE)
            .header('content-disposition', contentDisposition(filename))
            .send(body);
        },
      );
  };
