import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import { Paper, PaperListQuery, PaperPage, SavePaper } from '../../../../../contracts/exams/sittings.ts';
import { listPapers, PaperPreview, PaperPreviewQuery, previewPaper, readPaper } from './list-papers.ts';
import { archivePaper, createPaper, editPaper } from './save-paper.ts';

const tags = ['papers 试卷'];
const view = { access: 'exam.view' };
const manage = { access: 'exam.manage' };
const id = (p: { id: string }) => Number(p.id);

/** 试卷: papers of the caller's subtree, fixed or drawn at random from the banks their org may use. */
export async function paperRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/papers',
    {
      config: view,
      schema: { tags, summary: '试卷列表', querystring: PaperListQuery, response: { 200: PaperPage } },
    },
    (req) => listPapers(req.ctx, req.query),
  );
  app.post(
    '/papers',
    {
      config: manage,
      schema: {
        tags,
        summary: '组卷（固定试卷：选题；随机试卷：抽题规则）',
        body: SavePaper,
        response: { 201: Paper },
      },
    },
    async (req, reply) => reply.status(201).send(await createPaper(req.ctx, req.body)),
  );
  app.get(
    '/papers/:id',
    { config: view, schema: { tags, summary: '试卷详情', params: IdParams, response: { 200: Paper } } },
    (req) => readPaper(req.ctx, id(req.params)),
  );
  app.put(
    '/papers/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改试卷（已发布的考试保留原题）',
        params: IdParams,
        body: SavePaper,
        response: { 200: Paper },
      },
    },
    (req) => editPaper(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/papers/:id/archive',
    {
      config: manage,
      schema: { tags, summary: '停用试卷', params: IdParams, response: { 200: Paper } },
    },
    (req) => archivePaper(req.ctx, id(req.params)),
  );
  app.get(
    '/papers/:id/preview',
    {
      config: view,
      schema: {
        tags,
        summary: '预览试卷：按种子抽一份（同一种子得到同一份）',
        params: IdParams,
        querystring: PaperPreviewQuery,
        response: { 200: PaperPreview },
      },
    },
    (req) => previewPaper(req.ctx, id(req.params), req.query.seed),
  );
}
