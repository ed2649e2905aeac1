// The learning module's tables, one section per sub-capability, in this order:
//   library/   courses, categories, tags, files, search keys  → migration 0024_learning_library.sql
//   study/     study credits (per member, item and day), year totals, devices → 0025_learning_study.sql
//   offline/ and stations/   offline study, remote-education stations and their sessions
//                                                             → 0026_learning_offline_stations.sql
//   classes/   online classes, their plans and cohorts            → 0027_learning_classes.sql
//   pool/      teachers, lectures and ratings, training bases      → 0028_learning_pool.sql
//   recommend/ course neighbours, dismissed recommendations        → 0029_learning_recommend.sql
//   (0019–0022 are empty placeholders, already applied where an older build ran)
// Each section is appended by its sub-capability; the migration files are sectioned the same way.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';
// ── library/ (课件库) ─────────────────────────────────────────────────────────────────────────

/** PostgreSQL's tsvector, written by platform/search (searchVector) and read only by `@@`. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** 课件分类: a small tree (a heading and its topics) the department sets. */
export const courseCategories = pgTable(
  'course_categories',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => courseCategories.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('course_categories_name_key').on(sql`coalesce(${t.parentId}, 0)`, t.name)],
);

/**
 * 标签 and what each one also means (党史 ↔ 中国共产党历史): a course tagged with either is found by
 * both, the tag's expansions being indexed with it (library/search-keys.ts). Set by the department.
 */
