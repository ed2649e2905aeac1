// 党籍状态: standing (normal, suspended, left), lost contact, abroad, the decisions on a member's
// standing with the branch meeting and the committee's approval, and the due list.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';
import { MEMBER_STATUSES } from './enums.ts';

/** 正常 / 停止党籍 / 已出党 (members.party_standing). */
export const PARTY_STANDINGS = ['normal', 'suspended', 'left'] as const;
export const PartyStanding = z.enum(PARTY_STANDINGS);
export type PartyStanding = z.infer<typeof PartyStanding>;

/**
 * How someone left (members.left_how): 逝世, 退党, 除名, 开除党籍, 自行脱党; the last is 取消预备党员资格
 * (a probation's outcome, recorded with the probation).
 */
export const LEFT_HOWS = [
  'death',
  'resignation',
  'removal',
  'expulsion',
  'lapsed',
  'probation_cancelled',
] as const;
export const LeftHow = z.enum(LEFT_HOWS);
export type LeftHow = z.infer<typeof LeftHow>;

/** 出国（境）定居 / 出国（境）学习研究: what 条例第二十四条 counts towards suspension. */
export const ABROAD_KINDS = ['settled', 'studying'] as const;
export const AbroadKind = z.enum(ABROAD_KINDS);
export type AbroadKind = z.infer<typeof AbroadKind>;

/**
 * The decisions on a member's standing recorded here (standing_decisions.kind): 停止党籍, 恢复党籍,
 * 除名, 自行脱党（除名）, 开除党籍, 退党, 逝世. Probation's decisions are recorded with the probation.
 */
export const STANDING_DECISION_KINDS = [
  'suspend',
  'restore',
  'remove',
  'lapse',
  'expel',
  'resign',
  'death',
] as const;
export const StandingDecisionKind = z.enum(STANDING_DECISION_KINDS);
export type StandingDecisionKind = z.infer<typeof StandingDecisionKind>;

/** Why a member is on the due list: the rule that makes a decision due (standing/rules.ts). */
export const STANDING_DUE_RULES = [
  'lost_contact', // 失去联系满 6 个月（条例第二十四条）
  'suspended_lost', // 停止党籍满 2 年仍无法取得联系（条例第二十四条）
  'settled_abroad', // 出国（境）定居（条例第二十四条）
  'studying_abroad', // 出国（境）学习研究超过 5 年（条例第二十四条）
  'found_again', // 停止党籍后重新取得联系（条例第二十四条：符合条件的可以恢复党籍）
  'dues_unpaid', // 连续 6 个月不交纳党费（党章第九条）
  'awaiting_approval', // 支部已作出决定，待上级党组织批准
] as const;
export const StandingDueRule = z.enum(STANDING_DUE_RULES);
export type StandingDueRule = z.infer<typeof StandingDueRule>;

/** A member's standing as the record shows it (on every Member). */
export const StandingSummary = z.object({
  standing: PartyStanding,
  leftHow: LeftHow.nullable(),
  leftOn: z.string().nullable(),
  suspendedOn: z.string().nullable(),
  lostContactOn: z.string().nullable(),
  lostContactReason: z.string().nullable(),
  foundOn: z.string().nullable(),
  abroadKind: AbroadKind.nullable(),
  abroadSince: z.string().nullable(),
});
export type StandingSummary = z.infer<typeof StandingSummary>;

export const MarkLostContact = z.strictObject({
  /** The day contact was lost (the last contact, or when the branch found it could not reach them). */
  lostOn: DateOnly.meta({ title: '失联日期' }),
  reason: text(200).meta({ title: '失联原因' }),
});
export const MarkFound = z.strictObject({
  foundOn: DateOnly.meta({ title: '恢复联系日期' }),
});
/** Abroad since a date; both null: back (the record no longer counts towards suspension). */
export const RecordAbroad = z
  .strictObject({
    kind: AbroadKind.nullable().meta({ title: '出国（境）情况' }),
    since: DateOnly.nullable().meta({ title: '出国（境）日期' }),
  })
  .refine((v) => (v.kind === null) === (v.since === null), {
    message: '出国（境）情况和日期须同时填写或同时清空',
    path: ['since'],
  });

