import { type Actor, can, type Policy } from '../../../platform/access/index.ts';

export const standingPolicies: Policy[] = [
  {
    action: 'standing.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '党籍管理：登记失联、出国（境），登记停止党籍、出党等决定及上级批准 / record lost contact, abroad, and decisions on Party standing',
  },
];

/** What the actor may do with one member's standing: the web shows the buttons these allow. */
export function standingAbilities(actor: Actor | null, orgPath: string, partyStanding: string) {
  return { manage: !!actor && partyStanding !== 'left' && can(actor, 'standing.manage', orgPath) };
}
