// 党费: the dues standard and its history, reductions and exemptions, payments, the month's
// collection sheet, arrears, and a member's own payment history.
import { z } from 'zod';
import { DateOnly, Id, Month, PageQuery, pageOf, text } from '../common.ts';

/** Dues categories of the 2008 rules (server/src/modules/members/dues/rules.ts). */
export const DuesCategory = z.enum(['salaried', 'retired', 'farmer', 'student', 'relief']);
export type DuesCategory = z.infer<typeof DuesCategory>;

/**
 * What the base of a percentage standard is (2008 rules): after-tax monthly salary, one twelfth of
 * an annual salary (年薪制), the declared monthly income of the self-employed (个体), or the monthly
 * retirement pay. The fixed categories (farmers, students, relief) have no base.
 */
export const DuesBasis = z.enum(['salary', 'annual_salary', 'self_employed', 'pension']);
export type DuesBasis = z.infer<typeof DuesBasis>;

/** 少交 (reduced), 免交 (exempt), or a good reason for not paying (excused: 党章第九条 "正当理由"). */
export const ReliefKind = z.enum(['reduced', 'exempt', 'excused']);
export type ReliefKind = z.infer<typeof ReliefKind>;
/** The good reasons the branch accepts: illness, hardship, a migrant paying at the host branch. */
export const ExcuseReason = z.enum(['illness', 'hardship', 'paid_at_host']);
export type ExcuseReason = z.infer<typeof ExcuseReason>;

/**
 * A month of a member's dues, compared with what was due: paid in full, paid more (the extra is
 * voluntary, 自愿多交), paid less (still owing), not paid, exempt, or not due (before counting
 * starts, or while Party standing is suspended); pending: not settled yet but not owed either,
 * the month not being over (a month's dues fall due within it, as the arrears count them).
 */
export const DuesMonthState = z.enum([
  'paid',
  'overpaid',
  'underpaid',
  'unpaid',
  'exempt',
  'not_due',
  'pending',
]);
export type DuesMonthState = z.infer<typeof DuesMonthState>;

// ── payments ─────────────────────────────────────────────────────────────────────────────────

export const RecordPayments = z.strictObject({
  payments: z
    .array(z.strictObject({ memberId: Id, month: Month, amountFen: z.number().int().min(1).max(10_000_000) }))
    .min(1)
    .max(5000),
});
/** Recorded: how many, the total, and what was paid beyond the standard (自愿多交) or short of it. */
export const RecordedPayments = z.object({
  recorded: z.number().int(),
  totalFen: z.number().int(),
  extraFen: z.number().int(),
  shortFen: z.number().int(),
});

// ── the month's collection sheet of a branch ─────────────────────────────────────────────────

export const DuesSheetQuery = PageQuery.extend({
  orgId: Id,
  month: Month,
  /** Part of a name, or its pinyin initials. */
  q: z.string().trim().max(30).optional(),
});
export const DuesSheetRow = z.object({
  memberId: Id,
  name: z.string(),
  status: z.enum(['probationary', 'full']),
  /** The standard that applied in the month (the history's), null when none is set. */
  standardFen: z.number().int().nullable(),
  /** What is owed for the month after a reduction or exemption; null without a standard. */
  dueFen: z.number().int().nullable(),
  relief: ReliefKind.nullable(),
  paidFen: z.number().int().nullable(),
  state: DuesMonthState,
});
export const DuesSheet = pageOf(DuesSheetRow).extend({
  month: z.string(),
  orgName: z.string(),
  /** Paid in full (or more) of the whole sheet, not just this page. */
  settledTotal: z.number().int(),
});

// ── arrears ──────────────────────────────────────────────────────────────────────────────────

export const ArrearsQuery = PageQuery.extend({
  orgId: Id.optional(),
  asOf: Month.optional(),
  minMonths: z.coerce.number().int().min(1).default(1),
  /** Only members flagged: six months or more in a row without paying and without good reason. */
  onlyFlagged: z.enum(['true', 'false']).optional(),
});
export const ArrearsRow = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  duesStandardFen: z.number().nullable(),
  /** Months not settled: unpaid or paid short of what was due. */
  monthsOwed: z.number().int(),
  owedFen: z.number().int(),
  since: z.string().nullable(),
  /** The longest run of months with nothing paid and no good reason recorded. */
  longestRun: z.number().int(),
  flagged: z.boolean(),
});
/** One page of members owing dues, most owed first, with the totals of the whole report. */
export const ArrearsReport = pageOf(ArrearsRow).extend({
  asOf: z.string(),
  /** Members flagged (six months or more in a row) in the whole report, not just this page. */
  flaggedTotal: z.number().int(),
  owedFenTotal: z.number().int(),
  /** Party members in scope with no dues standard: not counted here, a record-quality problem. */
  withoutStandard: z.number().int(),
});
export const ArrearsExportQuery = ArrearsQuery.omit({ page: true, pageSize: true });

// ── the standard and its history ─────────────────────────────────────────────────────────────

/** The 2008 dues rules as data, with the department's fixed amounts, cap and recalculation window. */
export const DuesStandardTable = z.object({
  source: z.string(),
  basis: z.string(),
  /** Income brackets (overFen, upToFen] with their rate; upToFen null: no upper limit. */
  brackets: z.array(
    z.object({
      category: z.enum(['salaried', 'retired']),
      label: z.string(),
      labelEn: z.string(),
      overFen: z.number().int(),
      upToFen: z.number().int().nullable(),
      rate: z.number(),
    }),
  ),
  fixed: z.array(
    z.object({ category: DuesCategory, label: z.string(), labelEn: z.string(), amountFen: z.number().int() }),
  ),
  /** 2017 notice: a month's dues are generally at most this (the department's setting). */
  capFen: z.number().int(),
  capSource: z.string(),
  /** The yearly recalculation window the department opened, and whether today is in it. */
  window: z.object({ from: z.string().nullable(), to: z.string().nullable(), open: z.boolean() }),
});

