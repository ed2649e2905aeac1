import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePassword,
  Login,
  LoginCode,
  LoginCodeResult,
  LoginResult,
  Me,
  RecoveryCodes,
  SessionList,
  TotpCodeBody,
  TotpEnrolment,
  TotpReset,
  TotpStatus,
} from '../../../../contracts/auth.ts';
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
import * as second from './second-factor.ts';
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
        schema: {
          tags,
          summary: '用户名、手机号或学习卡号 + 密码登录；须两步验证的账号得到下一步（step）而非会话',
          body: Login,
          response: { 200: LoginResult },
        },
      },
      async (req, reply) => {
        const place = failuresPerName.reserve(req.body.username);
        if (!place.ok) throw tooManyForName(place.waitMs);
        const done = await auth.login(req.ctx, req.body, req.cookies[second.DEVICE_COOKIE]);
        place.release();
        if ('step' in done) return done.step;
        return openSession(req, reply, done.session);
      },
    );

    app.post(
      '/auth/login/code',
      {
        config: {
          access: 'public',
          rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags,
          summary: '两步验证：输入验证器上的 6 位验证码（或恢复码），完成登录',
          body: LoginCode,
          response: { 200: LoginCodeResult },
        },
      },
      async (req, reply) => {
        const { ticket, remember, code, recoveryCode } = req.body;
        const proof = code != null ? { code } : { recoveryCode: recoveryCode! };
        const passed = await second.passSecondFactor(req.ctx, { ticket, remember, ...proof });
        const who = await auth.loginUser(req.ctx, passed.userId);
        const factor = code != null ? 'totp' : 'recovery_code';
        const { session } = await auth.finishLogin(req.ctx, who, 'password', factor);
        if (passed.device) {
          reply.setCookie(second.DEVICE_COOKIE, passed.device.token, {
            path: '/api/v1/auth',
            httpOnly: true,
            sameSite: 'lax',
            secure: config.cookieSecure || req.protocol === 'https',
            expires: passed.device.expiresAt,
          });
        }
        const me = await openSession(req, reply, session);
        return passed.recoveryCodes ? { ...me, recoveryCodes: passed.recoveryCodes } : me;
      },
    );

    async function openSession(
      req: FastifyRequest,
      reply: FastifyReply,
      session: { token: string; csrfToken: string },
    ) {
      setSessionCookies(req, reply, session, config);
      const loaded = await loadSession(req.ctx.db, session.token, config.sessionMaxHours);
      return auth.me({ ...req.ctx, actor: loaded!.actor });
    }

    // 两步验证 on the account page: a card session (a shared kiosk) acts as a member only and may not
    const own = (req: FastifyRequest) => {
      const actor = req.ctx.actor!;
      if (actor.session?.viaCard) {
        throw new AppError(403, 'card_session', {
          zh: '学习卡登录不能设置两步验证，请用账号密码登录',
          en: 'Not with a study-card session',
        });
      }
      return actor;
    };

    app.get(
      '/auth/totp',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '我的两步验证', response: { 200: TotpStatus } },
      },
      (req) => second.totpStatus(req.ctx, own(req).userId, req.cookies[second.DEVICE_COOKIE]),
    );
    app.post(
      '/auth/totp/enrol',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '开始设置两步验证：得到密钥和二维码内容', response: { 200: TotpEnrolment } },
      },
      (req) => {
        const actor = own(req);
        return second.startEnrolment(req.ctx, { id: actor.userId, username: actor.username });
      },
    );
    app.post(
      '/auth/totp/confirm',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '输入第一个验证码，启用两步验证；返回恢复码（只显示一次）',
          body: TotpCodeBody,
          response: { 200: RecoveryCodes },
        },
      },
      (req) => second.confirmEnrolment(req.ctx, own(req).userId, req.body.code),
    );
    app.post(
      '/auth/totp/recovery-codes',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '重新生成恢复码（旧的作废）',
          body: TotpCodeBody,
          response: { 200: RecoveryCodes },
        },
      },
      (req) => second.renewRecoveryCodes(req.ctx, own(req).userId, req.body.code),
    );
    app.post(
      '/auth/totp/disable',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '关闭两步验证（角色要求的不能关闭）',
          body: TotpCodeBody,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await second.disableTotp(req.ctx, own(req).userId, req.body.code);
        return { ok: true as const };
      },
    );
    app.delete(
      '/auth/trusted-devices',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '忘记所有记住的设备（之后每台设备都要验证码）', response: { 200: Ok } },
      },
      async (req, reply) => {
        await second.forgetDevices(req.ctx, own(req).userId);
        reply.clearCookie(second.DEVICE_COOKIE, { path: '/api/v1/auth' });
        return { ok: true as const };
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
      '/users/:id/totp-reset',
      {
        config: manage,
        schema: {
          tags: utags,
          summary: '重置两步验证（丢了手机）：密钥、恢复码和记住的设备作废，下次登录重新设置',
          params: IdParams,
          body: TotpReset,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await usersSvc.resetSecondFactor(req.ctx, Number(req.params.id), req.body.reason);
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
