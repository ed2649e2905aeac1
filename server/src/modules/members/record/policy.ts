import type { MemberAbilities, MemberStatus } from '../../../../../contracts/members/index.ts';
import { type Actor, can, type Policy } from '../../../platform/access/index.ts';
import { ADMITTED } from './rules.ts';

export const recordPolicies: Policy[] = [
  {
    action: 'member.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '查看党员信息 / view member records',
  },
  {
    action: 'member.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '维护党员信息 / keep member records',
  },
  {
    action: 'member.reveal_pii',
    roles: ['dept_admin', 'org_admin'],
    description: '查看完整身份证号和手机号（每次留痕）/ see full ID and phone numbers (audited)',
  },
  {
    action: 'member.self',
    roles: ['member'],
    description: '党员本人：查看本人信息、申请更正 / a member’s own record',
  },
];

/**
 * What the actor may do with one record, carried on every record the server sends: the web
 * shows the buttons these allow instead of repeating the rules. A member reading their own record
 * through /me holds none of them unless they also manage their branch.
 */
export function memberAbilities(
  actor: Actor | null,
  m: { status: string; partyStanding?: string },
  orgPath: string,
): MemberAbilities {
  // someone who left the Party stays on file, read only: nothing to do with the record but read it
  const manage = !!actor && m.partyStanding !== 'left' && can(actor, 'member.manage', orgPath);
  const admitted = ADMITTED.includes(m.status as MemberStatus);
  return {
    edit: manage,
    revealPii: !!actor && can(actor, 'member.reveal_pii', orgPath),
    transfer: manage && admitted,
    manageCard: manage && admitted,
    advance: manage && m.status !== 'full',
  };
}
