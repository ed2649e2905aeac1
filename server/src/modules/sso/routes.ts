import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../contracts/common.ts';
import {
  SaveSsoClient,
  SsoClient,
  SsoClientList,
  SsoClientWithSecret,
} from '../../../../contracts/sso/clients.ts';
import { SsoTiles } from '../../../../contracts/sso/tiles.ts';
import { createClient, listClients, presentClient, resetSecret, tilesFor, updateClient } from './clients.ts';
import { issuerOf } from './provider.ts';

const tags = ['sso 单点登录'];
const manage = { access: 'sso.manage' };

/** 子平台接入 (the department's registry of sub-platforms) and the actor's sub-platform tiles. */
export async function ssoRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/sso/tiles',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我可使用的子平台（工作台磁贴）', response: { 200: SsoTiles } },
    },
    (req) => tilesFor(req.ctx),
  );
  app.get(
    '/sso/clients',
    { config: manage, schema: { tags, summary: '子平台列表', response: { 200: SsoClientList } } },
    async (req) => ({
      items: (await listClients(req.ctx)).map(presentClient),
      issuer: issuerOf(req.ctx.config),
    }),
  );
  app.post(
    '/sso/clients',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记子平台（生成客户端编号和密钥，密钥只显示这一次）',
        body: SaveSsoClient,
        response: { 201: SsoClientWithSecret },
      },
    },
    async (req, reply) => {
      const { row, clientSecret } = await createClient(req.ctx.db, req.ctx, req.body);
      return reply.status(201).send({ client: presentClient(row), clientSecret });
    },
  );
  app.put(
    '/sso/clients/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改、停用或启用子平台',
        params: IdParams,
        body: SaveSsoClient,
        response: { 200: SsoClient },
      },
    },
    async (req) => presentClient(await updateClient(req.ctx, Number(req.params.id), req.body)),
  );
  app.post(
    '/sso/clients/:id/secret',
    {
      config: manage,
      schema: {
        tags,
        summary: '重置子平台密钥（旧密钥立即失效，新密钥只显示这一次）',
        params: IdParams,
        response: { 200: SsoClientWithSecret },
      },
    },
    async (req) => {
      const { row, clientSecret } = await resetSecret(req.ctx, Number(req.params.id));
      return { client: presentClient(row), clientSecret };
    },
  );
}
