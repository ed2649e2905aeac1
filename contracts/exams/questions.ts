// 题库 (issue 15 items 1–2): the shape of a question as the bank keeps it, as the GIFT, Aiken and
// Excel readers produce it and as the GIFT writer takes it. One shape for all, so an import is
// "parse, then save what parsed" and an export round-trips.
import { z } from 'zod';

/** Question types the bank supports. GIFT's matching, essay-with-files… are refused per question. */
export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill', 'numeric', 'short'] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

/** How the question's text is written (GIFT's [html] / [plain] / [markdown]; `plain` by default). */
export const TextFormat = z.enum(['plain', 'html', 'markdown']);
export type TextFormat = z.infer<typeof TextFormat>;

/** A choice of a single/multiple question: weight in percent of the question's points (−100…100). */
export const Choice = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  weight: z.number().min(-100).max(100),
  feedback: z.string().max(2000).optional(),
});
export type Choice = z.infer<typeof Choice>;

/** An accepted answer of a fill-in-the-blank (matched after normalizing width, case and spaces). */
export const Accepted = z.strictObject({
  text: z.string().trim().min(1).max(500),
  weight: z.number().min(0).max(100).default(100),
  feedback: z.string().max(2000).optional(),
});

/** A numeric answer: `value` ± `tolerance`, or the range min…max (GIFT `{#5:0.5}`, `{#4..6}`). */
export const NumericAnswer = z.strictObject({
  min: z.number(),
  max: z.number(),
  weight: z.number().min(0).max(100).default(100),
  feedback: z.string().max(2000).optional(),
});

export const Difficulty = z.enum(['easy', 'medium', 'hard']);

export const QuestionBody = z.strictObject({
  type: QuestionType,
  /** GIFT's ::name::, or the first words of the stem. */
  name: z.string().trim().max(200).optional(),
  stem: z.string().trim().min(1).max(20_000),
  format: TextFormat.default('plain'),
  /** single, multiple: at least two; single has exactly one at 100. */
  choices: z.array(Choice).max(26).optional(),
  /** multiple: all-or-nothing (only a fully right answer scores) or partial credit by weights. */
  scoring: z.enum(['all-or-nothing', 'partial']).optional(),
  /** truefalse */
  correct: z.boolean().optional(),
  /** fill */
  accepted: z.array(Accepted).max(50).optional(),
  /** numeric */
  numeric: z.array(NumericAnswer).max(20).optional(),
  /** GIFT's general feedback (####), shown after answering: the 解析. */
  explanation: z.string().max(5000).optional(),
  difficulty: Difficulty.default('medium'),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
});
export type QuestionBody = z.infer<typeof QuestionBody>;

/**
 * One question a reader took out of a file, or why it could not: `index` counts questions from 1,
 * `line` is where the question starts in the file (a row for Excel). `category` is the path of
 * `$CATEGORY:` (GIFT) as names joined by '/', in effect for this question, if any.
 */
export type Parsed =
  | { ok: true; index: number; line: number; category: string | null; question: QuestionBody }
  | { ok: false; index: number; line: number; name?: string; error: { zh: string; en: string } };
