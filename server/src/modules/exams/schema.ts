import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { QuestionBody } from '../../../../contracts/exams/questions.ts';
import type { AnswerValue } from '../../../../contracts/exams/sittings.ts';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

// The exams module's tables, one section per sub-capability (bank/ …).
// Migrations: server/migrations/0030_exams_bank.sql (bank), 0032_exams_sittings.sql (the rest).

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

// ── papers (试卷) ───────────────────────────────────────────────────────────────────────────

/** Points a question of each type is worth on a paper (contracts/exams/sittings.ts TypePoints). */
export type TypePoints = Record<QuestionBody['type'], number>;

export const papers = pgTable(
  'papers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    kind: text('kind').$type<'fixed' | 'random'>().notNull(),
    points: jsonb('points').$type<TypePoints>().notNull(),
    shuffleOptions: boolean('shuffle_options').notNull().default(true),
    status: text('status').notNull().default('active'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('papers_title_check', sql`length(${t.title}) between 1 and 100`),
    check('papers_kind_check', sql`${t.kind} in ('fixed','random')`),
    check('papers_status_check', sql`${t.status} in ('active','archived')`),
    index('papers_org_path_idx').on(t.orgPath),
  ],
);

/** A fixed paper's questions, in order. */
export const paperQuestions = pgTable(
  'paper_questions',
  {
    paperId: bigint('paper_id', { mode: 'number' })
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    questionId: bigint('question_id', { mode: 'number' })
      .notNull()
      .references(() => questions.id),
  },
  (t) => [primaryKey({ name: 'paper_questions_pk', columns: [t.paperId, t.position] })],
);

/** A random paper's rules: `count` active questions of a category (and below), a type, a difficulty. */
export const paperRules = pgTable(
  'paper_rules',
  {
    paperId: bigint('paper_id', { mode: 'number' })
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    categoryId: bigint('category_id', { mode: 'number' })
      .notNull()
      .references(() => questionCategories.id),
    includeSubcategories: boolean('include_subcategories').notNull().default(true),
    type: text('type').$type<QuestionBody['type']>(),
    difficulty: text('difficulty').$type<QuestionBody['difficulty']>(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ name: 'paper_rules_pk', columns: [t.paperId, t.position] }),
    check('paper_rules_count_check', sql`${t.count} between 1 and 200`),
  ],
);

// ── exams and attempts (考试, 答卷) ───────────────────────────────────────────────────────────

/**
 * What each attempt of an exam draws from its exam_questions (papers/draw.ts drawSlots), fixed when
 * the exam is published: a fixed paper's question ids in order, or per rule `count` of its `ids`.
 */
export type ExamDraw =
  | { kind: 'fixed'; shuffleOptions: boolean; ids: number[] }
  | { kind: 'random'; shuffleOptions: boolean; rules: { count: number; ids: number[] }[] };

