import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AnswerSet, SurveyDefinition } from '../../../../contracts/surveys/definition.ts';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

// The surveys module's tables. Migration: server/migrations/0034_surveys.sql. The member ids'
// foreign keys are the migration's (a module reaches members only through members/index.ts).

/** A survey: its definition is one checked JSON document; questions are frozen once answered. */
export const surveys = pgTable(
  'surveys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    /** The org's path (C collation; followed when the org moves). */
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    anonymous: boolean('anonymous').notNull().default(false),
    audienceKind: text('audience_kind').$type<'org' | 'class' | 'list' | 'public'>().notNull(),
    audienceOrgId: bigint('audience_org_id', { mode: 'number' }).references(() => orgs.id),
    audienceClassId: bigint('audience_class_id', { mode: 'number' }),
    /** A "list" survey's members as named, resolved against the caller's scope at publication. */
    audienceMemberIds: bigint('audience_member_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    status: text('status').$type<'draft' | 'open' | 'closed'>().notNull().default('draft'),
    version: integer('version').notNull().default(1),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    publicToken: text('public_token'),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    invitedCount: integer('invited_count').notNull().default(0),
    summary: text('summary').notNull().default(''),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('surveys_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    uniqueIndex('surveys_public_token_idx').on(t.publicToken),
    check('surveys_title_check', sql`length(${t.title}) between 1 and 100`),
    check('surveys_audience_check', sql`${t.audienceKind} in ('org','class','list','public')`),
    check('surveys_status_check', sql`${t.status} in ('draft','open','closed')`),
  ],
);
export type SurveyRow = typeof surveys.$inferSelect;

/** Who is asked (member audiences), resolved at publication: the response rate's denominator. */
export const surveyInvitees = pgTable(
  'survey_invitees',
  {
    surveyId: bigint('survey_id', { mode: 'number' })
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
  },
  (t) => [
    primaryKey({ name: 'survey_invitees_pk', columns: [t.surveyId, t.memberId] }),
    index('survey_invitees_member_idx').on(t.memberId),
    index('survey_invitees_org_idx').on(t.orgId),
  ],
);

/** Who has answered — a member or a public device — with no link to the response and no time. */
export const surveyParticipations = pgTable(
  'survey_participations',
  {
    surveyId: bigint('survey_id', { mode: 'number' })
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }),
    device: text('device'),
  },
  (t) => [
    uniqueIndex('survey_participations_member_idx')
      .on(t.surveyId, t.memberId)
      .where(sql`${t.memberId} is not null`),
    uniqueIndex('survey_participations_device_idx')
      .on(t.surveyId, t.device)
      .where(sql`${t.device} is not null`),
    check('survey_participations_who_check', sql`(${t.memberId} is null) <> (${t.device} is null)`),
  ],
);

/** A member's answers so far (resumable), removed when they submit. */
export const surveyDrafts = pgTable(
  'survey_drafts',
  {
    surveyId: bigint('survey_id', { mode: 'number' })
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    answers: jsonb('answers').$type<AnswerSet>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'survey_drafts_pk', columns: [t.surveyId, t.memberId] })],
);

/** A counted answer set with the respondent's coarse attributes as they were; a person only when not anonymous. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    surveyId: bigint('survey_id', { mode: 'number' })
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    answers: jsonb('answers').$type<AnswerSet>().notNull(),
    memberId: bigint('member_id', { mode: 'number' }),
    orgId: bigint('org_id', { mode: 'number' }).references(() => orgs.id),
    orgPath: text('org_path'),
    gender: text('gender'),
    ageBand: text('age_band'),
    category: text('category'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.surveyId, t.id),
    index('survey_responses_org_idx').on(t.orgId),
  ],
);
