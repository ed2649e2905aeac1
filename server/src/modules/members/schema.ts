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
    /** Blind index (HMAC) of the phone's last four digits: "search by the last 4 of a phone". */
    phoneTailIndex: text('phone_tail_index'),
    /** The name's pinyin initials (张三 → zs), for search; derived on every write of the name. */
    nameInitials: text('name_initials'),
    photo: text('photo'),
    workUnit: text('work_unit'),
    mobile: boolean('mobile').notNull().default(false),
    mobileLocation: text('mobile_location'),
    duesCategory: text('dues_category'),
    monthlyIncomeFen: integer('monthly_income_fen'),
    duesStandardFen: integer('dues_standard_fen'),
    studyCardNo: text('study_card_no'),
    /**
     * 党籍状态, apart from the category (status): normal, suspended (停止党籍) or left, with how
     * (standing/rules.ts). A member who left stays on file, read only, and is counted nowhere else.
     */
    partyStanding: text('party_standing').notNull().default('normal'),
    leftHow: text('left_how'),
    leftOn: date('left_on'),
    suspendedOn: date('suspended_on'),
    /** 失联: the current episode (earlier ones are in the history). 条例第二十四条. */
    lostContactOn: date('lost_contact_on'),
    lostContactReason: text('lost_contact_reason'),
    foundOn: date('found_on'),
    /** 出国（境）定居 or 出国（境）学习: what art. 24 counts towards suspension. */
    abroadKind: text('abroad_kind'),
    abroadSince: date('abroad_since'),
    /** 延长预备期 (党章第七条): once, 6–12 months, with the branch meeting and the approval. */
    probationExtensionMonths: integer('probation_extension_months'),
    probationExtensionResolutionOn: date('probation_extension_resolution_on'),
    probationExtensionApprovedOn: date('probation_extension_approved_on'),
    /** The rest of the recruitment file (发展党员工作细则), beside the dates above. */
    recommendedOn: date('recommended_on'),
    activistFiledOn: date('activist_filed_on'),
    candidateFiledOn: date('candidate_filed_on'),
    trainingHours: integer('training_hours'),
    preReviewOn: date('pre_review_on'),
    applicationFormOn: date('application_form_on'),
    committeeTalkOn: date('committee_talk_on'),
    oathOn: date('oath_on'),
    conversionRequestOn: date('conversion_request_on'),
    /** 培养联系人 (one or two full members) and 入党介绍人 (two full members): member ids. */
    cultivationContactIds: bigint('cultivation_contact_ids', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'`),
    sponsorIds: bigint('sponsor_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /**
     * The first month whose dues the platform counts (YYYY-MM): the later of the join month and
     * the member's arrival (created, imported, transferred in), or the month after a "dues paid
     * until" given then. Null on rows from before it was kept: counting then starts at arrival.
     */
    duesFromMonth: text('dues_from_month'),
    /** How the dues base is taken: salary, annual salary (年薪), self-employed, pension… */
    duesBasis: text('dues_basis'),
    /** 工作岗位 from the national code list (contracts/members/codes.ts). */
    postCode: text('post_code'),
    /** 家庭住址, personal data: encrypted, bound to the row. */
    homeAddressEnc: text('home_address_enc'),
    workStartedOn: date('work_started_on'),
    /** 困难党员 and its kind; null when not in hardship. */
    hardshipKind: text('hardship_kind'),
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
    index('members_pipeline_path_idx')
      .on(t.orgPath.op('text_pattern_ops'))
      .where(sql`${t.status} <> 'full' and ${t.leftAt} is null`),
    check(
      'members_status_check',
      sql`${t.status} in ('applicant','activist','candidate','probationary','full')`,
    ),
    check('members_gender_check', sql`${t.gender} in ('male','female')`),
    check('members_party_standing_check', sql`${t.partyStanding} in ('normal','suspended','left')`),
    check(
      'members_left_how_check',
      sql`${t.leftHow} in ('death','resignation','removal','expulsion','lapsed','probation_cancelled')`,
    ),
    check('members_abroad_kind_check', sql`${t.abroadKind} in ('settled','studying')`),
    check(
      'members_probation_extension_check',
      sql`${t.probationExtensionMonths} is null or ${t.probationExtensionMonths} between 6 and 12`,
    ),
    // the decisions lists: who lost contact, who is suspended
    index('members_lost_contact_idx')
      .on(t.orgId)
      .where(sql`${t.lostContactOn} is not null and ${t.foundOn} is null`),
    index('members_standing_idx').on(t.orgId, t.partyStanding).where(sql`${t.partyStanding} <> 'normal'`),
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
    /**
     * 回执: due within one month of the receiving committee taking the member in; recorded by the
     * sending side (an outgoing letter) or sent back by the receiving side (incoming, internal).
     */
    receiptDueOn: date('receipt_due_on'),
    receiptOn: date('receipt_on'),
    /** An expired internal letter accepted on a branch certificate (证明) instead of a new letter. */
    certificateNote: text('certificate_note'),
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
    // the letter numbers issued here are unique (migration 0018); an incoming letter keeps its issuer's
    uniqueIndex('transfers_letter_no_key').on(t.letterNo).where(sql`${t.kind} <> 'incoming'`),
    index('transfers_receipt_idx')
      .on(t.receiptDueOn)
      .where(sql`${t.receiptOn} is null and ${t.receiptDueOn} is not null`),
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
  /** create: new records only; update: rows whose ID number is on file in scope update it. */
  mode: text('mode').notNull().default('create'),
  createdCount: integer('created_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  /** The per-field changes the update would make, shown before the import is confirmed. */
  preview: jsonb('preview'),
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

/**
 * The decisions on a member's standing and probation, each as the regulation wants it recorded:
 * the branch meeting's date and the higher committee's approval (条例第二十四条, 党章第七、九条).
 * The platform lists who is due for which decision; a person takes it and records it here.
 */
export const standingDecisions = pgTable(
  'standing_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    kind: text('kind').notNull(),
    /** 支部党员大会（或支委会）决定之日. */
    resolutionOn: date('resolution_on').notNull(),
    /** 上级党委批准之日; null while awaiting approval. */
    approvedOn: date('approved_on'),
    approvedBy: text('approved_by'),
    reason: text('reason').notNull(),
    /** Extension of probation: its months. */
    months: integer('months'),
    /** 上级党组织不予批准之日, the body and its reason (migration 0018): the decision has no effect. */
    refusedOn: date('refused_on'),
    refusedBy: text('refused_by'),
    refusalReason: text('refusal_reason'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('standing_decisions_member_idx').on(t.memberId, t.createdAt),
    check(
      'standing_decisions_kind_check',
      sql`${t.kind} in ('suspend','restore','remove','lapse','expel','resign','death','extend_probation','cancel_probation')`,
    ),
    check(
      'standing_decisions_refusal_check',
      sql`${t.refusedOn} is null or (${t.approvedOn} is null and ${t.refusedBy} is not null and ${t.refusalReason} is not null)`,
    ),
  ],
);

/**
 * The dues standard a member owed from a month on (a history, recalculated yearly in the window
 * the department opens): arrears use the standard that applied in each month.
 */
export const duesStandards = pgTable(
  'dues_standards',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    fromMonth: text('from_month').notNull(),
    category: text('category').notNull(),
    basis: text('basis'),
    baseFen: integer('base_fen'),
    standardFen: integer('standard_fen').notNull(),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dues_standards_key').on(t.memberId, t.fromMonth)],
);

/**
 * 少交或免交党费 (2008 rules, art. 6): approved by the branch and by the committee above, for a
 * period; a member so excused owes the reduced amount (or nothing) and is not in arrears.
 * kind 'excused': a good reason for not paying (illness, hardship, paying at the host branch as a
 * migrant), which clears the 自行脱党 flag (党章第九条 "没有正当理由") without changing the standard.
 */
export const duesReliefs = pgTable(
  'dues_reliefs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    kind: text('kind').notNull(),
    /** reduced: the monthly amount owed instead of the standard. */
    amountFen: integer('amount_fen'),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month'),
    reason: text('reason').notNull(),
    /** excused: illness, hardship, paid_at_host. */
    reasonKind: text('reason_kind'),
    branchApprovedOn: date('branch_approved_on'),
    committeeApprovedOn: date('committee_approved_on'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dues_reliefs_member_idx').on(t.memberId, t.fromMonth),
    check('dues_reliefs_kind_check', sql`${t.kind} in ('reduced','exempt','excused')`),
  ],
);

/** 流动党员: a period away, with the host branch that sees them for its activities. */
export const mobilePeriods = pgTable(
  'mobile_periods',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    outOn: date('out_on').notNull(),
    backOn: date('back_on'),
    destination: text('destination').notNull(),
    /** The host branch when it is in this deployment; its name either way. */
    hostOrgId: bigint('host_org_id', { mode: 'number' }).references(() => orgs.id),
    hostOrgName: text('host_org_name'),
    /** 流动党员活动证 number. */
    certificateNo: text('certificate_no'),
    /** When the branch was last reminded that membership should be transferred (6 months). */
    remindedOn: date('reminded_on'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mobile_periods_member_idx').on(t.memberId, t.outOn),
    index('mobile_periods_host_idx').on(t.hostOrgId).where(sql`${t.backOn} is null`),
    // one open period per member
    uniqueIndex('mobile_periods_open_key').on(t.memberId).where(sql`${t.backOn} is null`),
  ],
);

/** 奖惩: commendations and discipline, with date and issuing body. */
export const memberSanctions = pgTable(
  'member_sanctions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    on: date('on').notNull(),
    issuedBy: text('issued_by').notNull(),
    note: text('note'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('member_sanctions_member_idx').on(t.memberId, t.on),
    check('member_sanctions_kind_check', sql`${t.kind} in ('reward','discipline')`),
  ],
);

/** 出国（境）: trips abroad, with the approving body. */
export const memberTrips = pgTable(
  'member_trips',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    destination: text('destination').notNull(),
    purpose: text('purpose').notNull(),
    leftOn: date('left_on').notNull(),
    returnedOn: date('returned_on'),
    approvedBy: text('approved_by'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('member_trips_member_idx').on(t.memberId, t.leftOn)],
);

/**
 * Each member's arrears as of the last completed month, kept by dues/arrears-summary.ts (migration
 * 0014: triggers mark a member dirty when a payment, standard, relief or the record changes). Only
 * members who owe have a row, and those without a standard (no_standard, counted apart). `since` is
 * a month number (year × 12 + month − 1).
 */
export const duesArrears = pgTable(
  'dues_arrears',
  {
    memberId: bigint('member_id', { mode: 'number' })
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    orgPath: text('org_path').notNull(),
    asOf: text('as_of').notNull(),
    monthsOwed: integer('months_owed').notNull(),
    owedFen: bigint('owed_fen', { mode: 'number' }).notNull(),
    since: integer('since'),
    longest: integer('longest').notNull(),
    noStandard: boolean('no_standard').notNull().default(false),
  },
  (t) => [index('dues_arrears_scope_idx').on(t.asOf, sql`${t.orgPath} text_pattern_ops`)],
);
