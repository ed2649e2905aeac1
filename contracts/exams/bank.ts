// 题库 (issue 15 items 1–2): what the bank's routes take and answer. The question itself is
// contracts/exams/questions.ts QuestionBody.
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';
import { Difficulty, QuestionBody, QuestionType } from './questions.ts';

// ── categories ──

export const QuestionCategory = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  parentId: Id.nullable(),
  name: z.string(),
  /** Active questions filed directly in it. */
  questionCount: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type QuestionCategory = z.infer<typeof QuestionCategory>;

/** The categories the caller sees: their subtree's banks and the department's (read-only). */
export const QuestionCategoryList = z.object({ items: z.array(QuestionCategory) });
export type QuestionCategoryList = z.infer<typeof QuestionCategoryList>;

export const QuestionCategoryQuery = z.strictObject({ orgId: Id.optional() });

/** A new category: under `parentId` (in its org), or a top one of `orgId`'s bank. */
export const WriteQuestionCategory = z.strictObject({
  orgId: Id.optional(),
  parentId: Id.nullable().optional(),
  name: text(100),
});
export type WriteQuestionCategory = z.infer<typeof WriteQuestionCategory>;

export const EditQuestionCategory = z.strictObject({ name: text(100) });

// ── questions ──

export const QUESTION_STATUSES = ['active', 'archived'] as const;
export const QuestionStatus = z.enum(QUESTION_STATUSES);

export const Question = z.object({
  id: Id,
  categoryId: Id,
  categoryName: z.string(),
  orgId: Id,
  type: QuestionType,
  name: z.string(),
  body: QuestionBody,
  difficulty: Difficulty,
  tags: z.array(z.string()),
  status: QuestionStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean() }),
});
export type Question = z.infer<typeof Question>;
export const QuestionPage = pageOf(Question);

export const QuestionListQuery = PageQuery.extend({
  /** The category and every category below it. */
  categoryId: Id.optional(),
  orgId: Id.optional(),
  type: QuestionType.optional(),
  difficulty: Difficulty.optional(),
  tag: z.string().trim().min(1).max(20).optional(),
  /** Words of the name or the stem. */
  q: z.string().trim().max(50).optional(),
  status: QuestionStatus.default('active'),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuery>;

export const WriteQuestion = z.strictObject({ categoryId: Id, question: QuestionBody });
export type WriteQuestion = z.infer<typeof WriteQuestion>;

// ── import and export ──

export const IMPORT_FORMATS = ['gift', 'aiken', 'xlsx'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);

/**
 * POST /question-imports (multipart, field `file`): without `confirm` a preview; with `confirm=1`
 * the good questions are written — only when none failed, or when `skipBad=1`.
 */
export const ImportQuery = z.strictObject({
  categoryId: Id,
  /** Which reader for a .txt: GIFT unless told; .gift is GIFT, .xlsx the template. */
  format: ImportFormat.optional(),
  confirm: z.enum(['0', '1']).default('0'),
  skipBad: z.enum(['0', '1', 'true', 'false']).default('0'),
});

export const ImportGood = z.object({
  index: z.number().int(),
  line: z.number().int(),
  category: z.string().nullable(),
  question: QuestionBody,
});
export const ImportBad = z.object({
  index: z.number().int(),
  line: z.number().int(),
  name: z.string().optional(),
  error: z.object({ zh: z.string(), en: z.string() }),
});
export const ImportResult = z.object({
  format: ImportFormat,
  good: z.array(ImportGood),
  bad: z.array(ImportBad),
  /** null for a preview; how many questions were written for a confirmed import. */
  written: z.number().int().nullable(),
  /** Categories made from `$CATEGORY:` (GIFT) or the 分类 column (Excel). */
  categoriesCreated: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ExportQuery = z.strictObject({ format: z.enum(['xlsx', 'gift']).default('xlsx') });

export const QuestionImage = z.object({ id: Id, url: z.string(), width: z.number(), height: z.number() });
export const QuestionImageQuery = z.strictObject({ orgId: Id });
export const QuestionImageParams = z.strictObject({ id: Id });
