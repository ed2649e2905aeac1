import Provider, { type KoaContextWithOIDC, interactionPolicy } from 'oidc-provider';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { actorLabel, recordAudit } from '../../platform/audit/service.ts';
import { loadSession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Pii } from '../../platform/pii/index.ts';
import { pgAdapterFactory } from './adapter.ts';
import { findClientRow, mayUse, rolesOf } from './clients.ts';
import { loadCookieKeys, loadSigningKeys } from './keys.ts';
import { errorPage, loggedOutPage, logoutPage } from './pages.ts';

const { Check } = interactionPolicy;

export type OidcDeps = { db: Db; config: Config; pii: Pii };

/** Where the provider is mounted; the issuer is `<publicUrl>/oidc`. */
export const OIDC_PREFIX = '/oidc';
export const issuerOf = (config: Pick<Config, 'publicUrl'>) => `${config.publicUrl}${OIDC_PREFIX}`;

type AuditInput = {
  action: 'sso.signin' | 'sso.refused' | 'sso.signout';
  userId?: number | null;
  clientId?: string | null;
  ip: string | null;
  userAgent: string | null;
  after: Record<string, unknown>;
};

/**
 * One audit entry for the provider's events (sign-ins, refusals), in its own statement: the
 * provider's requests run outside any Hongyun transaction. The user (when known) is named as the
 * actor, with their home org so their org's admins see it in their part of the log.
 */
export async function auditSso(db: Db, e: AuditInput): Promise<void> {
  let actor:
    | { id: number; username: string; displayName: string; orgId: number | null; orgPath: string | null }
    | undefined;
  if (e.userId) {
    const { rows } = await db.$client.query<{
      id: number;
      username: string;
      display_name: string;
      org_id: number | null;
      path: string | null;
    }>(
      'select u.id, u.username, u.display_name, u.org_id, o.path from users u left join orgs o on o.id = u.org_id where u.id = $1',
      [e.userId],
    );
    const r = rows[0];
    if (r)
      actor = {
        id: Number(r.id),
        username: r.username,
        displayName: r.display_name,
        orgId: r.org_id == null ? null : Number(r.org_id),
        orgPath: r.path,
      };
  }
  const ctx = { actor: null, ip: e.ip, userAgent: e.userAgent } as unknown as Ctx;
  await recordAudit(db, ctx, {
    action: e.action,
    targetType: e.clientId ? 'sso_client' : undefined,
    targetId: e.clientId ?? undefined,
    orgId: actor?.orgId ?? null,
    orgPath: actor?.orgPath ?? null,
    actorId: actor?.id ?? null,
    actorName: actor ? actorLabel(actor) : null,
    after: e.after,
  });
}

/** What the provider's claims say about a Hongyun user (scopes profile, org, roles). */
async function accountClaims(db: Db, userId: number) {
  const { rows } = await db.$client.query<{
    display_name: string;
    org_id: number | null;
    org_name: string | null;
    roles: string[];
    disabled: boolean;
  }>({
    name: 'oidc_account',
    text: `select u.display_name, u.org_id, o.name as org_name, u.disabled,
              coalesce((select array_agg(distinct g.role order by g.role) from role_grants g where g.user_id = u.id), '{}') as roles
         from users u left join orgs o on o.id = u.org_id where u.id = $1`,
    values: [userId],
  });
  const r = rows[0];
  if (!r || r.disabled) return undefined;
  return {
    name: r.display_name,
    org: r.org_id == null ? null : { id: String(r.org_id), name: r.org_name },
    roles: r.roles,
  };
}

/** Hongyun's own login (the hy_session cookie) behind a provider request, and what it may use. */
async function hongyunUser(db: Db, config: Config, cookieValue: string | undefined) {
  if (!cookieValue) return null;
  const loaded = await loadSession(db, cookieValue, config.sessionMaxHours);
  return loaded && !loaded.disabled ? loaded.actor : null;
}

const errorText = (err: unknown) => {
  const e = err as { error?: string; error_description?: string; message?: string };
  return { error: e.error ?? 'server_error', description: e.error_description ?? e.message ?? '' };
};

/**
 * Hongyun as an OpenID Connect provider (oidc-provider, certified): authorization code with PKCE
 * (S256, always), refresh tokens (offline_access), userinfo with name, org and roles behind the
 * scopes of those names, RP-initiated logout. Login and consent are Hongyun's own session
 * (interaction.ts); clients are the department's registry (clients.ts, via the adapter).
 */
