import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, holds } from '../access/index.ts';
import { CSRF_COOKIE, loadSession, loadSessionKept, SESSION_COOKIE } from '../auth/sessions.ts';
import type { Ctx } from '../context.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Pii } from '../pii/index.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';
import { requestLang } from './lang.ts';

/**
 * How a route is guarded. 'public': anyone; 'authenticated': any signed-in user (their own
 * things); otherwise an action from a policy: the user must hold it somewhere, and the
 * operation then checks the object's org with authorize().
 */
export type Access = 'public' | 'authenticated' | (string & {});

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The login session may be up to this old on this route (platform/auth/sessions.ts
     * loadSessionKept): only for a path too busy for a read per request, where a revocation seen
     * that much later through another process does no harm (the study heartbeat, an examinee's
     * answers, the members' course search).
     */
    sessionKeptMs?: number;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    ctx: Ctx;
  }
}

export type RouteInfo = { method: string; url: string; access: Access };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The API scope: every route under it must say who may call it (checked when it is registered),
 * and every request passes the same gate: session → CSRF → action.
 */
export function installGate(
  app: FastifyInstance,
  deps: { db: Db; config: Config; pii: Pii; jobs: JobQueue },
  routes: RouteInfo[],
) {
  app.addHook('onRoute', (opts) => {
    const access = opts.config?.access;
    if (!access) throw new Error(`route ${opts.method} ${opts.url} has no access policy (config.access)`);
    for (const method of [opts.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: opts.url, access });
    }
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('ctx', {
    getter(this: FastifyRequest): Ctx {
      return {
        db: deps.db,
        actor: this.actor,
        ip: this.ip ?? null,
        userAgent: (this.headers['user-agent'] as string | undefined) ?? null,
        lang: requestLang(this),
        now: deps.config.testClock ? testClock(this) : () => new Date(),
        pii: deps.pii,
        config: deps.config,
        jobs: deps.jobs,
      };
    },
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // routeOptions is built anew on every read: read once
    const config = req.routeOptions.config;
    const access = config?.access;
    if (!access) return; // not-found handler
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const keptMs = config?.sessionKeptMs;
      const loaded = keptMs
        ? await loadSessionKept(deps.db, token, deps.config.sessionMaxHours, keptMs)
        : await loadSession(deps.db, token, deps.config.sessionMaxHours);
      if (loaded && !loaded.disabled) {
        req.actor = loaded.actor;
        req.csrfToken = loaded.csrfToken;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      }
    }
    if (access === 'public') return;
    if (!req.actor) {
      throw token
        ? new AppError(401, 'session_expired', {
            zh: '登录已失效，请重新登录',
            en: 'Your session has ended; please log in again',
          })
        : unauthenticated();
    }
    if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new AppError(403, 'csrf', {
        zh: '请求缺少有效的防伪令牌（x-csrf-token），请刷新页面后重试',
        en: 'Missing or wrong CSRF token (x-csrf-token); reload the page and retry',
      });
    }
    if (access !== 'authenticated' && !holds(req.actor, access)) throw forbidden();
  });
}

/** The X-Test-Now clock of an end-to-end test (config.testClock); the real one without the header. */
function testClock(req: FastifyRequest): () => Date {
  const h = req.headers['x-test-now'];
  const at = typeof h === 'string' ? new Date(h) : null;
  return at && !Number.isNaN(at.getTime()) ? () => at : () => new Date();
}
