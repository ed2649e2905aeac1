// 试卷, 考试, 答卷, 阅卷, 练习 (issue 15 items 3–7): what the routes take and answer.
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';
import { Difficulty, QUESTION_TYPES, QuestionType, TextFormat } from './questions.ts';

// ── answers ──

/**
 * An examinee's answer to one question, whatever its type: `choices` (single, multiple: indexes
 * into the question's choices as the bank keeps them, not as shown), `truth` (true/false), `text`
 * (fill, short, numeric written as text). What does not fit the slot's type is refused (400).
 */
export const AnswerValue = z.strictObject({
  choices: z.array(z.number().int().min(0).max(25)).max(26).optional(),
  truth: z.boolean().optional(),
  text: z.string().max(5000).optional(),
});
export type AnswerValue = z.infer<typeof AnswerValue>;

// ── papers (试卷) ──

/** Points a question of each type is worth on a paper. */
export const TypePoints = z.strictObject(
  Object.fromEntries(QUESTION_TYPES.map((t) => [t, z.number().min(0).max(100)])) as Record<
    (typeof QUESTION_TYPES)[number],
    z.ZodNumber
  >,
);
export type TypePoints = z.infer<typeof TypePoints>;
export const DEFAULT_POINTS: TypePoints = {
  single: 2,
  multiple: 3,
  truefalse: 1,
  fill: 2,
  numeric: 2,
  short: 10,
};

export const PaperRule = z.strictObject({
  categoryId: Id,
  includeSubcategories: z.boolean().default(true),
  type: QuestionType.nullable().default(null),
  difficulty: Difficulty.nullable().default(null),
  count: z.number().int().min(1).max(200),
});
export type PaperRule = z.infer<typeof PaperRule>;

/** A new or edited paper: fixed (`questionIds`, in order) or random (`rules`). */
export const SavePaper = z.strictObject({
  orgId: Id,
  title: text(100),
  kind: z.enum(['fixed', 'random']),
  points: TypePoints.default(DEFAULT_POINTS),
  shuffleOptions: z.boolean().default(true),
  questionIds: z.array(Id).max(200).default([]),
  rules: z.array(PaperRule).max(50).default([]),
});
export type SavePaper = z.infer<typeof SavePaper>;

export const Paper = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  title: z.string(),
  kind: z.enum(['fixed', 'random']),
  points: TypePoints,
  shuffleOptions: z.boolean(),
  questionIds: z.array(Id),
  rules: z.array(
    PaperRule.extend({
      categoryName: z.string(),
      /** Active questions the rule may draw from now (fewer than `count`: the paper cannot be drawn). */
      available: z.number().int(),
    }),
  ),
  /** Questions an examinee gets, and the points they add up to. */
  questionCount: z.number().int(),
  totalPoints: z.number(),
  status: z.enum(['active', 'archived']),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean() }),
});
export type Paper = z.infer<typeof Paper>;
export const PaperPage = pageOf(Paper);
export const PaperListQuery = PageQuery.extend({ orgId: Id.optional(), q: z.string().max(50).optional() });

// ── exams (考试) ──

export const AUDIENCE_KINDS = ['org', 'class', 'members'] as const;

/** A new exam: the paper, the window, the rules of the sitting and who may sit. */
export const SaveExam = z.strictObject({
  orgId: Id,
  paperId: Id,
  title: text(100),
  description: z.string().trim().max(2000).default(''),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(1).max(600),
  attemptsAllowed: z.number().int().min(1).max(10).default(1),
  /** The score that passes, in points (≤ the paper's total). */
  passScore: z.number().min(0),
  audienceKind: z.enum(AUDIENCE_KINDS),
  audienceOrgId: Id.optional(),
  audienceClassId: Id.optional(),
  memberIds: z.array(Id).max(5000).optional(),
});
export type SaveExam = z.infer<typeof SaveExam>;

export const Exam = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  paperId: Id,
  paperTitle: z.string(),
  title: z.string(),
  description: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number().int(),
  attemptsAllowed: z.number().int(),
  totalPoints: z.number(),
  passScore: z.number(),
  audienceKind: z.enum(AUDIENCE_KINDS),
  audienceOrgId: Id.nullable(),
  audienceClassId: Id.nullable(),
  candidateCount: z.number().int(),
  /** Attempts submitted, and short answers waiting for a grader. */
  submittedCount: z.number().int(),
  pendingCount: z.number().int(),
  status: z.enum(['published', 'cancelled']),
  /** upcoming / open / closed, by the server's clock. */
  phase: z.enum(['upcoming', 'open', 'closed']),
  createdAt: z.string(),
  can: z.object({ manage: z.boolean(), grade: z.boolean() }),
});
export type Exam = z.infer<typeof Exam>;
export const ExamPage = pageOf(Exam);
export const ExamListQuery = PageQuery.extend({ orgId: Id.optional(), q: z.string().max(50).optional() });

