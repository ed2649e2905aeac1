import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { BulletinBlock, BulletinFacts } from '../../../../contracts/assessment/bulletin.ts';
import type { Scheme } from '../../../../contracts/assessment/scheme.ts';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/schema.ts';

// The assessment module's tables. Migration: server/migrations/0040_assessment.sql.

/** The department's scheme, one row per change (the newest counts); the default until there is one. */
export const assessmentSchemes = pgTable('assessment_schemes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  scheme: jsonb('scheme').$type<Scheme>().notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A month of assessment: open (computed nightly and on demand) or closed (frozen until reopened
 * with a reason). `scheme` is the one its scores were computed with; `auditMark` the last audit
 * row its figures include, so the next incremental run rescores only orgs written to since.
 */
export const assessmentMonths = pgTable(
  'assessment_months',
  {
    month: text('month').primaryKey(),
    state: text('state').$type<'open' | 'closed'>().notNull().default('open'),
    scheme: jsonb('scheme').$type<Scheme>(),
    auditMark: bigint('audit_mark', { mode: 'number' }).notNull().default(0),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    lastRun: jsonb('last_run').$type<{ mode: 'full' | 'incremental'; orgs: number; ms: number }>(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: bigint('closed_by', { mode: 'number' }).references(() => users.id),
  },
  (t) => [check('assessment_months_state', sql`${t.state} in ('open', 'closed')`)],
);

/** What each module's indicator computed for an org's own records in a month (not its subtree's). */
export const assessmentValues = pgTable(
  'assessment_values',
  {
    month: text('month').notNull(),
    key: text('key').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    num: numeric('num', { mode: 'number' }).notNull(),
    den: numeric('den', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.key, t.orgId] }),
    index('assessment_values_org').on(t.month, t.orgId),
  ],
);

/**
 * Every org's month: its score (a 党支部's own; above, the mean of the 党支部 in its subtree), its
 * rank among its siblings, and how many 党支部 below recorded nothing at all.
 */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    month: text('month').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    parentId: bigint('parent_id', { mode: 'number' }),
    unit: boolean('unit').notNull(),
    score: doublePrecision('score'),
    rank: integer('rank'),
    units: integer('units').notNull(),
    unitsEmpty: integer('units_empty').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.orgId] }),
    index('assessment_scores_siblings').on(t.month, t.parentId, t.rank),
  ],
);

/**
 * An org's month on each indicator: num and den added up over its subtree; for a 党支部 the points
 * it earned; above, how many 党支部 below met the target. The dashboard's heat map reads these.
 */
export const assessmentItems = pgTable(
  'assessment_items',
  {
    month: text('month').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    num: numeric('num', { mode: 'number' }).notNull(),
    den: numeric('den', { mode: 'number' }),
    points: doublePrecision('points'),
    met: integer('met'),
  },
  (t) => [primaryKey({ columns: [t.month, t.orgId, t.key] })],
);

/** 手动加减分: points added to (or taken from) an org's month by the department, with the reason. */
export const assessmentAdjustments = pgTable(
  'assessment_adjustments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    month: text('month').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    points: doublePrecision('points').notNull(),
    reason: text('reason').notNull(),
    createdBy: bigint('created_by', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_adjustments_month').on(t.month, t.orgId)],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * 考核通报: a month's bulletin of an org's subtree. A draft's facts are recomposed on demand and
 * its text blocks edited; once issued it takes the next issue number of the org's year and keeps
 * the Word document and the Excel attachment exactly as they went out (the archive).
 */
export const assessmentBulletins = pgTable(
  'assessment_bulletins',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    month: text('month').notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    state: text('state').$type<'draft' | 'issued'>().notNull().default('draft'),
    title: text('title').notNull(),
    department: text('department').notNull(),
    year: integer('year').notNull(),
    issueNo: integer('issue_no'),
    issuedOn: date('issued_on'),
    blocks: jsonb('blocks').$type<BulletinBlock[]>().notNull(),
    facts: jsonb('facts').$type<BulletinFacts>().notNull(),
    docx: bytea('docx'),
    xlsx: bytea('xlsx'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: bigint('issued_by', { mode: 'number' }).references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
  },
  (t) => [
    index('assessment_bulletins_org_idx').on(t.orgId, t.id),
    uniqueIndex('assessment_bulletins_issue_no_idx').on(t.orgId, t.year, t.issueNo),
    check(
      'assessment_bulletins_issued_check',
      sql`state = 'draft' or (issue_no is not null and docx is not null)`,
    ),
  ],
);
