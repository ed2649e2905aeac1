// 问卷调查 (issue 16): what the routes take and answer.
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';
import { AnswerSet, SurveyDefinition } from './definition.ts';

export const AUDIENCE_KINDS = ['org', 'class', 'list', 'public'] as const;
export const SurveyAudience = z.enum(AUDIENCE_KINDS);
export type SurveyAudience = z.infer<typeof SurveyAudience>;

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Cross-tabulation of the answers by one of the respondent's coarse attributes, snapshot when they answered. */
export const CROSS_BYS = ['org', 'gender', 'ageBand', 'category'] as const;
export const CrossBy = z.enum(CROSS_BYS);
export type CrossBy = z.infer<typeof CrossBy>;

export const AGE_BANDS = ['under35', '35to45', '46to60', 'over60', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** A new survey (a draft until published) or a draft's edit. */
export const SaveSurvey = z.strictObject({
  orgId: Id,
  title: text(100),
  description: z.string().trim().max(2000).default(''),
  /** No response is linked to a person: a separate list records only who has answered. */
  anonymous: z.boolean().default(false),
  audienceKind: SurveyAudience,
  audienceOrgId: Id.nullable().default(null),
  audienceClassId: Id.nullable().default(null),
  memberIds: z.array(Id).max(5000).default([]),
  closesAt: z.iso.datetime({ offset: true }).nullable().default(null),
  definition: SurveyDefinition,
});
export type SaveSurvey = z.infer<typeof SaveSurvey>;
export type SaveSurveyInput = z.input<typeof SaveSurvey>;

export const Survey = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  description: z.string(),
  anonymous: z.boolean(),
  audienceKind: SurveyAudience,
  audienceOrgId: z.string().nullable(),
  audienceClassId: z.string().nullable(),
  memberIds: z.array(z.string()),
  status: z.enum(SURVEY_STATUSES),
  version: z.number().int(),
  definition: SurveyDefinition,
  /** The public link's key (public surveys, once published). */
  publicToken: z.string().nullable(),
  closesAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  invitedCount: z.number().int(),
  responseCount: z.number().int(),
  summary: z.string(),
  createdAt: z.string(),
  can: z.object({ manage: z.boolean(), editQuestions: z.boolean() }),
});
export type Survey = z.infer<typeof Survey>;
export const SurveyPage = pageOf(Survey);
export type SurveyPage = z.infer<typeof SurveyPage>;

export const SurveyListQuery = PageQuery.extend({
  orgId: Id.optional(),
  q: z.string().trim().max(50).optional(),
});

export const SaveSummary = z.strictObject({ summary: z.string().max(10_000) });

// ── answering ──

/** What a respondent sees: the questions, and (a member's) answers saved so far. */
export const SurveyForm = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  orgName: z.string(),
  anonymous: z.boolean(),
  version: z.number().int(),
  definition: SurveyDefinition,
  draft: AnswerSet,
  /** Already answered: the form is shown read-only with a thank-you. */
  answered: z.boolean(),
  open: z.boolean(),
});
export type SurveyForm = z.infer<typeof SurveyForm>;

export const SubmitAnswers = z.strictObject({ version: z.number().int().min(1), answers: AnswerSet });
export type SubmitAnswers = z.infer<typeof SubmitAnswers>;
export const SaveDraft = z.strictObject({ answers: AnswerSet });

export const Submitted = z.object({ ok: z.literal(true) });

export const MySurvey = z.object({
  id: z.string(),
  title: z.string(),
  orgName: z.string(),
  anonymous: z.boolean(),
  closesAt: z.string().nullable(),
  answered: z.boolean(),
  started: z.boolean(),
  open: z.boolean(),
});
export type MySurvey = z.infer<typeof MySurvey>;
export const MySurveys = z.object({ items: z.array(MySurvey) });
export type MySurveys = z.infer<typeof MySurveys>;

// ── results ──

export const OptionCount = z.object({ label: z.string(), count: z.number().int(), percent: z.number() });
export type OptionCount = z.infer<typeof OptionCount>;

export const QuestionResult = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  /** Respondents who answered it. */
  answered: z.number().int(),
  /** single, multiple, rating: per option (or score); ranking: per option, by first place. */
  options: z.array(OptionCount),
  /** rating, number: the mean; ranking: mean rank per option (in `ranks`). */
  mean: z.number().nullable(),
  ranks: z.array(z.object({ label: z.string(), meanRank: z.number().nullable() })),
  /** matrix: rows × scores counts, and each row's mean. */
  matrix: z
    .object({
      rows: z.array(z.string()),
      scale: z.array(z.number().int()),
      counts: z.array(z.array(z.number().int())),
      means: z.array(z.number().nullable()),
    })
    .nullable(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const OrgRate = z.object({
  orgId: z.string(),
  orgName: z.string(),
  invited: z.number().int(),
  answered: z.number().int(),
  rate: z.number().nullable(),
});
export type OrgRate = z.infer<typeof OrgRate>;

export const SurveyResults = z.object({
  surveyId: z.string(),
  responseCount: z.number().int(),
  invitedCount: z.number().int(),
  questions: z.array(QuestionResult),
  orgRates: z.array(OrgRate),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

export const CrossTabQuery = z.strictObject({ questionId: z.string().max(20), by: CrossBy });
export const CrossTab = z.object({
  by: CrossBy,
  groups: z.array(z.string()),
  options: z.array(z.string()),
  /** counts[group][option] */
  counts: z.array(z.array(z.number().int())),
  totals: z.array(z.number().int()),
});
export type CrossTab = z.infer<typeof CrossTab>;

export const WordsQuery = z.strictObject({ questionId: z.string().max(20) });
export const WordFrequency = z.object({
  answered: z.number().int(),
  words: z.array(z.object({ word: z.string(), count: z.number().int() })),
  samples: z.array(z.string()),
});
export type WordFrequency = z.infer<typeof WordFrequency>;

export const PublicLink = z.object({ url: z.string(), qrSvg: z.string() });