export const RecordStandingDecision = z.strictObject({
  kind: StandingDecisionKind.meta({ title: '决定事项' }),
  /** 支部党员大会决定之日; for a death, the day of death. */
  resolutionOn: DateOnly.meta({ title: '支部党员大会日期' }),
  reason: text(500).meta({ title: '事由' }),
  /** 上级党组织批准之日, when already given (or 备案 of a resignation). */
  approvedOn: DateOnly.nullable().default(null).meta({ title: '上级批准日期' }),
  approvedBy: text(100).nullable().default(null).meta({ title: '批准机关' }),
});
export type RecordStandingDecision = z.input<typeof RecordStandingDecision>;

export const ApproveStandingDecision = z.strictObject({
  approvedOn: DateOnly.meta({ title: '上级批准日期' }),
  approvedBy: text(100).meta({ title: '批准机关' }),
});

/**
 * 不予批准: the committee above refused the branch meeting's decision — its day, the refusing body
 * and why. The decision then has no effect, and the member is due again for what the rules say.
 */
export const RefuseStandingDecision = z.strictObject({
  refusedOn: DateOnly.meta({ title: '上级不予批准日期' }),
  refusedBy: text(100).meta({ title: '上级党组织' }),
  reason: text(500).meta({ title: '不予批准理由' }),
});

export const StandingDecision = z.object({
  id: Id,
  kind: StandingDecisionKind,
  resolutionOn: z.string(),
  approvedOn: z.string().nullable(),
  approvedBy: z.string().nullable(),
  reason: z.string(),
  /** 上级不予批准: the day, the body, the reason; the decision has no effect. */
  refusedOn: z.string().nullable(),
  refusedBy: z.string().nullable(),
  refusalReason: z.string().nullable(),
  /** Awaiting the committee's approval: it has not taken effect. */
  awaitingApproval: z.boolean(),
  /** The day it took effect (the approval's, the resolution's, or the day of death); null while awaiting or refused. */
  effectiveOn: z.string().nullable(),
  recordedAt: z.string(),
  /** approve, refuse: only the committee above records either (standing/policy.ts mayApproveStanding). */
  can: z.object({ approve: z.boolean(), refuse: z.boolean() }),
});
export type StandingDecision = z.infer<typeof StandingDecision>;

/** One member's standing, the decisions on it (newest first), and what the caller may do. */
export const MemberStanding = StandingSummary.extend({
  memberId: Id,
  name: z.string(),
  status: z.enum(MEMBER_STATUSES),
  decisions: z.array(StandingDecision),
  /** The decisions the rules allow now (the buttons the web shows). */
  decisionsAllowed: z.array(StandingDecisionKind),
  /** approve: the caller keeps an org above the member's branch and may record approvals. */
  can: z.object({ manage: z.boolean(), approve: z.boolean() }),
});
export type MemberStanding = z.infer<typeof MemberStanding>;

export const StandingDueQuery = PageQuery.extend({
  orgId: Id.optional(),
  decision: StandingDecisionKind.optional(),
});

/** Someone due for a decision: which one, by which rule, since when. The platform never decides. */
export const StandingDue = z.object({
  memberId: Id,
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
  status: z.enum(MEMBER_STATUSES),
  standing: PartyStanding,
  decision: StandingDecisionKind,
  rule: StandingDueRule,
  /** The day of the situation the rule rests on: contact lost, suspended, abroad, first unpaid month. */
  basisOn: z.string(),
  /** The day the decision became due (for awaiting_approval: the branch meeting's). */
  dueSince: z.string(),
  /** The decision awaiting approval, for awaiting_approval. */
  decisionId: Id.nullable(),
  /** approve: the caller keeps an org above the member's branch, so records approvals and refusals. */
  can: z.object({ approve: z.boolean() }),
});
export type StandingDue = z.infer<typeof StandingDue>;
export const StandingDueList = pageOf(StandingDue);
