import { type Actor, can, type Policy } from '../../../platform/access/index.ts';
import { holdsAbove } from '../approval.ts';

export const standingPolicies: Policy[] = [
  {
    action: 'standing.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '党籍管理：登记失联、出国（境），登记停止党籍、出党等决定及上级批准 / record lost contact, abroad, and decisions on Party standing',
  },
];

/**
 * 党章第九条（除名、自行脱党 "报上级党组织批准"）、第四十二条（开除党籍 "经上级党组织批准"）; 条例第二十四条
 * (停止、恢复党籍, decided by the branch and approved above): the approval, or its refusal, is the
 * committee above's — recorded only by someone who keeps an org strictly above the member's branch.
 */
export const mayApproveStanding = (actor: Actor | null, branchPath: string) =>
  holdsAbove(actor, 'standing.manage', branchPath);

/** What the actor may do with one member's standing: the web shows the buttons these allow. */
export function standingAbilities(actor: Actor | null, orgPath: string, partyStanding: string) {
  const open = !!actor && partyStanding !== 'left';
  return {
    manage: open && can(actor, 'standing.manage', orgPath),
    approve: open && mayApproveStanding(actor, orgPath),
  };
}