export const courseTags = pgTable('course_tags', {
  name: text('name').primaryKey(),
  expansions: text('expansions').array().notNull().default(sql`'{}'`),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A course's file as stored (platform/files): a video (MP4), audio (MP3, M4A) or document (PDF),
 * told by its bytes, with its duration read from the file for video and audio.
 */
export const courseFiles = pgTable('course_files', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  fileKey: text('file_key').notNull(),
  name: text('name').notNull(),
  format: text('format').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  durationSeconds: integer('duration_seconds'),
  uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 课件: a video, audio, article or document an org publishes to the members of a scope in its
 * subtree (members whose org path starts with `scope_path`). Draft → published → withdrawn.
 */
export const courses = pgTable(
  'courses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The publisher: its admins edit, publish and withdraw the course. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    /** Who may study it: the members of this org's subtree (the publisher's or one below it). */
    scopeOrgId: bigint('scope_org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    scopePath: text('scope_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** An article's text: sanitized HTML (the allow-list of openness' rich text), safe to show. */
    body: text('body'),
    fileId: bigint('file_id', { mode: 'number' }).references(() => courseFiles.id),
    durationSeconds: integer('duration_seconds'),
    /** An article's length in characters of its text (no markup, no spaces): its reading time. */
    charCount: integer('char_count'),
    categoryId: bigint('category_id', { mode: 'number' }).references(() => courseCategories.id),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    /** Title and tags (A), summary (B), body (C), cut into words (platform/search). */
    search: tsvector('search').notNull().default(sql`''::tsvector`),
    /** Title and tags (A) and their synonyms (B) alone: what a search ranks first, cheaply (0033). */
    headSearch: tsvector('head_search').notNull().default(sql`''::tsvector`),
    /** platform/search SEARCH_KEYS_VERSION the keys were made by (older: indexed again by library/search-keys.ts's job). */
    searchKeys: smallint('search_keys').notNull().default(0),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('courses_kind_check', sql`${t.kind} in ('video','audio','article','document')`),
    check('courses_status_check', sql`${t.status} in ('draft','published','withdrawn')`),
    index('courses_org_path_idx').on(t.orgPath, t.createdAt),
    index('courses_scope_idx').on(t.scopePath, t.publishedAt).where(sql`${t.status} = 'published'`),
    index('courses_search_idx').using('gin', t.search),
    index('courses_tags_idx').using('gin', t.tags),
    index('courses_category_idx').on(t.categoryId),
  ],
);

// ── study/ (学时) and requirements/ (学时要求) ─────────────────────────────────────────────────

/**
 * Credited online study, one row per member, course and day (Beijing), added to by each credited
 * heartbeat: never a row per heartbeat. No foreign keys (members are another module's; a published
 * course is withdrawn, never deleted).
 */
export const studyCredits = pgTable(
  'study_credits',
  {
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    courseId: bigint('course_id', { mode: 'number' }).notNull(),
    day: date('day').notNull(),
    seconds: integer('seconds').notNull(),
  },
  (t) => [
    primaryKey({ name: 'study_credits_pk', columns: [t.memberId, t.courseId, t.day] }),
    check('study_credits_seconds_check', sql`${t.seconds} >= 0`),
    // the assessment's month of study minutes (learning/study/indicators.ts); migration 0040
    index('study_credits_day_brin').using('brin', t.day),
  ],
);

/** A member's way through a course, all days together; finished once most of it was studied. */
export const courseProgress = pgTable(
  'course_progress',
  {
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    courseId: bigint('course_id', { mode: 'number' }).notNull(),
    seconds: integer('seconds').notNull(),
    firstStudiedAt: timestamp('first_studied_at', { withTimezone: true }).notNull(),
    lastStudiedAt: timestamp('last_studied_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'course_progress_pk', columns: [t.memberId, t.courseId] }),
    check('course_progress_seconds_check', sql`${t.seconds} >= 0`),
  ],
);

/**
 * The member's study session (study/rules.ts Session): the active device, its last beat by number
 * and server time, the day's online seconds, the answer to the last beat, the credit not yet
 * folded. `version` is bumped by every write (a fold too), which happens only if nothing changed
 * since the beat's read.
 */
export const studyDevices = pgTable('study_devices', {
  memberId: bigint('member_id', { mode: 'number' }).primaryKey(),
  deviceId: text('device_id').notNull(),
  courseId: bigint('course_id', { mode: 'number' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastBeatAt: timestamp('last_beat_at', { withTimezone: true }).notNull(),
  day: date('day').notNull(),
  daySeconds: integer('day_seconds').notNull(),
  heldSeconds: integer('held_seconds').notNull().default(0),
  lastAnswer: jsonb('last_answer').notNull(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
  /*
   * The credit of the course and day being studied, not yet in study_credits, course_progress and
   * study_years: a beat adds to it (one row written, not four) and it is folded into those when the
   * member earns on another course or day, or by the minute job (study/fold.ts). Readers of a
   * member's own figures add it; org-wide figures see it within minutes.
   */
  pendingCourseId: bigint('pending_course_id', { mode: 'number' }),
  pendingDay: date('pending_day'),
  pendingSeconds: integer('pending_seconds').notNull().default(0),
  pendingFirstAt: timestamp('pending_first_at', { withTimezone: true }),
  pendingLastAt: timestamp('pending_last_at', { withTimezone: true }),
  /** course_progress.finished_at is set once the course's seconds reach this (rules.ts finishedAfter). */
  pendingFinishedAfter: integer('pending_finished_after'),
});

/** Each member's year of study by source (online, offline, station): the requirement's progress. */
export const studyYears = pgTable(
  'study_years',
  {
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    year: smallint('year').notNull(),
    onlineSeconds: integer('online_seconds').notNull().default(0),
    offlineSeconds: integer('offline_seconds').notNull().default(0),
    stationSeconds: integer('station_seconds').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'study_years_pk', columns: [t.memberId, t.year] }),
    check(
      'study_years_seconds_check',
      sql`${t.onlineSeconds} >= 0 and ${t.offlineSeconds} >= 0 and ${t.stationSeconds} >= 0`,
    ),
  ],
);

/**
 * The requirement's figures per org and year (the org's own members), recounted every ten minutes
 * (requirements/rollup.ts): a subtree's summary sums one index range of these.
 */
export const studyOrgYears = pgTable(
  'study_org_years',
  {
    year: smallint('year').notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    orgPath: text('org_path').notNull(),
    members: integer('members').notNull(),
    leaders: integer('leaders').notNull(),
    met: integer('met').notNull(),
    progressSum: doublePrecision('progress_sum').notNull(),
    seconds: bigint('seconds', { mode: 'number' }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'study_org_years_pk', columns: [t.year, t.orgId] }),
    index('study_org_years_path_idx').on(t.year, t.orgPath),
  ],
);

// ── offline/ (线下学习) and stations/ (远程教育站点) ──────────────────────────────────────────────

/**
 * 线下学习 "组织认定 + 网络登记": a session an org records and submits; the superior org (an admin
 * whose grant is above the org, never the org's own) approves it or returns it with a reason; only
 * approved minutes are credited (study/credit-study.ts). `org_path` follows the org when it moves.
 */
export const offlineStudies = pgTable(
  'offline_studies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    topic: text('topic').notNull(),
    studiedOn: date('studied_on').notNull(),
    minutes: integer('minutes').notNull(),
    place: text('place').notNull().default(''),
    summary: text('summary').notNull().default(''),
    state: text('state').notNull().default('draft'),
    /** The org whose admins were asked when it was last submitted (the next one up that has admins). */
    approverOrgId: bigint('approver_org_id', { mode: 'number' }).references(() => orgs.id),
    submissions: integer('submissions').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: bigint('submitted_by', { mode: 'number' }).references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => users.id),
    returnReason: text('return_reason'),
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('offline_studies_state_check', sql`${t.state} in ('draft','submitted','returned','approved')`),
    check('offline_studies_minutes_check', sql`${t.minutes} between 1 and 480`),
    index('offline_studies_org_path_idx').on(t.orgPath, t.studiedOn),
    index('offline_studies_pending_idx').on(t.orgPath, t.submittedAt).where(sql`${t.state} = 'submitted'`),
  ],
);

/** Who attended, with the name on the record when entered. `member_id` refers to members (in the SQL). */
export const offlineStudyAttendees = pgTable(
  'offline_study_attendees',
  {
    studyId: bigint('study_id', { mode: 'number' })
      .notNull()
      .references(() => offlineStudies.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ name: 'offline_study_attendees_pk', columns: [t.studyId, t.memberId] }),
    index('offline_study_attendees_member_idx').on(t.memberId),
  ],
);

/** Photos of an offline session, stored through platform/files images (keys only here). */
export const offlineStudyPhotos = pgTable(
  'offline_study_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    studyId: bigint('study_id', { mode: 'number' })
      .notNull()
      .references(() => offlineStudies.id, { onDelete: 'cascade' }),
    fileKey: text('file_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    size: integer('size').notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offline_study_photos_study_idx').on(t.studyId, t.id)],
);

