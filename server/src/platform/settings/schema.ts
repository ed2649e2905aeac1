import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The department's configuration: one row per setting a module declares (platform/settings), the
 * value checked against the declaring module's schema on every write. A missing row is the
 * declared default, so a fresh deployment runs on the regulation's figures.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
