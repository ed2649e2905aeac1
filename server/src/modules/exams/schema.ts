import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { QuestionBody } from '../../../../contracts/exams/questions.ts';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

// The exams module's tables, one section per sub-capability (bank/ …).
// Migration: server/migrations/0030_exams_bank.sql.

// ── bank (题库) ─────────────────────────────────────────────────────────────────────────────

/** A category of an org's bank: a tree, one name among siblings. */
export const questionCategories = pgTable(
  'question_categories',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    /** The org's path (C collation; followed when the org moves): a subtree's banks are one range. */
    orgPath: text('org_path').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => questionCategories.id),
    name: text('name').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('question_categories_name_check', sql`length(${t.name}) between 1 and 100`),
    uniqueIndex('question_categories_name_idx').on(t.orgId, sql`coalesce(${t.parentId}, 0)`, t.name),
    index('question_categories_org_path_idx').on(t.orgPath),
    index('question_categories_parent_idx').on(t.parentId),
  ],
);

/**
 * A question: `body` is the one shape of contracts/exams/questions.ts; type, name, difficulty and
 * tags are copied out of it for the list's filters. Kept by its category's org.
 */
export const questions = pgTable(
  'questions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    categoryId: bigint('category_id', { mode: 'number' })
      .notNull()
      .references(() => questionCategories.id),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    body: jsonb('body').$type<QuestionBody>().notNull(),
    difficulty: text('difficulty').notNull().default('medium'),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    status: text('status').notNull().default('active'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'questions_type_check',
      sql`${t.type} in ('single','multiple','truefalse','fill','numeric','short')`,
    ),
    check('questions_difficulty_check', sql`${t.difficulty} in ('easy','medium','hard')`),
    check('questions_status_check', sql`${t.status} in ('active','archived')`),
    index('questions_category_idx').on(t.categoryId, t.status, t.id),
    index('questions_org_path_idx').on(t.orgPath),
    index('questions_tags_idx').using('gin', t.tags),
  ],
);

/** A picture shown in a question's stem (platform/files/images.ts keeps the display and thumbnail). */
export const questionImages = pgTable(
  'question_images',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    fileKey: text('file_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    size: integer('size').notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('question_images_org_path_idx').on(t.orgPath)],
);
