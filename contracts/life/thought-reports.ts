// 思想汇报: activists, candidates and probationary members hand in reports at the frequency their
// branch sets; the branch reviews each with a comment; due and missing reports are listed.
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf } from '../common.ts';
import { MEMBER_STATUSES } from '../members/enums.ts';
import { PERIOD_PATTERN, THOUGHT_REPORT_FREQUENCIES } from './thought-report-periods.ts';

export { PERIOD_PATTERN, periodWords, THOUGHT_REPORT_FREQUENCIES } from './thought-report-periods.ts';

export const ThoughtReportFrequency = z.enum(THOUGHT_REPORT_FREQUENCIES);
export type ThoughtReportFrequency = z.infer<typeof ThoughtReportFrequency>;

export const ThoughtReportPeriod = z
  .string()
  .regex(PERIOD_PATTERN, { message: '汇报期格式须为 2026-11、2026-Q4 或 2026-H2' });

/** Longest report body, in characters (a long report runs to a few thousand). */
export const MAX_REPORT_CHARS = 20_000;

/**
 * 提交思想汇报 (JSON, or the fields of a multipart form with the file `attachment`). The title may be
 * left out: it becomes "2026年第四季度思想汇报". Text or an attachment, at least one of them.
 */
export const SubmitThoughtReport = z.strictObject({
  title: z.string().trim().max(100).optional().meta({ title: '标题' }),
  body: z.string().max(MAX_REPORT_CHARS).optional().meta({ title: '汇报内容' }),
});
export type SubmitThoughtReport = z.infer<typeof SubmitThoughtReport>;

export const ReviewThoughtReport = z.strictObject({
  comment: z.string().trim().min(1).max(1000).meta({ title: '审阅意见' }),
});

export const THOUGHT_REPORT_STATES = ['pending', 'reviewed'] as const;
export const ThoughtReportState = z.enum(THOUGHT_REPORT_STATES);
export type ThoughtReportState = z.infer<typeof ThoughtReportState>;

export const ReportAttachment = z.object({ name: z.string(), size: z.number().int(), type: z.string() });

export const ThoughtReportAbilities = z.object({
  /** The branch (or a committee above it) may review it: pending, in the caller's scope. */
  review: z.boolean(),
  /** The writer may hand in a replacement: their own, pending, of the period now running. */
  replace: z.boolean(),
});

/** A report as a list shows it: the first lines of the text. */
export const ThoughtReportSummary = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  /** The writer's stage now (入党积极分子, 发展对象, 预备党员 — or 正式党员 since). */
  stage: z.enum(MEMBER_STATUSES),
  orgId: Id,
  orgName: z.string(),
  period: z.string(),
  title: z.string(),
  excerpt: z.string(),
  attachment: ReportAttachment.nullable(),
  submittedAt: z.string(),
  state: ThoughtReportState,
  reviewedAt: z.string().nullable(),
  reviewerName: z.string().nullable(),
  comment: z.string().nullable(),
  can: ThoughtReportAbilities,
});
export type ThoughtReportSummary = z.infer<typeof ThoughtReportSummary>;

/** A report in full: its text (plain text, shown as text). */
export const ThoughtReport = ThoughtReportSummary.extend({ body: z.string() });
export type ThoughtReport = z.infer<typeof ThoughtReport>;

export const ThoughtReportPage = pageOf(ThoughtReportSummary);

export const ThoughtReportListQuery = PageQuery.extend({
  /** The subtree whose reports to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  state: ThoughtReportState.optional(),
  period: ThoughtReportPeriod.optional(),
});

/** A period: its label and its first and last day (YYYY-MM-DD). */
export const Period = z.object({
  label: z.string(),
  frequency: ThoughtReportFrequency,
  start: z.string(),
  last: z.string(),
});
export type Period = z.infer<typeof Period>;

/** The member's own side: whether they must report, the period now running, and their reports. */
export const MyThoughtReports = pageOf(ThoughtReport).extend({
  mustReport: z.boolean(),
  stage: z.enum(MEMBER_STATUSES),
  orgName: z.string(),
  period: Period,
  /** Their report of the period now running, when they handed one in. */
  current: ThoughtReport.nullable(),
});
export type MyThoughtReports = z.infer<typeof MyThoughtReports>;

export const DUE_STATES = ['due', 'missing'] as const;

/** Someone who has not handed in the report of a period: still due (the period runs) or missing. */
export const ThoughtReportDue = z.object({
  memberId: Id,
  name: z.string(),
  stage: z.enum(MEMBER_STATUSES),
  orgId: Id,
  orgName: z.string(),
  period: z.string(),
  periodLast: z.string(),
  state: z.enum(DUE_STATES),
});
export type ThoughtReportDue = z.infer<typeof ThoughtReportDue>;
export const ThoughtReportDuePage = pageOf(ThoughtReportDue);
export const ThoughtReportDueQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** The period now running (reports still due) or the one before it (reports missing). */
  when: z.enum(['current', 'previous']).default('current'),
});

/** What the assessment reads for a month: all counted from records. */
export const ThoughtReportCounts = z.object({
  /** Reports handed in during the month. */
  handedIn: z.number().int(),
  /** Reports the branch reviewed during the month. */
  reviewed: z.number().int(),
  /** Reports due for periods that ended in the month (one per writer and period). */
  due: z.number().int(),
  /** Of those, the ones never handed in. Only periods already over count. */
  missing: z.number().int(),
});
export type ThoughtReportCounts = z.infer<typeof ThoughtReportCounts>;

export const OrgThoughtReportCounts = ThoughtReportCounts.extend({ orgId: Id, orgName: z.string() });
export const ThoughtReportMonthly = z.object({
  month: z.string(),
  org: OrgThoughtReportCounts,
  /** Each org directly below, a page of them. */
  children: pageOf(OrgThoughtReportCounts),
});
export type ThoughtReportMonthly = z.infer<typeof ThoughtReportMonthly>;
export const ThoughtReportMonthlyQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** Default: the month before this one. */
  month: Month.optional(),
});

export const FrequencyQuery = z.strictObject({ orgId: Id });
/** An org's frequency: set on it, inherited from an org above, or the department's default. */
export const ThoughtReportFrequencyView = z.object({
  orgId: Id,
  orgName: z.string(),
  frequency: ThoughtReportFrequency,
  /** Where it comes from: this org, an org above it, or (null) the department's default. */
  setOn: z.object({ orgId: Id, orgName: z.string() }).nullable(),
  departmentDefault: ThoughtReportFrequency,
  /** The period now running at this frequency. */
  period: Period,
  can: z.object({ set: z.boolean() }),
});
export type ThoughtReportFrequencyView = z.infer<typeof ThoughtReportFrequencyView>;
/** null: no frequency of its own (the org follows the one above, or the department's). */
export const SetThoughtReportFrequency = z.strictObject({
  orgId: Id,
  frequency: ThoughtReportFrequency.nullable().meta({ title: '汇报频次' }),
});
