import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { allModules } from './modules/index.ts';
import { mountOidc } from './modules/sso/index.ts';
import { registerPolicies } from './platform/access/index.ts';
import { installGate, type RouteInfo } from './platform/http/api.ts';
import { clientErrorHandler, installErrorHandling, toErrorBody } from './platform/http/error-handler.ts';
import { pathOnly, withLogSerializers } from './platform/http/logging.ts';
import { requestLang } from './platform/http/lang.ts';
import { RequestLog } from './platform/http/request-log.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { validatorCompiler } from './platform/http/validation.ts';
import { type JobQueue, noJobs } from './platform/jobs/index.ts';
import type { ModuleManifest } from './platform/module.ts';
import { registerPortal } from './platform/portal/index.ts';
import { declareSettings } from './platform/settings/index.ts';
import { declareNoticeKinds } from './platform/notify/kinds.ts';
import type { Pii } from './platform/pii/index.ts';
import { workbenchModule } from './platform/workbench/index.ts';

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
  // the workbench counts the modules' to-dos: handed them here, it imports no module
  modules = [...modules, workbenchModule(modules)];
  const app = Fastify({
    // paths without query strings, errors without their parameters (platform/http/logging.ts)
    logger: withLogSerializers(logger),
    // one line per request: method, path, status, time; errors and slow answers louder (request-log.ts)
    logController: new RequestLog(),
    bodyLimit: 1024 * 1024,
    trustProxy: trustedProxies(config.trustProxy),
    // oversized headers and malformed HTTP, refused by Node before routing: the one error shape too
    clientErrorHandler,
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

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time; no inline script anywhere (the docs relax it below)
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
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
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // inline scripts on the API documentation only, never on the app's own pages
    transformStaticCSP: (csp: string) =>
      csp.replace(/script-src 'self'/, "script-src 'self' 'unsafe-inline'"),
  });

  for (const m of modules) registerPolicies(m.policies);
  for (const m of modules) if (m.settings) declareSettings(m.settings);
  for (const m of modules) if (m.notices) declareNoticeKinds(m.notices);
  const routes: RouteInfo[] = [];
  await app.register(
    async (api) => {
      installGate(api, { db: database.db, config, pii, jobs }, routes);
      for (const m of modules) if (m.routes) await api.register(m.routes);
    },
    { prefix: '/api/v1' },
  );

  // the OpenID Connect provider (single sign-on for the sub-platforms), outside /api/v1
  if (modules.some((m) => m.name === 'sso')) await mountOidc(app, { db: database.db, config, pii });

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

  // the public portal answers / (and /search), built or not: the web app's client routes are below it
  registerPortal(app, { db: database.db, modules, rateLimitPerMinute: config.publicRateLimitPerMinute });
  serveWeb(app, config.webDir);
  return { app, routes, modules, state };
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes "the nearest n addresses are proxies"
 * (proxy-addr's index 0 is the socket's peer): Fastify itself trusts no one for a bare number, and
 * `true` would believe the left-most X-Forwarded-For entry, which the client writes.
 */
function trustedProxies(
  t: Config['trustProxy'],
): false | string[] | ((addr: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_addr, hop) => hop < t : t;
}

/** The built web app, with every non-API path answered by index.html (client-side routes). */
function serveWeb(app: FastifyInstance, dir: string) {
  const index = path.join(dir, 'index.html');
  // not built (tests, API-only runs): the portal still answers / (platform/portal)
  if (!fs.existsSync(index)) return;
  // Each file of the build is a route of its own. The build wrote a .br and a .gz beside each text
  // file (web/vite.config.ts): those are sent in its place to a browser that accepts them.
  // Hashed files under /assets never change: cached for a year; anything else is revalidated.
  const assets = path.join(dir, 'assets') + path.sep;
  app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) =>
      reply.header(
        'cache-control',
        file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const file = pathOnly(req.url);
    if (file.startsWith('/api/')) return reply.callNotFound();
    if (/\.[a-z0-9]+$/i.test(file)) {
      // a file written after start-up (a rebuild): sent with the same headers as the others
      const rel = path.normalize(file).replace(/^\/+/, '');
      return fs.existsSync(path.join(dir, rel)) ? reply.sendFile(rel) : reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
}
