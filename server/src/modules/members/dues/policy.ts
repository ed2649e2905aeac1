import { type Actor, can, type Policy } from '../../../platform/access/index.ts';

export const duesPolicies: Policy[] = [
  {
    action: 'dues.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '党费收缴：登记缴纳、核定标准、少交免交、查看欠缴 / record dues payments, standards, reliefs; see arrears',
  },
];

/**
 * What the actor may do with one relief. The dates of the branch's decision and the higher
 * committee's approval are recorded by whoever keeps the branch's dues (the decisions are taken on
 * paper, at the meetings); the higher committee's own admins hold dues.manage there too.
 */
export function reliefAbilities(
  actor: Actor | null,
  r: { kind: string; committeeApprovedOn: string | null; toMonth: string | null },
  orgPath: string,
  thisMonth: string,
) {
  const manage = !!actor && can(actor, 'dues.manage', orgPath);
  return {
    approve: manage && r.kind !== 'excused' && !r.committeeApprovedOn,
    end: manage && (r.toMonth === null || r.toMonth >= thisMonth),
  };
}