/**
 * 调整党费标准 from a month on. Outside the department's yearly window a standard that exists may be
 * changed only with the reason recorded (a new member's first standard needs none).
 */
export const SetDuesStandard = z.strictObject({
  memberId: Id,
  fromMonth: Month.meta({ title: '起始月份' }),
  category: DuesCategory.meta({ title: '党费类别' }),
  basis: DuesBasis.nullable().default(null).meta({ title: '计算基数' }),
  /** The income the basis names, in fen: monthly, or the annual salary for 年薪制. */
  incomeFen: z.number().int().min(0).max(1_000_000_000).nullable().default(null).meta({ title: '收入' }),
  reason: text(200).nullable().default(null).meta({ title: '调整原因' }),
});
export const DuesStandardEntry = z.object({
  fromMonth: z.string(),
  category: DuesCategory,
  basis: DuesBasis.nullable(),
  /** The monthly base the rate was applied to (annual ÷ 12 for 年薪制). */
  baseFen: z.number().int().nullable(),
  standardFen: z.number().int(),
  recordedAt: z.string(),
});

// ── reductions, exemptions and good reasons ──────────────────────────────────────────────────

/**
 * 少交或免交党费 (2008 rules): the branch's decision and the higher committee's approval, both dated;
 * it applies once both are recorded. A good reason (excused) needs the branch's date.
 */
export const RecordRelief = z.strictObject({
  memberId: Id,
  kind: ReliefKind.meta({ title: '类别' }),
  /** reduced: what is owed a month instead of the standard. */
  amountFen: z.number().int().min(0).max(10_000_000).nullable().default(null).meta({ title: '每月应交金额' }),
  fromMonth: Month.meta({ title: '起始月份' }),
  toMonth: Month.nullable().default(null).meta({ title: '截止月份' }),
  reason: text(200).meta({ title: '原因' }),
  reasonKind: ExcuseReason.nullable().default(null).meta({ title: '正当理由' }),
  branchApprovedOn: DateOnly.meta({ title: '党支部同意日期' }),
  committeeApprovedOn: DateOnly.nullable().default(null).meta({ title: '上级党委批准日期' }),
});
export type RecordRelief = z.infer<typeof RecordRelief>;
export const ApproveRelief = z.strictObject({
  committeeApprovedOn: DateOnly.meta({ title: '上级党委批准日期' }),
});
/** Ends a relief: the last month it covers (the member's circumstances changed). */
export const EndRelief = z.strictObject({ toMonth: Month.meta({ title: '截止月份' }) });
export const ReliefListQuery = PageQuery.extend({
  orgId: Id.optional(),
  memberId: Id.optional(),
  /** current: covering this month or later; all: ended ones too. */
  show: z.enum(['current', 'all']).default('current'),
});
export const Relief = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  orgName: z.string(),
  kind: ReliefKind,
  amountFen: z.number().int().nullable(),
  fromMonth: z.string(),
  toMonth: z.string().nullable(),
  reason: z.string(),
  reasonKind: ExcuseReason.nullable(),
  branchApprovedOn: z.string().nullable(),
  committeeApprovedOn: z.string().nullable(),
  /** Both approvals recorded (the branch's alone for a good reason): it counts. */
  inEffect: z.boolean(),
  createdAt: z.string(),
  can: z.object({ approve: z.boolean(), end: z.boolean() }),
});
export type Relief = z.infer<typeof Relief>;
export const ReliefPage = pageOf(Relief);

// ── one member's dues ────────────────────────────────────────────────────────────────────────

export const DuesMonth = z.object({
  month: z.string(),
  standardFen: z.number().int().nullable(),
  dueFen: z.number().int().nullable(),
  relief: ReliefKind.nullable(),
  paidFen: z.number().int().nullable(),
  /** paid − due when more was paid (自愿多交), else 0. */
  extraFen: z.number().int(),
  /** due − paid when less was paid, else 0. */
  shortFen: z.number().int(),
  state: DuesMonthState,
});
export type DuesMonth = z.infer<typeof DuesMonth>;
/** A member's dues: the current standard and its history, reliefs, and the months, newest first. */
export const MemberDues = z.object({
  memberId: Id,
  name: z.string(),
  standardFen: z.number().int().nullable(),
  category: DuesCategory.nullable(),
  basis: DuesBasis.nullable(),
  /** The income the basis names (monthly, or the annual salary for 年薪制), in fen. */
  incomeFen: z.number().int().nullable(),
  /** The first month dues are counted for (arrival on the platform, or after "dues paid until"). */
  fromMonth: z.string().nullable(),
  /** The month now (Beijing time): it and any month after it are pending, not owed. */
  thisMonth: Month,
  months: z.array(DuesMonth),
  history: z.array(DuesStandardEntry),
  reliefs: z.array(Relief),
  /** Totals over the months listed. */
  paidFen: z.number().int(),
  extraFen: z.number().int(),
  owedFen: z.number().int(),
  /** approve: the caller keeps an org above the member's branch (records the committee's approval). */
  can: z.object({ manage: z.boolean(), approve: z.boolean() }),
});
export type MemberDues = z.infer<typeof MemberDues>;
export const MemberDuesQuery = z.strictObject({
  /** How many months back from this one (default 24). */
  months: z.coerce.number().int().min(1).max(120).default(24),
});
