import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';

// The single sign-on module's tables. Migration: server/migrations/0037_sso.sql.

/** A sub-platform (子平台): an OpenID Connect client the department registered. */
export const ssoClients = pgTable(
  'sso_clients',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    /** The client secret, encrypted with platform/pii (bound to this row): the provider compares it in plain. */
    secretEnc: text('secret_enc').notNull(),
    redirectUris: text('redirect_uris').array().notNull(),
    postLogoutRedirectUris: text('post_logout_redirect_uris').array().notNull().default(sql`'{}'`),
    allowedRoles: text('allowed_roles').array().notNull(),
    iconUrl: text('icon_url'),
    launchUrl: text('launch_url').notNull(),
    firstParty: boolean('first_party').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sso_clients_client_id_idx').on(t.clientId),
    check('sso_clients_name_check', sql`length(${t.name}) between 1 and 60`),
  ],
);

/** What oidc-provider keeps (its adapter's models: codes, tokens, sessions, grants, interactions). */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_id_idx').on(t.grantId).where(sql`${t.grantId} is not null`),
    index('oidc_payloads_uid_idx').on(t.uid).where(sql`${t.uid} is not null`),
    index('oidc_payloads_expires_at_idx').on(t.expiresAt),
  ],
);
