import { type Actor, can, type Policy } from '../access/index.ts';

/**
 * Reading one's own notices needs no action ('authenticated': every account reads its own).
 * Seeing what an org sent, with who has read it, and sending or reminding, are the org's
 * managers': an admin or secretary, on their subtree.
 */
export const notifyPolicies: Policy[] = [
  {
    action: 'notice.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '查看本级及下级发出的通知和已读情况 / see the notices sent in one’s scope and who read them',
  },
  {
    action: 'notice.send',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '发通知、提醒未读 / send notices and remind the unread',
  },
];

/** What the actor may do with a notice sent by the org at `orgPath`. */
export function noticeAbilities(
  actor: Actor | null,
  n: { orgPath: string; recipients: number; read: number },
) {
  return { remind: !!actor && can(actor, 'notice.send', n.orgPath) && n.read < n.recipients };
}