export const exams = pgTable(
  'exams',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    paperId: bigint('paper_id', { mode: 'number' })
      .notNull()
      .references(() => papers.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    attemptsAllowed: integer('attempts_allowed').notNull().default(1),
    totalPoints: doublePrecision('total_points').notNull(),
    passScore: doublePrecision('pass_score').notNull(),
    audienceKind: text('audience_kind').$type<'org' | 'class' | 'members'>().notNull(),
    audienceOrgId: bigint('audience_org_id', { mode: 'number' }).references(() => orgs.id),
    audienceClassId: bigint('audience_class_id', { mode: 'number' }),
    candidateCount: integer('candidate_count').notNull().default(0),
    draw: jsonb('draw').$type<ExamDraw>().notNull(),
    status: text('status').$type<'published' | 'cancelled'>().notNull().default('published'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('exams_title_check', sql`length(${t.title}) between 1 and 100`),
    check('exams_times_check', sql`${t.opensAt} < ${t.closesAt}`),
    check('exams_duration_check', sql`${t.durationMinutes} between 1 and 600`),
    check('exams_attempts_check', sql`${t.attemptsAllowed} between 1 and 10`),
    check('exams_pass_check', sql`${t.passScore} >= 0 and ${t.passScore} <= ${t.totalPoints}`),
    check('exams_audience_check', sql`${t.audienceKind} in ('org','class','members')`),
    check('exams_status_check', sql`${t.status} in ('published','cancelled')`),
    index('exams_org_path_idx').on(t.orgPath),
  ],
);

/** The questions an exam may show, as they were when it was published (its grading uses these). */
export const examQuestions = pgTable(
  'exam_questions',
  {
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    questionId: bigint('question_id', { mode: 'number' })
      .notNull()
      .references(() => questions.id),
    categoryId: bigint('category_id', { mode: 'number' }).notNull(),
    type: text('type').$type<QuestionBody['type']>().notNull(),
    difficulty: text('difficulty').$type<QuestionBody['difficulty']>().notNull(),
    body: jsonb('body').$type<QuestionBody>().notNull(),
    points: doublePrecision('points').notNull(),
  },
  (t) => [primaryKey({ name: 'exam_questions_pk', columns: [t.examId, t.questionId] })],
);

/** Who may sit an exam. */
export const examCandidates = pgTable(
  'exam_candidates',
  {
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
  },
  (t) => [
    primaryKey({ name: 'exam_candidates_pk', columns: [t.examId, t.memberId] }),
    index('exam_candidates_member_idx').on(t.memberId),
  ],
);

/**
 * One slot of a drawn paper: the question (exam_questions), its points, and the order its choices
 * are shown in (indexes into body.choices; absent when the question has none or is not shuffled).
 */
export type Slot = { q: number; points: number; order?: number[] };

export const examAttempts = pgTable(
  'exam_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exams.id),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    slots: jsonb('slots').$type<Slot[]>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: text('submitted_by').$type<'member' | 'clock'>(),
    status: text('status').$type<'open' | 'submitted' | 'graded'>().notNull().default('open'),
    score: doublePrecision('score'),
    /** Answers still waiting for a grader (short answers). */
    pending: integer('pending').notNull().default(0),
    passed: boolean('passed'),
  },
  (t) => [
    check('exam_attempts_status_check', sql`${t.status} in ('open','submitted','graded')`),
    check('exam_attempts_submitted_by_check', sql`${t.submittedBy} in ('member','clock')`),
    uniqueIndex('exam_attempts_no_idx').on(t.examId, t.memberId, t.attemptNo),
    index('exam_attempts_due_idx').on(t.dueAt).where(sql`${t.status} = 'open'`),
    index('exam_attempts_member_idx').on(t.memberId),
  ],
);

/** An answer as given (contracts/exams/sittings.ts AnswerValue), one row per attempt and slot, and its grade. */
export const examAnswers = pgTable(
  'exam_answers',
  {
    attemptId: bigint('attempt_id', { mode: 'number' })
      .notNull()
      .references(() => examAttempts.id, { onDelete: 'cascade' }),
    slot: integer('slot').notNull(),
    answer: jsonb('answer').$type<AnswerValue>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    autoScore: doublePrecision('auto_score'),
    manualScore: doublePrecision('manual_score'),
    graderId: bigint('grader_id', { mode: 'number' }).references(() => users.id),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
    comment: text('comment'),
  },
  (t) => [primaryKey({ name: 'exam_answers_pk', columns: [t.attemptId, t.slot] })],
);

// ── practice (练习, 错题本) ──────────────────────────────────────────────────────────────────

/** A member's practice of a question; `inBook` while it is in their book of wrong answers. */
export const practiceRecords = pgTable(
  'practice_records',
  {
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    questionId: bigint('question_id', { mode: 'number' })
      .notNull()
      .references(() => questions.id),
    answered: integer('answered').notNull().default(0),
    correct: integer('correct').notNull().default(0),
    inBook: boolean('in_book').notNull().default(false),
    lastAnswer: jsonb('last_answer').$type<AnswerValue>(),
    lastSource: text('last_source').$type<'practice' | 'exam'>().notNull().default('practice'),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'practice_records_pk', columns: [t.memberId, t.questionId] }),
    check('practice_records_source_check', sql`${t.lastSource} in ('practice','exam')`),
    index('practice_records_book_idx').on(t.memberId, t.lastAt).where(sql`${t.inBook}`),
  ],
);
