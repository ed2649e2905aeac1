import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../../contracts/common.ts';
import {
  ChildrenQuery,
  CreateOrg,
  MoveOrg,
  Org,
  OrgList,
  OrgListQuery,
  OrgPage,
  OrgStats,
  ReorderChildren,
  UpdateOrg,
} from '../../../../contracts/orgs.ts';
import * as svc from './service.ts';

const tags = ['orgs 党组织'];

export async function orgRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'org.view' };
  const manage = { access: 'org.manage' };

  app.get(
    '/orgs/roots',
    { config: view, schema: { tags, summary: '我管理范围的顶层党组织', response: { 200: OrgList } } },
    async (req) => ({
      items: await svc.listRoots(req.ctx),
    }),
  );

  app.get(
    '/orgs',
    {
      config: view,
      schema: { tags, summary: '按名称搜索党组织', querystring: OrgListQuery, response: { 200: OrgPage } },
    },
    (req) => svc.searchOrgs(req.ctx, req.query),
  );

  app.get('/orgs/:id', { config: view, schema: { tags, params: IdParams, response: { 200: Org } } }, (req) =>
    svc.getOrg(req.ctx, Number(req.params.id)),
  );

  app.get(
    '/orgs/:id/children',
    {
      config: view,
      schema: {
        tags,
        summary: '直属下级党组织（懒加载）',
        params: IdParams,
        querystring: ChildrenQuery,
        response: { 200: OrgPage },
      },
    },
    (req) => svc.listChildren(req.ctx, Number(req.params.id), req.query),
  );

  app.get(
    '/orgs/:id/stats',
    {
      config: view,
      schema: { tags, summary: '下级党组织统计', params: IdParams, response: { 200: OrgStats } },
    },
    (req) => svc.orgStats(req.ctx, Number(req.params.id)),
  );

  app.post(
    '/orgs',
    { config: manage, schema: { tags, body: CreateOrg, response: { 201: Org } } },
    async (req, reply) => reply.status(201).send(await svc.createOrg(req.ctx, req.body)),
  );

  app.patch(
    '/orgs/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateOrg, response: { 200: Org } } },
    (req) => svc.updateOrg(req.ctx, Number(req.params.id), req.body),
  );

  app.post(
    '/orgs/:id/move',
    {
      config: manage,
      schema: {
        tags,
        summary: '移动党组织（含全部下级）',
        params: IdParams,
        body: MoveOrg,
        response: { 200: Org },
      },
    },
    (req) => svc.moveOrg(req.ctx, Number(req.params.id), req.body),
  );

  app.post(
    '/orgs/:id/reorder',
    {
      config: manage,
      schema: {
        tags,
        summary: '调整下级党组织顺序',
        params: IdParams,
        body: ReorderChildren,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await svc.reorderChildren(req.ctx, Number(req.params.id), req.body.childIds.map(Number));
      return { ok: true as const };
    },
  );

  app.delete(
    '/orgs/:id',
    { config: manage, schema: { tags, summary: '删除空的党组织', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await svc.deleteOrg(req.ctx, Number(req.params.id));
      return { ok: true as const };
    },
  );
}
