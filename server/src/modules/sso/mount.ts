import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { loadSession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { findClientRow, mayUse, rolesOf } from './clients.ts';
import { consentPage, messagePage } from './pages.ts';
import { auditSso, buildProvider, OIDC_PREFIX, type OidcDeps } from './provider.ts';

/**
 * Mounts the provider at /oidc, outside /api/v1: an encapsulated plugin whose content-type parser
 * passes every body through untouched (the provider reads the raw body itself), whose handlers
 * hijack the reply and hand Node's request and response to the provider. Every route declares
 * `config.access: 'public'`: the provider authenticates its callers itself (client secrets,
 * tokens, PKCE), and the interaction reads Hongyun's session.
 */
export async function mountOidc(app: FastifyInstance, deps: OidcDeps): Promise<Provider> {
  const provider = buildProvider(deps);
  const handler = provider.callback();
  // the provider's own endpoints are described by its discovery document, not the API's OpenAPI one
  const pub = { config: { access: 'public' as const }, schema: { hide: true } };

  await app.register(
    async (oidc) => {
      oidc.removeAllContentTypeParsers();
      oidc.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

      /** The platform's security headers (set by an onRequest hook) onto the raw response. */
      const headersToRaw = (reply: FastifyReply) => {
        for (const [k, v] of Object.entries(reply.getHeaders())) {
          if (v === undefined) continue;
          // the provider's pages post forms whose answer redirects to a sub-platform
          const value =
            k === 'content-security-policy'
              ? String(v).replace("form-action 'self'", "form-action 'self' http: https:")
              : v;
          reply.raw.setHeader(k, value as string);
        }
      };
      const pass = async (req: FastifyRequest, reply: FastifyReply) => {
        headersToRaw(reply);
        reply.hijack();
        const raw = req.raw as typeof req.raw & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '').slice(OIDC_PREFIX.length) || '/';
        handler(raw, reply.raw);
      };

      // Hongyun's login and consent for the provider's interactions
      oidc.get('/interaction/:uid', pub, async (req, reply) => {
        headersToRaw(reply);
        reply.hijack();
        await interaction(provider, deps, req, reply, 'show').catch((err) => failed(req, reply, err));
      });
      oidc.post('/interaction/:uid/confirm', pub, async (req, reply) => {
        headersToRaw(reply);
        reply.hijack();
        await interaction(provider, deps, req, reply, 'confirm').catch((err) => failed(req, reply, err));
      });
      oidc.post('/interaction/:uid/abort', pub, async (req, reply) => {
        headersToRaw(reply);
        reply.hijack();
        await interaction(provider, deps, req, reply, 'abort').catch((err) => failed(req, reply, err));
      });
      oidc.all('/', pub, pass);
      oidc.all('/*', pub, pass);
    },
    { prefix: OIDC_PREFIX },
  );
  return provider;
}

/** An interaction that threw after the reply was taken over: logged, and answered, never left hanging. */
function failed(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  req.log.error({ err }, 'oidc interaction failed');
  if (reply.raw.headersSent) return reply.raw.end();
  send(
    reply,
    500,
    messagePage({
      title: '登录子平台失败',
      zh: '登录子平台时出错，请回到子平台重新点击“使用红云账号登录”。',
      en: 'Signing in to the sub-platform failed; start again from the sub-platform.',
    }),
  );
}

function send(reply: FastifyReply, status: number, html: string) {
  reply.raw.statusCode = status;
  reply.raw.setHeader('content-type', 'text/html; charset=utf-8');
  reply.raw.setHeader('cache-control', 'no-store');
  reply.raw.end(html);
}

/**
 * An interaction (login or consent) completed from Hongyun's own session: logged in → the user's
 * id is the account; not logged in → to Hongyun's login page, which comes back here. A first-party
 * sub-platform is granted what it asked at once; another shows a consent page. A user holding none
 * of the roles the sub-platform allows is refused (and the refusal audited).
 */
async function interaction(
  provider: Provider,
  deps: OidcDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  step: 'show' | 'confirm' | 'abort',
) {
  const { db, config } = deps;
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req.raw, reply.raw);
  } catch {
    return send(
      reply,
      400,
      messagePage({
        title: '登录已过期',
        zh: '这次登录子平台的过程已过期或已完成，请回到子平台重新点击“使用红云账号登录”。',
        en: 'This sign-in has expired or already finished; start again from the sub-platform.',
      }),
    );
  }
  const token = req.cookies[SESSION_COOKIE];
  const loaded = token ? await loadSession(db, token, config.sessionMaxHours) : null;
  const actor = loaded && !loaded.disabled ? loaded.actor : null;
  if (!actor) {
    reply.raw.statusCode = 303;
    reply.raw.setHeader(
      'location',
      `/login?next=${encodeURIComponent(`${OIDC_PREFIX}/interaction/${details.uid}`)}`,
    );
    return reply.raw.end();
  }
  const clientId = String(details.params.client_id);
  const row = await findClientRow(db, clientId);
  const audit = { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null };
  if (!row?.enabled) {
    return send(
      reply,
      400,
      messagePage({
        title: '无法登录子平台',
        zh: '该子平台没有在红云登记，或已被组织部停用。',
        en: 'This sub-platform is not registered or has been disabled.',
      }),
    );
  }
  if (!mayUse(row, rolesOf(actor))) {
    await auditSso(db, {
      action: 'sso.refused',
      userId: actor.userId,
      clientId,
      ...audit,
      after: {
        where: 'interaction',
        error: 'role_not_allowed',
        client: row.name,
        allowedRoles: row.allowedRoles,
      },
    });
    return send(
      reply,
      403,
      messagePage({
        title: '没有使用权限',
        zh: `您的账号没有使用「${row.name}」的权限：组织部只向部分角色开放了这个子平台。如需使用，请联系组织部管理员。`,
        en: `Your account may not use “${row.name}”: the department opened it to other roles only.`,
      }),
    );
  }
  if (step === 'abort') {
    return provider.interactionFinished(req.raw, reply.raw, {
      error: 'access_denied',
      error_description: 'End-User refused the consent',
    });
  }
  const accountId = String(actor.userId);
  const login = { accountId };
  if (!row.firstParty && step !== 'confirm') {
    const scopes = String(details.params.scope ?? '')
      .split(' ')
      .filter(Boolean);
    return send(reply, 200, consentPage({ uid: details.uid, clientName: row.name, scopes }));
  }
  // first-party (or consented): a grant of what was asked, with the login, in one step
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const missingClaims = details.prompt.details?.missingOIDCClaims as string[] | undefined;
  if (missingClaims?.length) grant.addOIDCClaims(missingClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(
    req.raw,
    reply.raw,
    { login, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
