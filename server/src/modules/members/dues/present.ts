import type { z } from 'zod';
import type {
  DuesBasis,
  DuesCategory,
  DuesStandardEntry,
  ExcuseReason,
  Relief,
  ReliefKind,
} from '../../../../../contracts/members/index.ts';
import type { Actor } from '../../../platform/access/index.ts';
import type { duesReliefs, duesStandards } from '../schema.ts';
import { reliefAbilities } from './policy.ts';
import { reliefInEffect } from './rules.ts';

type ReliefRow = typeof duesReliefs.$inferSelect;

/** A relief as it leaves the server, with what the actor may do with it. */
export function presentRelief(
  actor: Actor | null,
  r: ReliefRow,
  member: { name: string; orgName: string; orgPath: string },
  thisMonth: string,
): Relief {
  const kind = r.kind as ReliefKind;
  return {
    id: String(r.id),
    memberId: String(r.memberId),
    memberName: member.name,
    orgName: member.orgName,
    kind,
    amountFen: r.amountFen,
    fromMonth: r.fromMonth,
    toMonth: r.toMonth,
    reason: r.reason,
    reasonKind: r.reasonKind as ExcuseReason | null,
    branchApprovedOn: r.branchApprovedOn,
    committeeApprovedOn: r.committeeApprovedOn,
    inEffect: reliefInEffect({
      kind,
      branchApprovedOn: r.branchApprovedOn,
      committeeApprovedOn: r.committeeApprovedOn,
    }),
    createdAt: r.createdAt.toISOString(),
    can: reliefAbilities(actor, r, member.orgPath, thisMonth),
  };
}

export function presentStandard(s: typeof duesStandards.$inferSelect): z.infer<typeof DuesStandardEntry> {
  return {
    fromMonth: s.fromMonth,
    category: s.category as DuesCategory,
    basis: s.basis as DuesBasis | null,
    baseFen: s.baseFen,
    standardFen: s.standardFen,
    recordedAt: s.recordedAt.toISOString(),
  };
}
