import { type Actor, can, type Policy } from '../../../platform/access/index.ts';

export const messagePolicies: Policy[] = [
  {
    action: 'message.answer',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '答复留言：留言箱、回复、办结 / answer messages left for the org',
  },
  {
    action: 'message.oversee',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '留言督办：逾期留言与每月答复统计 / overdue messages and monthly counts below the org',
  },
];

type Answerable = { status: string; orgPath: string; authorUserId: number | null };

/**
 * What the actor may do with one message, carried on every message the server sends: whoever
 * answers for its org (or an org above it) replies and closes it while it is not closed; its
 * author, signed in, follows it up.
 */
export function messageAbilities(actor: Actor | null, m: Answerable) {
  const open = m.status !== 'closed';
  const answer = !!actor && open && can(actor, 'message.answer', m.orgPath);
  return {
    reply: answer,
    close: answer,
    followUp: !!actor && open && m.authorUserId === actor.userId,
  };
}
