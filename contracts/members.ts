import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from './common.ts';
import { OrgKind, OrgSector } from './orgs.ts';
import {
  CORRECTABLE,
  DEGREES,
  EDUCATIONS,
  GENDERS,
  MEMBER_STATUSES,
  PIPELINE_ITEMS,
  POSITIONS,
  type PipelineItem,
} from './enums.ts';
import { MEMBER_FIELD_LABELS, type MemberField } from './labels.ts';
import { Phone } from './users.ts';

export * from './enums.ts';

export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Gender = z.enum(GENDERS);

export const Education = z.enum(EDUCATIONS);
export const Degree = z.enum(DEGREES);

export const Position = z.enum(POSITIONS);

/** Dues categories of the 2008 rules (server/src/modules/members/dues.ts). */
export const DuesCategory = z.enum(['salaried', 'retired', 'farmer', 'student', 'relief']);
export type DuesCategory = z.infer<typeof DuesCategory>;

/** The 56 ethnic groups are free text here but trimmed and bounded; 汉族 is the common case. */
export const Ethnicity = text(20);

const DateOnly = z.iso.date({ message: '日期格式须为 YYYY-MM-DD' });
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式须为 YYYY-MM' });

const untitledFields = {
  name: text(30),
  gender: Gender,
  ethnicity: Ethnicity,
  /** 18 characters, GB 11643 check digit verified; birth date and gender are checked against it. */
  idNumber: z.string().trim().toUpperCase(),
  birthDate: DateOnly,
  education: Education,
  degree: Degree.nullable(),
  status: MemberStatus,
  /** 入党日期: admitted as probationary member. */
  joinedOn: DateOnly.nullable(),
  /** 转正日期: full membership. */
  fullOn: DateOnly.nullable(),
  orgId: Id,
  positions: z.array(Position).max(6),
  phone: Phone.nullable(),
  workUnit: text(100).nullable(),
  mobile: z.boolean(),
  /** 流动党员的外出地点 / 工作地. */
  mobileLocation: text(100).nullable(),
  duesCategory: DuesCategory.nullable(),
  /** After-tax monthly income in fen (salaried) or retirement pay (retired). */
  monthlyIncomeFen: z.number().int().min(0).max(100_000_000).nullable(),
};

/** Each field labelled for messages and forms (contracts/labels.ts). */
const MemberFields = Object.fromEntries(
  Object.entries(untitledFields).map(([k, v]) => [
    k,
    v.meta({ title: MEMBER_FIELD_LABELS[k as MemberField] }),
  ]),
) as typeof untitledFields;

export const CreateMember = z.strictObject({
  ...MemberFields,
  degree: MemberFields.degree.default(null),
  joinedOn: MemberFields.joinedOn.default(null),
  fullOn: MemberFields.fullOn.default(null),
  positions: MemberFields.positions.default([]),
  phone: MemberFields.phone.default(null),
  workUnit: MemberFields.workUnit.default(null),
  mobile: MemberFields.mobile.default(false),
  mobileLocation: MemberFields.mobileLocation.default(null),
  duesCategory: MemberFields.duesCategory.default(null),
  monthlyIncomeFen: MemberFields.monthlyIncomeFen.default(null),
});
export type CreateMember = z.infer<typeof CreateMember>;

/** orgId is not editable here: a member changes org only by a transfer. */
export const UpdateMember = z
  .strictObject({ ...MemberFields })
  .omit({ orgId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '至少修改一项' });
export type UpdateMember = z.infer<typeof UpdateMember>;

