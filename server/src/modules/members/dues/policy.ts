import { type Actor, can, type Policy } from '../../../platform/access/index.ts';
import { holdsAbove } from '../approval.ts';

export const duesPolicies: Policy[] = [
  {
    action: 'dues.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '党费收缴：登记缴纳、核定标准、少交免交、查看欠缴 / record dues payments, standards, reliefs; see arrears',
  },
];

/**
 * 2008 党费规定（三）：少交或免交党费，须经党支部委员会讨论同意，报上级党委批准 — the higher committee's
 * approval is recorded by someone who keeps dues on an org strictly above the member's branch; the
 * branch records its own agreement (and finds a good reason) itself.
 */
export const mayApproveRelief = (actor: Actor | null, branchPath: string) =>
  holdsAbove(actor, 'dues.manage', branchPath);

/**
 * What the actor may do with one relief: the branch's date is recorded by whoever keeps the branch's
 * dues; the higher committee's approval only from above (mayApproveRelief).
 */
export function reliefAbilities(
  actor: Actor | null,
  r: { kind: string; committeeApprovedOn: string | null; toMonth: string | null },
  orgPath: string,
  thisMonth: string,
) {
  const manage = !!actor && can(actor, 'dues.manage', orgPath);
  return {
    approve: manage && r.kind !== 'excused' && !r.committeeApprovedOn && mayApproveRelief(actor, orgPath),
    end: manage && (r.toMonth === null || r.toMonth >= thisMonth),
  };
}
