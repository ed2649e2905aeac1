import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Role } from '../../../../contracts/auth.ts';
import type { SsoClient } from '../../../../contracts/sso/clients.ts';
import type { SsoTiles } from '../../../../contracts/sso/tiles.ts';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { bind, type Pii } from '../../platform/pii/index.ts';
import { ssoClients } from './schema.ts';

export type ClientRow = typeof ssoClients.$inferSelect;
type Saved = {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  allowedRoles: Role[];
  iconUrl: string | null;
  launchUrl: string;
  firstParty: boolean;
  enabled: boolean;
};

const secretBinding = (id: number) => bind('sso_clients', 'secret_enc', id);
const newClientId = () =>
  `hy-${randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
const newSecret = () => randomBytes(32).toString('base64url');
const WHAT = { zh: '子平台', en: 'Sub-platform' };

export async function findClientRow(db: Queryable, clientId: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(ssoClients).where(eq(ssoClients.clientId, clientId)).limit(1);
  return row;
}

/**
 * What oidc-provider reads for a client (its Client model): a confidential web application using
 * the authorization code flow (PKCE required for all) with refresh tokens, authenticating with its
 * secret (HTTP Basic or in the body). The provider compares the secret in plain (constant time),
 * so it is stored encrypted, not hashed.
 */
export function clientMetadata(row: ClientRow, pii: Pii) {
  return {
    client_id: row.clientId,
    client_secret: pii.decrypt(row.secretEnc, secretBinding(row.id)),
    client_name: row.name,
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

export function presentClient(row: ClientRow): SsoClient {
  return {
    id: String(row.id),
    clientId: row.clientId,
    name: row.name,
    redirectUris: row.redirectUris,
    postLogoutRedirectUris: row.postLogoutRedirectUris,
    allowedRoles: row.allowedRoles as Role[],
    iconUrl: row.iconUrl,
    launchUrl: row.launchUrl,
    firstParty: row.firstParty,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The audit's view of a client: never the secret. */
const auditView = (row: ClientRow) => {
  const { secretEnc: _s, createdAt: _c, updatedAt: _u, iconUrl, ...rest } = row;
  return { ...rest, icon: iconUrl ? (iconUrl.startsWith('data:') ? '(图片)' : iconUrl) : null };
};

export async function listClients(ctx: Ctx): Promise<ClientRow[]> {
  return ctx.db.select().from(ssoClients).orderBy(asc(ssoClients.id));
}

/** Registers a sub-platform; its secret is returned this once. `fixed` is the demo seed's known id and secret. */
export async function createClient(
  db: Queryable,
  ctx: Pick<Ctx, 'actor' | 'ip' | 'userAgent' | 'pii'> & Partial<Ctx>,
  input: Saved,
  fixed?: { clientId: string; clientSecret: string },
): Promise<{ row: ClientRow; clientSecret: string }> {
  const clientSecret = fixed?.clientSecret ?? newSecret();
  const run = async (tx: Queryable) => {
    const [made] = await tx
      .insert(ssoClients)
      .values({
        ...input,
        clientId: fixed?.clientId ?? newClientId(),
        secretEnc: '-',
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    const [row] = await tx
      .update(ssoClients)
      .set({ secretEnc: ctx.pii.encrypt(clientSecret, secretBinding(made.id)) })
      .where(eq(ssoClients.id, made.id))
      .returning();
    await recordAudit(tx, ctx as Ctx, {
      action: 'sso.client_created',
      targetType: 'sso_client',
      targetId: row.id,
      after: auditView(row),
    });
    return row;
  };
  const row = await (db as Db).transaction(run);
  return { row, clientSecret };
}

async function locked(tx: Queryable, id: number): Promise<ClientRow> {
  const [row] = await tx.select().from(ssoClients).where(eq(ssoClients.id, id)).for('update');
  if (!row) throw notFound(WHAT);
  return row;
}

export async function updateClient(ctx: Ctx, id: number, input: Saved): Promise<ClientRow> {
  actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await locked(tx, id);
    const [row] = await tx
      .update(ssoClients)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(ssoClients.id, id))
      .returning();
    const action =
      before.enabled && !row.enabled
        ? 'sso.client_disabled'
        : !before.enabled && row.enabled
          ? 'sso.client_enabled'
          : 'sso.client_updated';
    await recordAudit(tx, ctx, {
      action,
      targetType: 'sso_client',
      targetId: id,
      before: auditView(before),
      after: auditView(row),
    });
    return row;
  });
}

export async function resetSecret(ctx: Ctx, id: number): Promise<{ row: ClientRow; clientSecret: string }> {
  actorOf(ctx);
  const clientSecret = newSecret();
  const row = await ctx.db.transaction(async (tx) => {
    await locked(tx, id);
    const [row] = await tx
      .update(ssoClients)
      .set({ secretEnc: ctx.pii.encrypt(clientSecret, secretBinding(id)), updatedAt: ctx.now() })
      .where(eq(ssoClients.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'sso.secret_reset',
      targetType: 'sso_client',
      targetId: id,
      after: { clientId: row.clientId },
    });
    return row;
  });
  return { row, clientSecret };
}

/** The roles the actor holds anywhere (a study-card session holds 'member' only: loadSession). */
export const rolesOf = (actor: Pick<Actor, 'grants'>): Set<string> =>
  new Set(actor.grants.map((g) => g.role));

export const mayUse = (row: Pick<ClientRow, 'allowedRoles'>, roles: Set<string>) =>
  row.allowedRoles.some((r) => roles.has(r));

/** The workbench's tiles: the enabled sub-platforms one of the actor's roles may use. */
export async function tilesFor(ctx: Ctx): Promise<SsoTiles> {
  const roles = rolesOf(actorOf(ctx));
  const rows = await ctx.db
    .select()
    .from(ssoClients)
    .where(eq(ssoClients.enabled, true))
    .orderBy(asc(ssoClients.id));
  return {
    items: rows
      .filter((r) => mayUse(r, roles))
      .map((r) => ({ clientId: r.clientId, name: r.name, iconUrl: r.iconUrl, launchUrl: r.launchUrl })),
  };
}
