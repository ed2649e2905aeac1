// 问卷 (issue 16): a survey's definition — sections of questions with stable ids — and an answer set.
// The definition is one zod-checked JSON document (kept in surveys.definition, jsonb); the rules a
// set of answers must keep (required, min/max picks, show-if) are server/src/modules/surveys/rules.ts.
import { z } from 'zod';

export const QUESTION_KINDS = [
  'single',
  'multiple',
  'rating',
  'matrix',
  'ranking',
  'number',
  'date',
  'text',
  'textarea',
] as const;
export const QuestionKind = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** Kinds whose answers are counted per option (charts); the rest are listed or summarised. */
export const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'rating', 'matrix', 'ranking'];

const label = z.string().trim().min(1, { message: '不能为空' }).max(200);

/**
 * Shown only when the earlier question `questionId` (single, multiple or rating) was answered with
 * one of `anyOf` (option indexes; for a rating, the scores). A hidden question must stay unanswered.
 */
export const ShowIf = z.strictObject({
  questionId: z.string().regex(/^[a-z0-9_-]{1,20}$/),
  anyOf: z.array(z.number().int().min(0).max(100)).min(1).max(50),
});
export type ShowIf = z.infer<typeof ShowIf>;

export const SurveyQuestion = z.strictObject({
  /** Stable within the survey: answers, show-if rules and the reports name questions by it. */
  id: z.string().regex(/^[a-z0-9_-]{1,20}$/, { message: '题目编号只能是小写字母、数字、-、_（最多20位）' }),
  kind: QuestionKind,
  title: z.string().trim().min(1, { message: '请填写题目' }).max(300),
  required: z.boolean().default(false),
  /** single, multiple, ranking: the options, answered by index. */
  options: z.array(label).max(30).default([]),
  /** multiple: how many may be picked. */
  minPicks: z.number().int().min(0).max(30).nullable().default(null),
  maxPicks: z.number().int().min(1).max(30).nullable().default(null),
  /** rating and matrix: the scale (1–5 by default) and what its ends mean. */
  scaleMin: z.number().int().min(0).max(10).default(1),
  scaleMax: z.number().int().min(1).max(10).default(5),
  minLabel: z.string().max(20).default(''),
  maxLabel: z.string().max(20).default(''),
  /** matrix: the rows, each rated on the scale. */
  rows: z.array(label).max(30).default([]),
  /** number: the bounds, when any. */
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  showIf: ShowIf.nullable().default(null),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;
export type SurveyQuestionInput = z.input<typeof SurveyQuestion>;

export const SurveySection = z.strictObject({
  title: z.string().trim().max(100).default(''),
  questions: z.array(SurveyQuestion).max(200),
});
export type SurveySection = z.infer<typeof SurveySection>;

export const SurveyDefinition = z.strictObject({
  sections: z.array(SurveySection).min(1, { message: '至少要有一个部分' }).max(30),
});
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/**
 * One answer: single/rating → a number; multiple → option indexes; matrix → a score per row (null:
 * not answered); ranking → option indexes, most preferred first (all of them); number → a number;
 * date → YYYY-MM-DD; text/textarea → a string.
 */
export const AnswerValue = z.union([
  z.number(),
  z.string().max(5000),
  z.array(z.number().int().min(0).max(100).nullable()).max(30),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const AnswerSet = z.record(z.string().max(20), AnswerValue);
export type AnswerSet = z.infer<typeof AnswerSet>;
