import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only: a migration installs a trigger that refuses UPDATE, DELETE and TRUNCATE.
 * orgPath is the scope of the change as it was at the time, so a dept admin can filter by subtree.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: bigint('actor_id', { mode: 'number' }),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    orgId: bigint('org_id', { mode: 'number' }),
    orgPath: text('org_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action, t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_org_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);