/** An exam in the member app: what the member may do now. */
export const MyExam = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  orgName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number().int(),
  questionCount: z.number().int(),
  totalPoints: z.number(),
  passScore: z.number(),
  attemptsAllowed: z.number().int(),
  attemptsUsed: z.number().int(),
  phase: z.enum(['upcoming', 'open', 'closed']),
  /** The attempt in progress (resume it), if any. */
  openAttemptId: Id.nullable(),
  /** The best graded score so far, and whether it passed (null: none yet, or waiting for a grader). */
  bestScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  lastAttemptId: Id.nullable(),
});
export type MyExam = z.infer<typeof MyExam>;
export const MyExams = z.object({ items: z.array(MyExam) });
export type MyExams = z.infer<typeof MyExams>;

// ── attempts (答卷) ──

/** A question as the examinee sees it: no key; choices in the order drawn for this attempt. */
export const SlotView = z.object({
  slot: z.number().int(),
  type: QuestionType,
  stem: z.string(),
  format: TextFormat,
  points: z.number(),
  /** single, multiple: `index` is what an answer names. */
  choices: z.array(z.object({ index: z.number().int(), text: z.string() })).optional(),
});
export type SlotView = z.infer<typeof SlotView>;

export const Attempt = z.object({
  id: Id,
  examId: Id,
  examTitle: z.string(),
  attemptNo: z.number().int(),
  status: z.enum(['open', 'submitted', 'graded']),
  startedAt: z.string(),
  /** When the server stops taking answers (plus a short grace) and submits the attempt itself. */
  dueAt: z.string(),
  /** The server's clock when it answered: the page counts down from dueAt − serverNow. */
  serverNow: z.string(),
  slots: z.array(SlotView),
  /** Saved answers by slot. */
  answers: z.record(z.string(), AnswerValue),
  submittedAt: z.string().nullable(),
});
export type Attempt = z.infer<typeof Attempt>;

export const SlotParams = z.strictObject({ id: Id, slot: z.coerce.number().int().min(0).max(999) });
export const SaveAnswer = z.strictObject({ answer: AnswerValue });
/** An answer is acknowledged only once durable (committed). */
export const AnswerSaved = z.object({ slot: z.number().int(), savedAt: z.string() });
export type AnswerSaved = z.infer<typeof AnswerSaved>;

/** Once submitted: the score (null while a short answer waits for a grader), and per slot the review. */
export const AttemptResult = z.object({
  id: Id,
  examId: Id,
  examTitle: z.string(),
  status: z.enum(['submitted', 'graded']),
  submittedBy: z.enum(['member', 'clock']),
  submittedAt: z.string(),
  score: z.number().nullable(),
  totalPoints: z.number(),
  passScore: z.number(),
  passed: z.boolean().nullable(),
  pending: z.number().int(),
  /** The right answers and explanations are shown once the exam has closed. */
  reviewOpen: z.boolean(),
  slots: z.array(
    SlotView.extend({
      answer: AnswerValue.nullable(),
      score: z.number().nullable(),
      /** Once reviewOpen: the key as an answer would give it, and the explanation. */
      key: AnswerValue.nullable(),
      keyText: z.string().nullable(),
      explanation: z.string().nullable(),
    }),
  ),
});
export type AttemptResult = z.infer<typeof AttemptResult>;

// ── grading, results, statistics (阅卷, 成绩, 统计) ──

/** A short answer waiting for (or given) a grade; the examinee is "考生 N" unless names are asked for. */
export const GradingItem = z.object({
  attemptId: Id,
  slot: z.number().int(),
  examinee: z.string(),
  stem: z.string(),
  answer: z.string(),
  points: z.number(),
  score: z.number().nullable(),
  comment: z.string().nullable(),
});
export const GradingQueue = z.object({ items: z.array(GradingItem), pending: z.number().int() });
export type GradingQueue = z.infer<typeof GradingQueue>;
export const GradingQuery = z.strictObject({
  pendingOnly: z.enum(['true', 'false']).default('true'),
  names: z.enum(['true', 'false']).default('false'),
});
export const GradeAnswer = z.strictObject({
  score: z.number().min(0),
  comment: z.string().trim().max(500).optional(),
});

export const ResultRow = z.object({
  memberId: Id,
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
  attempts: z.number().int(),
  /** Best graded score (null: not sat, or waiting for a grader). */
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  /** Rank in the exam and within the member's org (1 = best; ties share a rank). */
  rank: z.number().int().nullable(),
  orgRank: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
});
export const ResultPage = pageOf(ResultRow);
export const ResultQuery = PageQuery.extend({
  orgId: Id.optional(),
  status: z.enum(['all', 'sat', 'absent', 'passed', 'failed']).default('all'),
});

