import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { BallotChoices } from '../../../../contracts/elections/elections.ts';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';
import type { StoredResult } from './tally.ts';

// The elections module's tables. Migration: server/migrations/0035_elections.sql.

/** An election (or appraisal, or recommendation): its seats, its state, and once closed its chain head and result. */
export const elections = pgTable(
  'elections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    post: text('post'),
    seats: integer('seats').notNull(),
    round: integer('round').notNull().default(1),
    previousId: bigint('previous_id', { mode: 'number' }).references((): AnyPgColumn => elections.id),
    state: text('state').notNull().default('draft'),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    entitled: integer('entitled'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    chainHead: text('chain_head'),
    result: jsonb('result').$type<StoredResult>(),
    resultApprovedBy: text('result_approved_by'),
    resultApprovedAt: timestamp('result_approved_at', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('elections_kind_check', sql`${t.kind} in ('election','appraisal','cadre_recommendation')`),
    check('elections_state_check', sql`${t.state} in ('draft','submitted','approved','open','closed')`),
    check('elections_title_check', sql`length(${t.title}) between 1 and 100`),
    check('elections_seats_check', sql`${t.seats} between 1 and 50`),
    index('elections_org_path_idx').on(t.orgPath),
  ],
);
export type ElectionRow = typeof elections.$inferSelect;

/** 候选人预备人选 (or the members rated in an appraisal), in ballot order. */
export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    electionId: bigint('election_id', { mode: 'number' })
      .notNull()
      .references(() => elections.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    memberId: bigint('member_id', { mode: 'number' }),
    office: text('office').notNull().default('member'),
  },
  (t) => [
    check('election_candidates_name_check', sql`length(${t.name}) between 1 and 20`),
    check('election_candidates_office_check', sql`${t.office} in ('member','secretary','deputy')`),
    uniqueIndex('election_candidates_position_idx').on(t.electionId, t.position),
  ],
);

/** The roll, frozen at opening: who may vote and whether they did — never when, never what. */
export const electionRoll = pgTable(
  'election_roll',
  {
    electionId: bigint('election_id', { mode: 'number' })
      .notNull()
      .references(() => elections.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }),
    name: text('name').notNull(),
    voted: text('voted'),
  },
  (t) => [
    primaryKey({ name: 'election_roll_pk', columns: [t.electionId, t.memberId] }),
    check('election_roll_voted_check', sql`${t.voted} in ('online','paper')`),
    index('election_roll_user_idx').on(t.userId),
  ],
);

/** The ballots: no voter, no session, no time finer than the day. */
export const electionBallots = pgTable(
  'election_ballots',
  {
    electionId: bigint('election_id', { mode: 'number' })
      .notNull()
      .references(() => elections.id, { onDelete: 'cascade' }),
    trackingCode: text('tracking_code').notNull(),
    choices: jsonb('choices').$type<BallotChoices>().notNull(),
    valid: boolean('valid').notNull(),
    castOn: date('cast_on').notNull(),
    position: integer('position'),
    hash: text('hash'),
  },
  (t) => [primaryKey({ name: 'election_ballots_pk', columns: [t.electionId, t.trackingCode] })],
);

/** A paper ballot as one teller (计票人) read it; it is counted when a second teller's entry agrees. */
export const electionPaperEntries = pgTable(
  'election_paper_entries',
  {
    electionId: bigint('election_id', { mode: 'number' })
      .notNull()
      .references(() => elections.id, { onDelete: 'cascade' }),
    paperNo: text('paper_no').notNull(),
    tellerId: bigint('teller_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    choices: jsonb('choices').$type<BallotChoices>().notNull(),
    counted: boolean('counted').notNull().default(false),
  },
  (t) => [primaryKey({ name: 'election_paper_entries_pk', columns: [t.electionId, t.paperNo, t.tellerId] })],
);
