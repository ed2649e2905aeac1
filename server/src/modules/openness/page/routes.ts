import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../../../../contracts/common.ts';
import {
  KeptUpPage,
  KeptUpQuery,
  KeptUpShare,
  KeptUpShareQuery,
  OrgPage,
  OrgPageView,
  OrgPageViewQuery,
  SaveOrgPage,
} from '../../../../../contracts/openness/page.ts';
import { publicRateLimit, sendCacheable } from '../../../platform/http/cacheable.ts';
import { keptUpList, keptUpShare } from './kept-up.ts';
import { PUBLIC_MAX_AGE_SECONDS } from './rules.ts';
import { readOrgPage, saveOrgPage } from './save-page.ts';
import { viewOrgPage } from './view-page.ts';

const tags = ['openness 组织主页'];
const OrgIdParams = z.strictObject({ orgId: Id });

export async function pageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/public/orgs/:orgId',
    {
      config: { access: 'public', rateLimit: publicRateLimit() },
      schema: {
        tags,
        summary:
          '组织主页（无需登录）：简介、公开的工作动态/组织公告/党务公开（分页，kind 可筛选）、相册；可缓存（ETag）',
        params: OrgIdParams,
        querystring: OrgPageViewQuery,
        response: { 200: OrgPageView },
      },
    },
    async (req, reply) =>
      sendCacheable(
        req,
        reply,
        await viewOrgPage(req.ctx, Number(req.params.orgId), req.query, { members: false }),
        PUBLIC_MAX_AGE_SECONDS,
      ),
  );
  app.get(
    '/org-pages/:orgId/view',
    {
      config: { access: 'openness.read' },
      schema: {
        tags,
        summary: '组织主页（本组织党员和上级组织）：含仅党员可见的内容',
        params: OrgIdParams,
        querystring: OrgPageViewQuery,
        response: { 200: OrgPageView },
      },
    },
    (req) => viewOrgPage(req.ctx, Number(req.params.orgId), req.query, { members: true }),
  );
  app.get(
    '/org-pages/kept-up',
    {
      config: { access: 'openness.view' },
      schema: {
        tags,
        summary:
          '下级组织主页维护情况：简介是否填写、当月各类内容数、最近发布、是否维护到位（简介已填且当月有工作动态）',
        querystring: KeptUpQuery,
        response: { 200: KeptUpPage },
      },
    },
    (req) => keptUpList(req.ctx, req.query),
  );
  app.get(
    '/org-pages/kept-up/share',
    {
      config: { access: 'openness.view' },
      schema: {
        tags,
        summary: '各直属下级组织：其下组织主页维护到位的数量（图表）',
        querystring: KeptUpShareQuery,
        response: { 200: KeptUpShare },
      },
    },
    (req) => keptUpShare(req.ctx, req.query),
  );
  app.get(
    '/org-pages/:orgId',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '组织简介与联系方式（编辑用）',
        params: OrgIdParams,
        response: { 200: OrgPage },
      },
    },
    (req) => readOrgPage(req.ctx, Number(req.params.orgId)),
  );
  app.put(
    '/org-pages/:orgId',
    {
      config: { access: 'openness.manage' },
      schema: {
        tags,
        summary: '保存组织简介（富文本，服务器端净化）与联系方式',
        params: OrgIdParams,
        body: SaveOrgPage,
        response: { 200: OrgPage },
      },
    },
    (req) => saveOrgPage(req.ctx, Number(req.params.orgId), req.body),
  );
}