/** The session's history as both sides read it: submitted, returned with the reason, approved. */
export const offlineStudyEvents = pgTable(
  'offline_study_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    studyId: bigint('study_id', { mode: 'number' })
      .notNull()
      .references(() => offlineStudies.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    reason: text('reason'),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('offline_study_events_action_check', sql`${t.action} in ('submitted','returned','approved')`),
    index('offline_study_events_study_idx').on(t.studyId, t.at),
  ],
);

/** 远程教育站点: a room with a screen serving a village's (or community's) org. */
export const stations = pgTable(
  'stations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stations_org_name_key').on(t.orgId, t.name),
    index('stations_org_path_idx').on(t.orgPath),
  ],
);

/** A station's managers and operators: accounts holding the station_manager role. */
export const stationStaff = pgTable(
  'station_staff',
  {
    stationId: bigint('station_id', { mode: 'number' })
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
  },
  (t) => [
    primaryKey({ name: 'station_staff_pk', columns: [t.stationId, t.userId] }),
    check('station_staff_kind_check', sql`${t.kind} in ('manager','operator')`),
    index('station_staff_user_idx').on(t.userId),
  ],
);

/** A group session at a station: a course of the library or a title, when, how long, who attended. */
export const stationSessions = pgTable(
  'station_sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stationId: bigint('station_id', { mode: 'number' })
      .notNull()
      .references(() => stations.id),
    courseId: bigint('course_id', { mode: 'number' }).references(() => courses.id),
    title: text('title').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    attendeeCount: integer('attendee_count').notNull(),
    photoKey: text('photo_key'),
    photoThumbKey: text('photo_thumb_key'),
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Withdrawn (entered by mistake): kept for the audit trail, counted nowhere (0036). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: bigint('withdrawn_by', { mode: 'number' }).references(() => users.id),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [
    check('station_sessions_minutes_check', sql`${t.minutes} between 1 and 480`),
    check(
      'station_sessions_withdrawn_check',
      sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`,
    ),
    index('station_sessions_station_idx').on(t.stationId, t.startedAt),
    index('station_sessions_started_idx').on(t.startedAt),
  ],
);

export const stationSessionAttendees = pgTable(
  'station_session_attendees',
  {
    sessionId: bigint('session_id', { mode: 'number' })
      .notNull()
      .references(() => stationSessions.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ name: 'station_session_attendees_pk', columns: [t.sessionId, t.memberId] }),
    index('station_session_attendees_member_idx').on(t.memberId),
  ],
);

// ── classes/ (网上班级) ──────────────────────────────────────────────────────────────────────

/** 网上班级: a cohort, a plan of courses and a deadline, run by an org (0027_learning_classes.sql). */
export const onlineClasses = pgTable(
  'online_classes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    cohortKind: text('cohort_kind').notNull(),
    cohortOrgId: bigint('cohort_org_id', { mode: 'number' }).references(() => orgs.id),
    memberCount: integer('member_count').notNull().default(0),
    startsOn: date('starts_on').notNull(),
    deadline: date('deadline').notNull(),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('online_classes_org_path_idx').on(t.orgPath)],
);

/** The plan: courses of the library in order. */
export const onlineClassCourses = pgTable(
  'online_class_courses',
  {
    classId: bigint('class_id', { mode: 'number' })
      .notNull()
      .references(() => onlineClasses.id, { onDelete: 'cascade' }),
    courseId: bigint('course_id', { mode: 'number' })
      .notNull()
      .references(() => courses.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ name: 'online_class_courses_pk', columns: [t.classId, t.courseId] })],
);

/** The cohort as resolved when the class was saved, with each member's org and name then. */
export const onlineClassMembers = pgTable(
  'online_class_members',
  {
    classId: bigint('class_id', { mode: 'number' })
      .notNull()
      .references(() => onlineClasses.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ name: 'online_class_members_pk', columns: [t.classId, t.memberId] }),
    index('online_class_members_order_idx').on(t.classId, t.orgPath, t.name),
    index('online_class_members_member_idx').on(t.memberId),
  ],
);

// ── pool/ (师资库 and 教育基地) ──────────────────────────────────────────────────────────────
// Seen by admins whose scope covers the keeping org, and, when `shared`, by every admin below it
// (pool/policy.ts). Phones are personal data: ciphertext bound to table, column and row.

/** 师资库: a teacher (宣讲员, 党校教师) an org keeps, with their topics. */
export const teachers = pgTable(
  'teachers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    shared: boolean('shared').notNull().default(false),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    title: text('title').notNull().default(''),
    topics: text('topics').array().notNull().default(sql`'{}'`),
    intro: text('intro').notNull().default(''),
    phoneEnc: text('phone_enc'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('teachers_org_path_idx').on(t.orgPath)],
);

/** 授课记录: a lecture a teacher gave for an org on a day. */
export const lectures = pgTable(
  'lectures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teacherId: bigint('teacher_id', { mode: 'number' })
      .notNull()
      .references(() => teachers.id),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    lecturedOn: date('lectured_on').notNull(),
    topic: text('topic').notNull(),
    attendeeCount: integer('attendee_count').notNull().default(0),
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lectures_teacher_idx').on(t.teacherId, t.lecturedOn),
    index('lectures_org_path_idx').on(t.orgPath),
  ],
);

export const lectureAttendees = pgTable(
  'lecture_attendees',
  {
    lectureId: bigint('lecture_id', { mode: 'number' })
      .notNull()
      .references(() => lectures.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ name: 'lecture_attendees_pk', columns: [t.lectureId, t.memberId] }),
    index('lecture_attendees_member_idx').on(t.memberId),
  ],
);

/** One rating per attendee per lecture; the migration also references lecture_attendees (only an attendee rates). */
export const lectureRatings = pgTable(
  'lecture_ratings',
  {
    lectureId: bigint('lecture_id', { mode: 'number' }).notNull(),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    stars: smallint('stars').notNull(),
    comment: text('comment').notNull().default(''),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lecture_ratings_pk', columns: [t.lectureId, t.memberId] }),
    check('lecture_ratings_stars_check', sql`${t.stars} between 1 and 5`),
  ],
);

/** 教育基地: a place for training (a memorial hall, a model village) with its capacity and themes. */
export const trainingBases = pgTable(
  'training_bases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    shared: boolean('shared').notNull().default(false),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    capacity: integer('capacity').notNull().default(0),
    themes: text('themes').array().notNull().default(sql`'{}'`),
    contactName: text('contact_name').notNull().default(''),
    contactPhoneEnc: text('contact_phone_enc'),
    intro: text('intro').notNull().default(''),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_bases_org_path_idx').on(t.orgPath)],
);

export const trainingBasePhotos = pgTable(
  'training_base_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    baseId: bigint('base_id', { mode: 'number' })
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    fileKey: text('file_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    size: integer('size').notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_base_photos_base_idx').on(t.baseId, t.id)],
);

// ── recommend/ (为你推荐) ───────────────────────────────────────────────────────────────────────

/** Each course's nearest courses by who finished both (recommend/rules.ts), top 30, nightly. */
export const courseNeighbours = pgTable(
  'course_neighbours',
  {
    courseId: bigint('course_id', { mode: 'number' }).notNull(),
    neighbourId: bigint('neighbour_id', { mode: 'number' }).notNull(),
    similarity: doublePrecision('similarity').notNull(),
    coFinishers: integer('co_finishers').notNull(),
  },
  (t) => [primaryKey({ name: 'course_neighbours_pk', columns: [t.courseId, t.neighbourId] })],
);

/** What an org's own members finished most (org 0, path '': everyone), nightly: the fallback. */
export const coursePopular = pgTable(
  'course_popular',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    courseId: bigint('course_id', { mode: 'number' }).notNull(),
    finishers: integer('finishers').notNull(),
  },
  (t) => [
    primaryKey({ name: 'course_popular_pk', columns: [t.orgId, t.courseId] }),
    index('course_popular_org_path_idx').on(sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** 不感兴趣: a member's dismissed recommendations, never offered again. */
export const courseDismissals = pgTable(
  'course_dismissals',
  {
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    courseId: bigint('course_id', { mode: 'number' })
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'course_dismissals_pk', columns: [t.memberId, t.courseId] })],
);
