import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

/**
 * Member records with the national field set. ID-card numbers and phones are stored encrypted
 * (platform/pii) with an HMAC blind index for exact look-ups; never in clear.
 */
export const members = pgTable(
  'members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    /**
     * The org's materialized path, kept by the database (migration 0009: set from org_id on every
     * write, followed when an org moves), in the C collation, so a subtree's members are one index
     * range in tree order: a list page reads its twenty rows and stops (docs/SCALE.md).
     */
    orgPath: text('org_path'),
    /** The member's login account (phone, username or study card), when they have one. */
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity').notNull(),
    birthDate: date('birth_date').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    education: text('education').notNull(),
    degree: text('degree'),
    status: text('status').notNull(),
    appliedOn: date('applied_on'),
    talkedOn: date('talked_on'),
    activistOn: date('activist_on'),
    candidateOn: date('candidate_on'),
    politicalReviewOn: date('political_review_on'),
    trainingOn: date('training_on'),
    admissionResolutionOn: date('admission_resolution_on'),
    admissionApprovedOn: date('admission_approved_on'),
    joinedOn: date('joined_on'),
    conversionResolutionOn: date('conversion_resolution_on'),
    conversionApprovedOn: date('conversion_approved_on'),
    fullOn: date('full_on'),
    positions: text('positions').array().notNull().default(sql`'{}'`),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    photo: text('photo'),
    workUnit: text('work_unit'),
    mobile: boolean('mobile').notNull().default(false),
    mobileLocation: text('mobile_location'),
    duesCategory: text('dues_category'),
    monthlyIncomeFen: integer('monthly_income_fen'),
    duesStandardFen: integer('dues_standard_fen'),
    studyCardNo: text('study_card_no'),
    /**
     * Bumped by the database on every change to the record's own fields (a trigger, so no write
     * path can forget): an edit names the version it was made on, and a stale one is refused.
     */
    version: integer('version').notNull().default(1),
    /**
     * The pipeline standing, derived by the pure rules of pipeline/rules.ts so that the due list
     * can be ranked and paged in SQL: how many prerequisites of the next step are missing, the
     * earliest day it may be taken, the day after which something is overdue. `pipelineRules`
     * names the rules version it was derived with; a trigger clears it when a date or the status
     * changes, and readers derive stale rows again before ranking.
     */
    pipelineGaps: integer('pipeline_gaps'),
    pipelineEarliestOn: date('pipeline_earliest_on'),
    pipelineDueOn: date('pipeline_due_on'),
    pipelineRules: integer('pipeline_rules'),
    /** Set when the member left the deployment (transfer out); the record is kept, not listed. */
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Last change to the record's own fields: the update rate of record quality counts this. */
    recordUpdatedAt: timestamp('record_updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_id_number_key').on(t.idNumberIndex),
    uniqueIndex('members_study_card_key').on(t.studyCardNo),
    uniqueIndex('members_user_key').on(t.userId),
    index('members_org_idx').on(t.orgId, t.status),
    // a page of a list: the live records of the orgs in scope, read by id before the wide rows
    index('members_active_org_idx').on(t.orgId, t.status, t.id).where(sql`${t.leftAt} is null`),
    index('members_phone_idx').on(t.phoneIndex),
    index('members_name_idx').on(t.name.op('text_pattern_ops')),
    // the due list: the people on the way in, by org
    index('members_pipeline_idx').on(t.orgId).where(sql`${t.status} <> 'full' and ${t.leftAt} is null`),
    check(
      'members_status_check',
      sql`${t.status} in ('applicant','activist','candidate','probationary','full')`,
    ),
    check('members_gender_check', sql`${t.gender} in ('male','female')`),
  ],
);
export type MemberRow = typeof members.$inferSelect;

/** Every change to a record, field by field, personal data masked: "edits kept as a history". */
export const memberHistory = pgTable(
  'member_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: bigint('actor_id', { mode: 'number' }),
    actorName: text('actor_name'),
    source: text('source').notNull(),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('member_history_member_idx').on(t.memberId, t.at)],
);

/** 组织关系转接: the record moves only when the receiving org accepts. */
export const transfers = pgTable(
  'transfers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('pending'),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    fromOrgId: bigint('from_org_id', { mode: 'number' }).references(() => orgs.id),
    fromOrgName: text('from_org_name').notNull(),
    toOrgId: bigint('to_org_id', { mode: 'number' }).references(() => orgs.id),
    toOrgName: text('to_org_name').notNull(),
    letterNo: text('letter_no').notNull(),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until').notNull(),
    duesPaidUntil: text('dues_paid_until').notNull(),
    reason: text('reason').notNull(),
    returnReason: text('return_reason'),
    createdBy: bigint('created_by', { mode: 'number' }),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('transfers_from_idx').on(t.fromOrgId, t.status),
    index('transfers_to_idx').on(t.toOrgId, t.status),
    index('transfers_member_idx').on(t.memberId),
    // one open transfer per member at a time
    uniqueIndex('transfers_one_pending_key').on(t.memberId).where(sql`${t.status} = 'pending'`),
    check('transfers_kind_check', sql`${t.kind} in ('internal','outgoing','incoming')`),
    check('transfers_status_check', sql`${t.status} in ('pending','accepted','returned','cancelled')`),
  ],
);

export const duesPayments = pgTable(
  'dues_payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    month: text('month').notNull(),
    amountFen: integer('amount_fen').notNull(),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dues_payments_key').on(t.memberId, t.month)],
);

/** A workbook import: validated whole, then written whole, or not at all. */
export const memberImports = pgTable('member_imports', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => orgs.id),
  createdBy: bigint('created_by', { mode: 'number' }).notNull(),
  fileName: text('file_name').notNull(),
  filePath: text('file_path').notNull(),
  status: text('status').notNull().default('queued'),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  errorFilePath: text('error_file_path'),
  message: text('message'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** A member's request to correct their own record; the branch approves it. */
export const corrections = pgTable(
  'corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    field: text('field').notNull(),
    /** Encrypted when the field is personal data (phone). */
    value: text('value').notNull(),
    /**
     * The field's value when the member asked (encrypted like `value`): approval is refused when
     * the record has been edited since, so a correction never overwrites a newer edit.
     */
    previousValue: text('previous_value'),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why the branch rejected it, shown to the member. */
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('corrections_member_idx').on(t.memberId, t.status),
    // one open request per field: a second one would race the first at approval
    uniqueIndex('corrections_one_pending_key').on(t.memberId, t.field).where(sql`${t.status} = 'pending'`),
    check('corrections_status_check', sql`${t.status} in ('pending','approved','rejected')`),
  ],
);