/** Per org (the exam org's children, or the chosen org's): who sat, average, pass rate. */
export const OrgResult = z.object({
  orgId: Id,
  orgName: z.string(),
  candidates: z.number().int(),
  sat: z.number().int(),
  passed: z.number().int(),
  average: z.number().nullable(),
  rank: z.number().int().nullable(),
});
export const OrgResults = z.object({ items: z.array(OrgResult) });

/** Per question, as Moodle's quiz statistics report them (first graded attempt of each examinee). */
export const QuestionStat = z.object({
  questionId: Id,
  name: z.string(),
  type: QuestionType,
  /** Attempts the question was on. */
  attempts: z.number().int(),
  /** Mean score as a percentage of its points. */
  facility: z.number().nullable(),
  /** Standard deviation of the score, as a percentage of its points. */
  sd: z.number().nullable(),
  /** Correlation of the question's score with the rest of the paper's, × 100. */
  discrimination: z.number().nullable(),
});
export const ExamStatistics = z.object({
  attempts: z.number().int(),
  average: z.number().nullable(),
  median: z.number().nullable(),
  passRate: z.number().nullable(),
  /** Scores in 10 equal bands of the total (for the chart). */
  histogram: z.array(z.number().int()),
  questions: z.array(QuestionStat),
});
export type ExamStatistics = z.infer<typeof ExamStatistics>;

// ── practice (练习, 错题本) ──

export const PracticeQuery = z.strictObject({
  categoryId: Id.optional(),
  book: z.enum(['true', 'false']).default('false'),
});
/** The next question to practise (null: none left). */
export const PracticeQuestion = z.object({
  questionId: Id,
  categoryName: z.string(),
  view: SlotView,
});
export const PracticeNext = z.object({ question: PracticeQuestion.nullable() });
export const PracticeAnswer = z.strictObject({ questionId: Id, answer: AnswerValue });
export const PracticeFeedback = z.object({
  correct: z.boolean(),
  /** Share of the question's points earned, 0…100 (null: a short answer, not graded in practice). */
  percent: z.number().nullable(),
  key: AnswerValue.nullable(),
  keyText: z.string().nullable(),
  explanation: z.string().nullable(),
  inBook: z.boolean(),
});
export const PracticeCategory = z.object({
  id: Id,
  name: z.string(),
  orgName: z.string(),
  questionCount: z.number().int(),
});
export const PracticeCategories = z.object({ items: z.array(PracticeCategory) });
export const WrongItem = z.object({
  questionId: Id,
  view: SlotView,
  wrongTimes: z.number().int(),
  lastAnswer: AnswerValue.nullable(),
  lastSource: z.enum(['practice', 'exam']),
  lastAt: z.string(),
  key: AnswerValue.nullable(),
  keyText: z.string().nullable(),
  explanation: z.string().nullable(),
});
export const WrongBook = pageOf(WrongItem);

export type PaperPage = z.infer<typeof PaperPage>;
export type PaperListQuery = z.infer<typeof PaperListQuery>;
export type ExamPage = z.infer<typeof ExamPage>;
export type ExamListQuery = z.infer<typeof ExamListQuery>;
export type SlotParams = z.infer<typeof SlotParams>;
export type SaveAnswer = z.infer<typeof SaveAnswer>;
export type GradingItem = z.infer<typeof GradingItem>;
export type GradingQuery = z.infer<typeof GradingQuery>;
export type GradeAnswer = z.infer<typeof GradeAnswer>;
export type ResultRow = z.infer<typeof ResultRow>;
export type ResultPage = z.infer<typeof ResultPage>;
export type ResultQuery = z.infer<typeof ResultQuery>;
export type OrgResult = z.infer<typeof OrgResult>;
export type OrgResults = z.infer<typeof OrgResults>;
export type QuestionStat = z.infer<typeof QuestionStat>;
export type PracticeQuery = z.infer<typeof PracticeQuery>;
export type PracticeQuestion = z.infer<typeof PracticeQuestion>;
export type PracticeNext = z.infer<typeof PracticeNext>;
export type PracticeAnswer = z.infer<typeof PracticeAnswer>;
export type PracticeFeedback = z.infer<typeof PracticeFeedback>;
export type PracticeCategory = z.infer<typeof PracticeCategory>;
export type PracticeCategories = z.infer<typeof PracticeCategories>;
export type WrongItem = z.infer<typeof WrongItem>;
export type WrongBook = z.infer<typeof WrongBook>;