export function buildProvider(deps: OidcDeps): Provider {
  const { db, config, pii } = deps;
  const policy = interactionPolicy.base();
  // The provider's own session never outlives or replaces Hongyun's: every authorization request
  // checks that the same Hongyun user is logged in (a logout or a change of user in Hongyun is seen
  // at once) and that one of their roles may use the client; otherwise the interaction runs.
  policy.get('login').checks.add(
    new Check(
      'hongyun_session',
      '红云登录状态需要确认 / Hongyun session to confirm',
      async (ctx: KoaContextWithOIDC) => {
        const actor = await hongyunUser(db, config, ctx.cookies.get(SESSION_COOKIE, { signed: false }));
        if (!actor || String(actor.userId) !== ctx.oidc.session?.accountId) return Check.REQUEST_PROMPT;
        const row = ctx.oidc.client ? await findClientRow(db, ctx.oidc.client.clientId) : undefined;
        if (!row || !mayUse(row, rolesOf(actor))) return Check.REQUEST_PROMPT;
        return Check.NO_NEED_TO_PROMPT;
      },
    ),
    0,
  );

  const provider = new Provider(issuerOf(config), {
    adapter: pgAdapterFactory(db, pii),
    clients: [],
    jwks: loadSigningKeys(config),
    cookies: {
      keys: loadCookieKeys(config),
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    pkce: { required: () => true },
    responseTypes: ['code'],
    scopes: ['openid', 'offline_access', 'profile', 'org', 'roles'],
    claims: { openid: ['sub'], profile: ['name'], org: ['org'], roles: ['roles'] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(ctx.oidc.client?.clientName);
        },
      },
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${OIDC_PREFIX}/interaction/${interaction.uid}`,
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 3600,
      Interaction: 600,
      Session: 14 * 24 * 3600,
      Grant: 30 * 24 * 3600,
      RefreshToken: (_ctx: unknown, token: { isSenderConstrained?: () => boolean }) =>
        token.isSenderConstrained?.() ? 30 * 24 * 3600 : 14 * 24 * 3600,
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const id = Number(sub);
      if (!Number.isSafeInteger(id) || id <= 0) return undefined;
      const claims = await accountClaims(db, id);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  });
  provider.proxy = config.trustProxy !== false;

  const from = (ctx: KoaContextWithOIDC) => ({
    ip: ctx.ip ?? null,
    userAgent: ctx.get?.('user-agent') || null,
  });
  const safely = (p: Promise<void>) =>
    p.catch((e) => console.error('sso: audit failed', (e as Error).message));

  // every code issued to a sub-platform is a sign-in to it
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    safely(
      auditSso(db, {
        action: 'sso.signin',
        userId: Number(ctx.oidc.session?.accountId) || null,
        clientId: ctx.oidc.client?.clientId ?? null,
        ...from(ctx),
        after: {
          clientId: ctx.oidc.client?.clientId,
          client: ctx.oidc.client?.clientName,
          scope: ctx.oidc.params?.scope,
        },
      }),
    );
  });
  // refusals: unregistered redirect URI, unknown client, forged or replayed code, PKCE mismatch, wrong secret
  const refused = (where: string) => (ctx: KoaContextWithOIDC, err: unknown) => {
    const { error, description } = errorText(err);
    const clientId =
      ctx.oidc?.client?.clientId ?? (ctx.oidc?.params?.client_id as string | undefined) ?? null;
    safely(
      auditSso(db, {
        action: 'sso.refused',
        userId: Number(ctx.oidc?.session?.accountId) || null,
        clientId: typeof clientId === 'string' ? clientId.slice(0, 100) : null,
        ...from(ctx),
        after: {
          where,
          error,
          description: description.slice(0, 300),
          redirectUri:
            typeof ctx.oidc?.params?.redirect_uri === 'string'
              ? (ctx.oidc.params.redirect_uri as string).slice(0, 300)
              : undefined,
        },
      }),
    );
  };
  provider.on('authorization.error', refused('authorization'));
  provider.on('grant.error', refused('token'));
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    safely(
      auditSso(db, {
        action: 'sso.signout',
        userId: Number(ctx.oidc.session?.accountId) || null,
        clientId: ctx.oidc.client?.clientId ?? null,
        ...from(ctx),
        after: { clientId: ctx.oidc.client?.clientId },
      }),
    );
  });
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('sso: provider error', err));
  return provider;
}
