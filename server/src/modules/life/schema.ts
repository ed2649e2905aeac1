import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

// The life module's tables, one section per sub-capability (activities/, thought-reports/).
// Migration: server/migrations/0017_life.sql, sectioned the same way.

// ── activities (组织生活) ────────────────────────────────────────────────────────────────────

/**
 * One 三会一课 meeting, 主题党日, 组织生活会 or 民主生活会 of an org (a branch as a rule). `held`
 * is what the assessment counts: the secretary records the minutes, and the activity is held.
 */
export const activities = pgTable(
  'activities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    /**
     * The org's path (C collation; followed when the org moves, migration 0017): a subtree's
     * activities are one index range.
     */
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    place: text('place').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('planned'),
    /** Sign-in accepted (QR code, study card) while open; the secretary closes it. */
    signInOpen: boolean('sign_in_open').notNull().default(true),
    /** The key of the rotating QR codes (rules.ts qrCode): never leaves the server. */
    secret: text('secret').notNull(),
    host: text('host'),
    recorder: text('recorder'),
    /** 会议记录: plain text, shown as text (never as HTML), so nothing in it can run. */
    minutes: text('minutes'),
    cancelReason: text('cancel_reason'),
    plannedBy: bigint('planned_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'activities_kind_check',
      sql`${t.kind} in ('general_meeting','committee_meeting','group_meeting','party_lecture','party_day','life_meeting','democratic_life_meeting')`,
    ),
    check('activities_status_check', sql`${t.status} in ('planned','held','cancelled')`),
    check('activities_time_check', sql`${t.endsAt} > ${t.startsAt}`),
    index('activities_org_path_idx').on(t.orgPath, t.startsAt),
    index('activities_org_idx').on(t.orgId, t.kind, t.startsAt),
  ],
);

/**
 * Who is expected at an activity and what became of them: signed in (how and when), on leave
 * (asked, approved or refused, by whom). One row per member: a second sign-in changes nothing.
 * The name is the one on the record when planned, as the paper sign-in sheet kept it.
 */
export const activityAttendees = pgTable(
  'activity_attendees',
  {
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    /** On the list when planned; false for someone the roll call added. */
    expected: boolean('expected').notNull().default(true),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
    method: text('method'),
    leave: text('leave'),
    leaveReason: text('leave_reason'),
    leaveAskedAt: timestamp('leave_asked_at', { withTimezone: true }),
    leaveNote: text('leave_note'),
    leaveDecidedBy: bigint('leave_decided_by', { mode: 'number' }).references(() => users.id),
    leaveDecidedAt: timestamp('leave_decided_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.memberId] }),
    check('activity_attendees_method_check', sql`${t.method} in ('qr','card','roll_call')`),
    check('activity_attendees_leave_check', sql`${t.leave} in ('requested','approved','refused')`),
    check('activity_attendees_signed_check', sql`(${t.signedInAt} is null) = (${t.method} is null)`),
    index('activity_attendees_member_idx').on(t.memberId),
  ],
);

/** Photos and attachments of an activity, stored through platform/files (keys only here). */
export const activityFiles = pgTable(
  'activity_files',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    fileKey: text('file_key').notNull(),
    /** Photos: a small copy for lists and the record sheet's thumbnails. */
    thumbKey: text('thumb_key'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('activity_files_kind_check', sql`${t.kind} in ('photo','attachment')`),
    index('activity_files_activity_idx').on(t.activityId, t.id),
  ],
);

// ── thought reports (思想汇报) ────────────────────────────────────────────────────────────────

/**
 * A thought report: one per writer and period (thought-reports/rules.ts handInDecision), for the
 * branch the writer belonged to when they handed it in. The body is plain text, stored sanitized
 * and shown as text; the attachment is a file of platform/files (its key only here). `org_path`
 * follows the org when it moves (migration 0017). `member_id` refers to members (in the SQL; the
 * members table is that module's, not imported here).
 */
export const thoughtReports = pgTable(
  'thought_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    /** The writer's name and stage when they handed it in, as the paper report was signed. */
    memberName: text('member_name').notNull(),
    stage: text('stage').notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    /** 2026-11, 2026-Q4 or 2026-H2, by the branch's frequency when handed in. */
    period: text('period').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    attachmentKey: text('attachment_key'),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    attachmentSize: integer('attachment_size'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** The writer's login that handed it in: nobody reviews their own report. */
    submittedBy: bigint('submitted_by', { mode: 'number' }).references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }).references(() => users.id),
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('thought_reports_member_period_key').on(t.memberId, t.period),
    // a subtree's reports, newest first; and those waiting for review
    index('thought_reports_org_path_idx').on(t.orgPath, t.submittedAt),
    index('thought_reports_pending_idx').on(t.orgPath).where(sql`${t.reviewedAt} is null`),
    // the assessment's month: handed in, reviewed
    index('thought_reports_reviewed_idx').on(t.orgPath, t.reviewedAt).where(sql`${t.reviewedAt} is not null`),
    check(
      'thought_reports_review_check',
      sql`(${t.reviewedAt} is null) = (${t.comment} is null) and (${t.reviewedAt} is null or ${t.reviewedBy} is not null)`,
    ),
    check('thought_reports_content_check', sql`${t.body} <> '' or ${t.attachmentKey} is not null`),
    check('thought_reports_stage_check', sql`${t.stage} in ('activist','candidate','probationary')`),
  ],
);

/**
 * How often an org's writers hand in reports, where the org set it; an org without a row follows
 * the nearest org above it that has one, and the department's default (settings.ts) above all.
 */
export const thoughtReportFrequencies = pgTable(
  'thought_report_frequencies',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .primaryKey()
      .references(() => orgs.id),
    frequency: text('frequency').notNull(),
    setBy: bigint('set_by', { mode: 'number' }).references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('thought_report_frequencies_check', sql`${t.frequency} in ('monthly','quarterly','half_yearly')`),
  ],
);
