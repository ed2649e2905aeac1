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

/**
 * The org tree. `path` is the materialized path of ids, '/1/17/342/', so a subtree of any size
 * is the single index range `path LIKE '/1/17/%'` (text_pattern_ops makes LIKE-prefix indexable).
 */
export const orgs = pgTable(
  'orgs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    parentId: bigint('parent_id', { mode: 'number' }),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    place: text('place'),
    sector: text('sector').notNull().default('public'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orgs_code_key').on(t.code),
    uniqueIndex('orgs_path_key').on(sql`${t.path} text_pattern_ops`),
    index('orgs_parent_sort_idx').on(t.parentId, t.sortOrder, t.id),
    check(
      'orgs_kind_check',
      sql`${t.kind} in ('committee','working_committee','general_branch','branch','group')`,
    ),
    check('orgs_sector_check', sql`${t.sector} in ('public','non_public')`),
  ],
);
export type OrgRow = typeof orgs.$inferSelect;
