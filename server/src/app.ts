import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { allModules } from './modules/index.ts';
import { registerPolicies } from './platform/access/index.ts';
import { installGate, type RouteInfo } from './platform/http/api.ts';
import { installErrorHandling, toErrorBody } from './platform/http/error-handler.ts';
import { requestLang } from './platform/http/lang.ts';
import { validatorCompiler } from './platform/http/validation.ts';
import { type JobQueue, noJobs } from './platform/jobs/index.ts';
import type { ModuleManifest } from './platform/module.ts';
import type { Pii } from './platform/pii/index.ts';

export type AppDeps = {
  config: Config;
  database: Database;
  pii: Pii;
  jobs?: JobQueue;
  logger?: boolean | object;
  /** The modules to serve; default: all of them (modules/index.ts). */
  modules?: ModuleManifest[];
};
export type App = {
  app: FastifyInstance;
  routes: RouteInfo[];
  modules: ModuleManifest[];
  state: { shuttingDown: boolean };
};

export async function buildApp({
  config,
  database,
  pii,
  jobs = noJobs,
  logger = false,
  modules = allModules(config),
}: AppDeps): Promise<App> {
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // keep-alive sockets that are idle close at once on shutdown; busy ones finish their request
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // malformed URLs and the like, answered in the one error shape
    frameworkErrors: (err, req, reply) => {
      const { status, body } = toErrorBody(err, requestLang(req));
      (reply as FastifyReply).code(status).send(body);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time; swagger-ui needs its inline bootstrap
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: '红云智慧党建平台 API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  for (const m of modules) registerPolicies(m.policies);
  const routes: RouteInfo[] = [];
  await app.register(
    async (api) => {
      installGate(api, { db: database.db, config, pii, jobs }, routes);
      for (const m of modules) if (m.routes) await api.register(m.routes);
    },
    { prefix: '/api/v1' },
  );

  const state = { shuttingDown: false };
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (state.shuttingDown) return reply.status(503).send({ status: 'shutting_down' });
    try {
      await database.pool.query('select 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });

  serveWeb(app, config.webDir);
  return { app, routes, modules, state };
}

/** The built web app, with every non-API path answered by index.html (client-side routes). */
function serveWeb(app: FastifyInstance, dir: string) {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<h1>红云</h1><p>网页尚未构建：请运行 <code>npm run build</code>。API 在 /api/v1，文档在 /api/docs。</p>',
        ),
    );
    return;
  }
  app.register(fastifyStatic, { root: dir, wildcard: false, index: false, maxAge: '1h' });
  const html = fs.readFileSync(index, 'utf8');
  app.get('/*', async (req, reply) => {
    const file = req.url.split('?')[0];
    if (file.startsWith('/api/')) return reply.callNotFound();
    if (/\.[a-z0-9]+$/i.test(file)) {
      const rel = path.normalize(file).replace(/^\/+/, '');
      if (fs.existsSync(path.join(dir, rel))) {
        return reply
          .header(
            'cache-control',
            rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          )
          .sendFile(rel);
      }
      return reply.callNotFound();
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