export const Member = z.object({
  id: Id,
  name: z.string(),
  gender: Gender,
  ethnicity: z.string(),
  /** Masked (5101**********1234) unless the caller asked for and may see the full number. */
  idNumber: z.string(),
  birthDate: z.string(),
  education: z.string(),
  degree: z.string().nullable(),
  status: MemberStatus,
  joinedOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  orgId: Id,
  orgName: z.string(),
  positions: z.array(z.string()),
  phone: z.string().nullable(),
  workUnit: z.string().nullable(),
  mobile: z.boolean(),
  mobileLocation: z.string().nullable(),
  duesCategory: DuesCategory.nullable(),
  monthlyIncomeFen: z.number().nullable(),
  duesStandardFen: z.number().nullable(),
  hasPhoto: z.boolean(),
  studyCardNo: z.string().nullable(),
  recordUpdatedAt: z.string(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const MemberDetail = Member.extend({
  pipeline: z.record(z.string(), z.string().nullable()),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

export const MemberListQuery = PageQuery.extend({
  /** The subtree to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  status: MemberStatus.optional(),
  orgKind: OrgKind.optional(),
  sector: OrgSector.optional(),
  mobile: z.enum(['true', 'false']).optional(),
  /** A name prefix, a full ID-card number or a full phone number. */
  q: z.string().trim().max(30).optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;
export const MemberPage = pageOf(Member);

export const HistoryEntry = z.object({
  id: Id,
  at: z.string(),
  actorName: z.string().nullable(),
  source: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export const HistoryList = z.object({ items: z.array(HistoryEntry) });

export const PipelineUpdate = z
  .strictObject(
    Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, DateOnly.nullable()])) as Record<
      PipelineItem,
      z.ZodNullable<typeof DateOnly>
    >,
  )
  .partial();

/** 身份证号、手机号 in full: a separate permission, and each view is audited. */
export const RevealedPii = z.object({ idNumber: z.string(), phone: z.string().nullable() });

// ── imports ────────────────────────────────────────────────────────────────────────────────
export const ImportJob = z.object({
  id: Id,
  status: z.enum(['queued', 'validating', 'writing', 'done', 'failed']),
  fileName: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  errorCount: z.number().int(),
  /** Present when the workbook had bad rows: download it to see the error column. */
  errorWorkbookUrl: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

// ── record quality ──────────────────────────────────────────────────────────────────────────
export const QualityQuery = z.strictObject({
  orgId: Id.optional(),
  /** The period for the update rate; default: this calendar year up to today (Asia/Shanghai). */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export const QualityRow = z.object({
  orgId: Id,
  orgName: z.string(),
  members: z.number().int(),
  completenessRate: z.number(),
  updateRate: z.number(),
  photoRate: z.number(),
  duesStandardRate: z.number(),
});
export const QualityReport = z.object({
  total: QualityRow,
  children: z.array(QualityRow),
  from: z.string(),
  to: z.string(),
});

// ── transfers (组织关系转接) ────────────────────────────────────────────────────────────────
export const TransferKind = z.enum(['internal', 'outgoing', 'incoming']);
export const TransferStatus = z.enum(['pending', 'accepted', 'returned', 'cancelled']);
export const CreateTransfer = z.strictObject({
  memberId: Id,
  kind: z.enum(['internal', 'outgoing']),
  /** internal: the receiving org in this deployment (a branch). */
  toOrgId: Id.nullish(),
  /** outgoing: the receiving org's name outside the deployment (letter only). */
  toOrgName: text(100).nullish(),
  letterNo: text(40),
  validDays: z.number().int().min(7).max(180).default(90),
  duesPaidUntil: Month,
  reason: text(200),
});
export const RegisterIncoming = z.strictObject({
  ...CreateMember.shape,
  fromOrgName: text(100),
  letterNo: text(40),
  duesPaidUntil: Month,
  reason: text(200),
});
export const DecideTransfer = z.strictObject({ reason: text(200).optional() });
export const Transfer = z.object({
  id: Id,
  kind: TransferKind,
  status: TransferStatus,
  memberId: Id,
  memberName: z.string(),
  fromOrgId: Id.nullable(),
  fromOrgName: z.string(),
  toOrgId: Id.nullable(),
  toOrgName: z.string(),
  letterNo: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  overdue: z.boolean(),
  duesPaidUntil: z.string(),
  reason: z.string(),
  returnReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Transfer = z.infer<typeof Transfer>;
export const TransferListQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** 'out': sent from the scope; 'in': to be received in the scope. */
  side: z.enum(['out', 'in']).default('out'),
  status: TransferStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const TransferPage = pageOf(Transfer);
export const TransferMonthly = z.object({
  items: z.array(
    z.object({ month: z.string(), out: z.number().int(), in: z.number().int(), accepted: z.number().int() }),
  ),
});

// ── recruitment pipeline ────────────────────────────────────────────────────────────────────
export const PipelineDue = z.object({
  memberId: Id,
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
  status: MemberStatus,
  nextStatus: MemberStatus.nullable(),
  /** Items still missing for the next step. */
  missing: z.array(z.string()),
  /** Earliest date the next step may be taken (rules on minimum periods). */
  earliestOn: z.string().nullable(),
  ready: z.boolean(),
  overdueItems: z.array(z.string()),
});
/** One page of the due list, the ready first; readyTotal counts the whole list. */
export const PipelineDueList = pageOf(PipelineDue).extend({ readyTotal: z.number().int() });
export const AdvanceMember = z.strictObject({ to: MemberStatus, on: DateOnly });

// ── dues ─────────────────────────────────────────────────────────────────────────────────────
export const RecordPayments = z.strictObject({
  payments: z
    .array(z.strictObject({ memberId: Id, month: Month, amountFen: z.number().int().min(1).max(10_000_000) }))
    .min(1)
    .max(5000),
});
export const ArrearsQuery = PageQuery.extend({
  orgId: Id.optional(),
  asOf: Month.optional(),
  minMonths: z.coerce.number().int().min(1).default(1),
});
export const ArrearsRow = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  duesStandardFen: z.number().nullable(),
  monthsOwed: z.number().int(),
  owedFen: z.number().int(),
  since: z.string().nullable(),
  flagged: z.boolean(),
});
/** One page of members owing dues, most owed first, with the totals of the whole report. */
export const ArrearsReport = pageOf(ArrearsRow).extend({
  asOf: z.string(),
  /** Members flagged (six months or more in a row) in the whole report, not just this page. */
  flaggedTotal: z.number().int(),
  owedFenTotal: z.number().int(),
});

// ── study cards ─────────────────────────────────────────────────────────────────────────────
export const IssueCards = z.strictObject({ orgId: Id, onlyWithout: z.boolean().default(true) });
export const IssuedCard = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  cardNo: z.string(),
  password: z.string(),
});
export const IssuedCards = z.object({ items: z.array(IssuedCard) });

// ── self-service corrections ───────────────────────────────────────────────────────────────
export const CreateCorrection = z.strictObject({
  field: z.enum(CORRECTABLE),
  value: text(100),
  reason: text(200),
});
export const Correction = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  field: z.string(),
  value: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const CorrectionList = z.object({ items: z.array(Correction) });

// ── route-specific shapes ────────────────────────────────────────────────────────────────────
/** The 2008 dues rules as data, for the UI. */
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
});
export const RecordedPayments = z.object({ recorded: z.number().int(), totalFen: z.number().int() });

/** A request as shown, with the branch's reason when it was sent back. */
export const CorrectionView = Correction.extend({ decisionReason: z.string().nullable() });
export const CorrectionViewList = z.object({ items: z.array(CorrectionView) });
export const CorrectionListQuery = z.strictObject({
  /** The subtree whose members' requests to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});
export const RejectCorrection = z.strictObject({ reason: text(200) });

export const PipelineDueQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** Only those whose next step may be taken now. */
  onlyReady: z.enum(['true', 'false']).optional(),
});
export const TransferMonthlyQuery = z.strictObject({ orgId: Id.optional() });
/** Receiving branches for a transfer: any branch of the deployment, by name or code. */
export const TransferDestinationsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  /** Only branches receive members; accepted for symmetry with GET /orgs. */
  kind: z.literal('branch').optional(),
});
