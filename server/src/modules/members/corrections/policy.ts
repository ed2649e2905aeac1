import { type Actor, authorize, can } from '../../../platform/access/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';

type Decidable = { status: string; memberOrgPath: string; memberUserId: number | null };

/**
 * Who decides a member's request to correct their record: whoever manages the member's branch,
 * except the member themself (a secretary cannot approve a change to their own record).
 */
export function correctionAbilities(actor: Actor | null, c: Decidable) {
  const decide =
    !!actor &&
    c.status === 'pending' &&
    can(actor, 'member.manage', c.memberOrgPath) &&
    c.memberUserId !== actor.userId;
  return { approve: decide, reject: decide };
}

/** Refuses, in words, what correctionAbilities would not allow (the pending check is the caller's). */
export function authorizeDecision(actor: Actor, c: Omit<Decidable, 'status'>) {
  authorize(actor, 'member.manage', c.memberOrgPath);
  if (c.memberUserId === actor.userId)
    throw forbidden({
      zh: '不能审批本人的更正申请，请由其他管理员审批',
      en: 'You cannot decide on a correction of your own record',
    });
}
