import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CommandKind, CommandState } from '../../../../contracts/kiosk/terminals.ts';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

// The kiosk module's tables. Migration: server/migrations/0038_kiosk.sql.

/**
 * 触摸屏终端: a touch screen at a village service centre. It is created in the console with a
 * one-time registration code; the kiosk exchanges the code for a token. Only hashes are kept
 * (sha256: both are long random values, a slow hash buys nothing and a heartbeat must stay one
 * index look-up).
 */
export const kioskTerminals = pgTable(
  'kiosk_terminals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    place: text('place').notNull(),
    idleSeconds: integer('idle_seconds').notNull().default(60),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    tokenHash: text('token_hash'),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    screen: text('screen'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kiosk_terminals_token_hash').on(t.tokenHash),
    uniqueIndex('kiosk_terminals_code_hash').on(t.codeHash),
    index('kiosk_terminals_org').on(t.orgId),
    check('kiosk_terminals_idle', sql`${t.idleSeconds} between 30 and 600`),
  ],
);
export type KioskTerminalRow = typeof kioskTerminals.$inferSelect;

/** A command the console sent a terminal: pending until the kiosk acknowledges it. */
export const kioskCommands = pgTable(
  'kiosk_commands',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    terminalId: bigint('terminal_id', { mode: 'number' })
      .notNull()
      .references(() => kioskTerminals.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CommandKind>().notNull(),
    text: text('text').notNull().default(''),
    state: text('state').$type<CommandState>().notNull().default('pending'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    ackedAt: timestamp('acked_at', { withTimezone: true }),
  },
  (t) => [
    index('kiosk_commands_terminal').on(t.terminalId, t.id),
    // what a heartbeat or a poll reads: the few pending commands of one terminal
    index('kiosk_commands_pending').on(t.terminalId).where(sql`${t.state} = 'pending'`),
    check('kiosk_commands_kind', sql`${t.kind} in ('reload', 'notice', 'home')`),
    check('kiosk_commands_state', sql`${t.state} in ('pending', 'acked')`),
  ],
);
