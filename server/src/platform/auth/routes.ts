import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePassword, Login, Me, SessionList } from '../../../../contracts/auth.ts';
import { Id, IdParams, Ok } from '../../../../contracts/common.ts';
import {
  CreateGrant,
  CreateUser,
  ResetPassword,
  UpdateUser,
  User,
  UserListQuery,
  UserPage,
} from '../../../../contracts/users.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../http/errors.ts';
import { LoginNameLimit, tooManyForName, waitText } from './login-guard.ts';
import * as auth from './service.ts';
import { CSRF_COOKIE, loadSession, SESSION_COOKIE } from './sessions.ts';
import * as usersSvc from './users.ts';

function setSessionCookies(
  req: FastifyRequest,
  reply: FastifyReply,
  s: { token: string; csrfToken: string },
  config: Config,
) {
  // COOKIE_SECURE when TLS ends at a proxy that does not say so (X-Forwarded-Proto, TRUST_PROXY)
  const secure = config.cookieSecure || req.protocol === 'https';
  // HttpOnly session; the CSRF token is readable by our own script, which echoes it in x-csrf-token
  reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(CSRF_COOKIE, s.csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure });
}

export function authRoutes(config: Config) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth 登录与会话'];
    const failuresPerName = new LoginNameLimit(config.loginNameLimit, config.loginNameWindowMinutes);

    app.post(
      '/auth/login',
      {
        config: {
          access: 'public',
          rateLimit: {
            max: config.loginRateLimitPerMinute,
            timeWindow: '1 minute',
            errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) => {
              const wait = waitText(ctx.ttl);
              return new AppError(429, 'rate_limited', {
                zh: `登录尝试过于频繁，请 ${wait.zh}后再试`,
                en: `Too many login attempts; retry in ${wait.en}`,
              });
            },
          },
        },
        schema: { tags, summary: '用户名、手机号或学习卡号 + 密码登录', body: Login, response: { 200: Me } },
      },
      async (req, reply) => {
        const place = failuresPerName.reserve(req.body.username);
        if (!place.ok) throw tooManyForName(place.waitMs);
        const { session } = await auth.login(req.ctx, req.body);
        place.release();
        setSessionCookies(req, reply, session, config);
        const loaded = await loadSession(req.ctx.db, session.token, config.sessionMaxHours);
        return auth.me({ ...req.ctx, actor: loaded!.actor });
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'authenticated' }, schema: { tags, response: { 200: Ok } } },
      async (req, reply) => {
        await auth.logout(req.ctx);
        reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/me',
      { config: { access: 'authenticated' }, schema: { tags, response: { 200: Me } } },
      (req) => auth.me(req.ctx),
    );

    app.post(
      '/auth/password',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '修改我的密码', body: ChangePassword, response: { 200: Ok } },
      },
      async (req) => {
        await auth.changePassword(req.ctx, req.body);
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/sessions',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '我的登录会话', response: { 200: SessionList } },
      },
      async (req) => ({
        items: await auth.listMySessions(req.ctx),
      }),
    );

    app.delete(
      '/auth/sessions/:id',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '注销我的某个会话', params: IdParams, response: { 200: Ok } },
      },
      async (req) => {
        await auth.revokeMySession(req.ctx, Number(req.params.id));
        return { ok: true as const };
      },
    );

    const utags = ['users 账号与角色'];
    const view = { access: 'user.view' };
    const manage = { access: 'user.manage' };

    app.get(
      '/users',
      { config: view, schema: { tags: utags, querystring: UserListQuery, response: { 200: UserPage } } },
      (req) => usersSvc.listUsers(req.ctx, req.query),
    );
    app.get(
      '/users/:id',
      { config: view, schema: { tags: utags, params: IdParams, response: { 200: User } } },
      (req) => usersSvc.getUser(req.ctx, Number(req.params.id)),
    );
    app.post(
      '/users',
      { config: manage, schema: { tags: utags, body: CreateUser, response: { 201: User } } },
      async (req, reply) => reply.status(201).send(await usersSvc.createUser(req.ctx, req.body)),
    );
    app.patch(
      '/users/:id',
      {
        config: manage,
        schema: { tags: utags, params: IdParams, body: UpdateUser, response: { 200: User } },
      },
      (req) => usersSvc.updateUser(req.ctx, Number(req.params.id), req.body),
    );
    app.post(
      '/users/:id/reset-password',
      {
        config: manage,
        schema: {
          tags: utags,
          summary: '重置密码（用户下次登录须修改）',
          params: IdParams,
          body: ResetPassword,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await usersSvc.resetPassword(req.ctx, Number(req.params.id), req.body.password);
        return { ok: true as const };
      },
    );
    app.post(
      '/users/:id/unlock',
      {
        config: manage,
        schema: { tags: utags, summary: '解除锁定', params: IdParams, response: { 200: User } },
      },
      (req) => usersSvc.unlockUser(req.ctx, Number(req.params.id)),
    );
    app.post(
      '/users/:id/grants',
      {
        config: manage,
        schema: {
          tags: utags,
          summary: '授予角色',
          params: IdParams,
          body: CreateGrant,
          response: { 200: User },
        },
      },
      (req) => usersSvc.grantRole(req.ctx, Number(req.params.id), req.body),
    );
    app.delete(
      '/users/:id/grants/:grantId',
      {
        config: manage,
        schema: {
          tags: utags,
          summary: '撤销角色',
          params: z.strictObject({ id: Id, grantId: Id }),
          response: { 200: User },
        },
      },
      (req) => usersSvc.revokeRole(req.ctx, Number(req.params.id), Number(req.params.grantId)),
    );
  };
}
