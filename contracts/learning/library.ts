// 课件库 (GLOSSARY.md: course / library): courses, their categories and tags, the admins' library
// and what a member studies.
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';

export const COURSE_KINDS = ['video', 'audio', 'article', 'document'] as const;
export const CourseKind = z.enum(COURSE_KINDS);
export type CourseKind = z.infer<typeof CourseKind>;

export const COURSE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const CourseStatus = z.enum(COURSE_STATUSES);
export type CourseStatus = z.infer<typeof CourseStatus>;

/** A tag as typed: a word or a short phrase, without the # some people put before it. */
export const TagName = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#+/, '').trim())
  .pipe(z.string().min(1, { message: '标签不能为空' }).max(20, { message: '标签不超过 20 个字' }));

/** An article's text as the editor sends it; the server keeps what its allow-list permits. */
const Body = z.string().max(200_000, { message: '正文不能超过 200000 个字符' });

/** How long a video or audio plays, typed when the file does not say (seconds). */
const Duration = z
  .number()
  .int()
  .min(1, { message: '时长至少 1 秒' })
  .max(6 * 3600, { message: '时长不超过 6 小时' });

/**
 * A new course (a draft): the org that publishes it, whose members may study it (the org's own
 * subtree or one of its subordinate orgs; the publisher's by default), what it is and its text.
 * A video, audio or document gets its file next (POST /courses/:id/file); an article its body here.
 */
export const WriteCourse = z.strictObject({
  orgId: Id.meta({ title: '发布组织' }),
  scopeOrgId: Id.nullish().meta({ title: '学习范围' }),
  kind: CourseKind.meta({ title: '类型' }),
  title: text(100).meta({ title: '标题' }),
  summary: z.string().trim().max(500, { message: '简介不超过 500 字' }).default('').meta({ title: '简介' }),
  body: Body.nullish().meta({ title: '正文' }),
  categoryId: Id.nullish().meta({ title: '分类' }),
  tags: z.array(TagName).max(10, { message: '最多 10 个标签' }).default([]).meta({ title: '标签' }),
  durationSeconds: Duration.nullish().meta({ title: '时长' }),
});
export type WriteCourse = z.input<typeof WriteCourse>;

export const EditCourse = z.strictObject({
  scopeOrgId: Id.optional().meta({ title: '学习范围' }),
  title: text(100).optional().meta({ title: '标题' }),
  summary: z.string().trim().max(500, { message: '简介不超过 500 字' }).optional().meta({ title: '简介' }),
  body: Body.optional().meta({ title: '正文' }),
  categoryId: Id.nullable().optional().meta({ title: '分类' }),
  tags: z.array(TagName).max(10, { message: '最多 10 个标签' }).optional().meta({ title: '标签' }),
  durationSeconds: Duration.nullable().optional().meta({ title: '时长' }),
});
export type EditCourse = z.input<typeof EditCourse>;

export const WithdrawCourse = z.strictObject({ reason: text(200).meta({ title: '撤回原因' }) });

export const CourseFile = z.object({
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  /** Where it is served, with range requests (a video seeks). */
  url: z.string(),
});
export type CourseFile = z.infer<typeof CourseFile>;

export const CourseAbilities = z.object({
  edit: z.boolean(),
  upload: z.boolean(),
  publish: z.boolean(),
  withdraw: z.boolean(),
});

export const CourseSummary = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  scopeOrgId: Id,
  scopeOrgName: z.string(),
  kind: CourseKind,
  title: z.string(),
  summary: z.string(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  tags: z.array(z.string()),
  durationSeconds: z.number().int().nullable(),
  charCount: z.number().int().nullable(),
  status: CourseStatus,
  hasFile: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  can: CourseAbilities,
});
export type CourseSummary = z.infer<typeof CourseSummary>;

export const Course = CourseSummary.extend({
  /** Sanitized HTML (articles): safe to show as it is. */
  body: z.string().nullable(),
  file: CourseFile.nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type Course = z.infer<typeof Course>;

/** The admins' library: courses their subtree published, found by words, kind, status, category, tag. */
export const CourseListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  orgId: Id.optional(),
  kind: CourseKind.optional(),
  status: CourseStatus.optional(),
  categoryId: Id.optional(),
  tag: z.string().trim().max(20).optional(),
});
export const CoursePage = pageOf(CourseSummary);

// ── categories and tags (the department's) ─────────────────────────────────────────────────────

export const CourseCategory = z.object({
  id: Id,
  parentId: Id.nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
  /** Published courses in it (its own, not its sub-categories'). */
  courseCount: z.number().int(),
});
export type CourseCategory = z.infer<typeof CourseCategory>;
export const CourseCategoryList = z.object({ items: z.array(CourseCategory) });

export const WriteCategory = z.strictObject({
  name: text(20).meta({ title: '分类名称' }),
  parentId: Id.nullish().meta({ title: '上级分类' }),
  sortOrder: z.number().int().min(0).max(999).default(0).meta({ title: '排序' }),
});
export const EditCategory = z.strictObject({
  name: text(20).optional().meta({ title: '分类名称' }),
  sortOrder: z.number().int().min(0).max(999).optional().meta({ title: '排序' }),
});

export const CourseTag = z.object({
  name: z.string(),
  /** What the tag also means: a course tagged with it is found by these too, and the other way round. */
  expansions: z.array(z.string()),
  courseCount: z.number().int(),
});
export type CourseTag = z.infer<typeof CourseTag>;
export const CourseTagList = z.object({ items: z.array(CourseTag) });
export const TagParams = z.strictObject({ name: z.string().trim().min(1).max(20) });
export const SetTagExpansions = z.strictObject({
  expansions: z
    .array(z.string().trim().min(1).max(40, { message: '每个同义词不超过 40 个字' }))
    .max(10, { message: '最多 10 个同义词' })
    .meta({ title: '同义词' }),
});

// ── what a member studies (学习) ────────────────────────────────────────────────────────────────

export const LearnerCourseQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: CourseKind.optional(),
  categoryId: Id.optional(),
});

export const LearnerCourseSummary = z.object({
  id: Id,
  kind: CourseKind,
  title: z.string(),
  summary: z.string(),
  orgName: z.string(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  tags: z.array(z.string()),
  durationSeconds: z.number().int().nullable(),
  charCount: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
});
export type LearnerCourseSummary = z.infer<typeof LearnerCourseSummary>;
export const LearnerCoursePage = pageOf(LearnerCourseSummary);

export const LearnerCourse = LearnerCourseSummary.extend({
  /** An article's sanitized HTML. */
  body: z.string().nullable(),
  /** The video, audio or PDF, served inline with range requests. */
  media: CourseFile.nullable(),
  /** How long an article takes to read at 300 characters a minute (seconds). */
  readingSeconds: z.number().int().nullable(),
});
export type LearnerCourse = z.infer<typeof LearnerCourse>;
