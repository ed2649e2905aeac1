import type {
  MemberStanding,
  MemberStatus,
  StandingDecision,
  StandingDecisionKind,
  StandingSummary,
} from '../../../../../contracts/members/index.ts';
import { STANDING_DECISION_LABELS } from '../../../../../contracts/labels.ts';
import type { MemberRow, standingDecisions } from '../schema.ts';
import { decisionState, effectiveOn } from './rules.ts';

export type DecisionRow = typeof standingDecisions.$inferSelect;

/** A member's standing as every record carries it (contracts: Member.standing). */
export function presentStandingSummary(m: MemberRow): StandingSummary {
  return {
    standing: m.partyStanding as StandingSummary['standing'],
    leftHow: m.leftHow as StandingSummary['leftHow'],
    leftOn: m.leftOn,
    suspendedOn: m.suspendedOn,
    lostContactOn: m.lostContactOn,
    lostContactReason: m.lostContactReason,
    foundOn: m.foundOn,
    abroadKind: m.abroadKind as StandingSummary['abroadKind'],
    abroadSince: m.abroadSince,
  };
}

/** A decision awaits the committee's approval while one is needed and none (nor a refusal) is recorded. */
export const awaitingApproval = (d: Pick<DecisionRow, 'kind' | 'approvedOn' | 'refusedOn'>) =>
  decisionState(d.kind as StandingDecisionKind, d) === 'awaiting';

export function presentDecision(d: DecisionRow, canApprove: boolean): StandingDecision {
  const kind = d.kind as StandingDecisionKind;
  const awaiting = awaitingApproval(d);
  return {
    id: String(d.id),
    kind,
    resolutionOn: d.resolutionOn,
    approvedOn: d.approvedOn,
    approvedBy: d.approvedBy,
    reason: d.reason,
    refusedOn: d.refusedOn,
    refusedBy: d.refusedBy,
    refusalReason: d.refusalReason,
    awaitingApproval: awaiting,
    effectiveOn: d.refusedOn ? null : effectiveOn(kind, d.resolutionOn, d.approvedOn),
    recordedAt: d.createdAt.toISOString(),
    // probation's decisions sit beside these but are approved with the probation (pipeline/)
    can: {
      approve: awaiting && canApprove && kind in STANDING_DECISION_LABELS,
      refuse: awaiting && canApprove && kind in STANDING_DECISION_LABELS,
    },
  };
}

export function presentMemberStanding(
  m: MemberRow,
  decisions: DecisionRow[],
  allowed: StandingDecisionKind[],
  can: { manage: boolean; approve: boolean },
): MemberStanding {
  return {
    memberId: String(m.id),
    name: m.name,
    status: m.status as MemberStatus,
    ...presentStandingSummary(m),
    decisions: decisions.map((d) => presentDecision(d, can.approve)),
    decisionsAllowed: can.manage ? allowed : [],
    can,
  };
}
