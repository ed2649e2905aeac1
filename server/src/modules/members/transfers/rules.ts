import { type AppError, conflict, type Text } from '../../../platform/http/errors.ts';
import type { transfers } from '../schema.ts';

/**
 * 组织关系转接. A letter (介绍信) with a number, a validity and the month the dues are paid to:
 * - internal: to a branch of this deployment; the receiving side accepts (the record moves then,
 *   and only then) or returns it with a reason;
 * - outgoing: to an org outside the deployment, letter only; the sending side completes it with
 *   the same accept route once the receipt (回执) is back, and the member leaves the deployment
 *   (members.left_at), or records that the outside org returned it;
 * - incoming: a member arriving from outside, registered by the receiving branch, accepted at once.
 * The sending side may cancel a letter while it is pending.
 */

export type TransferRow = typeof transfers.$inferSelect;

export const TRANSFER: Text = { zh: '组织关系转接', en: 'Transfer' };
/** Overdue: still pending after the letter's last valid day. */
export const isOverdue = (t: Pick<TransferRow, 'status' | 'validUntil'>, today: string) =>
  t.status === 'pending' && t.validUntil < today;

export const SIDE_TEXT = {
  receiving: (name: string): Text => ({
    zh: `只有接收党组织（${name}）及其上级党组织可以办理`,
    en: 'Only the receiving organization or its superiors may do this',
  }),
  sending: (name: string): Text => ({
    zh: `只有转出党组织（${name}）及其上级党组织可以办理`,
    en: 'Only the sending organization or its superiors may do this',
  }),
};

/** A decision on a transfer that is no longer pending: said in words, 409. */
export function notPending(t: TransferRow): AppError {
  const text: Record<string, Text> = {
    accepted: {
      zh: `该组织关系转接已办结（${t.toOrgName}已接收），不能重复办理`,
      en: 'This transfer has already been accepted',
    },
    returned: {
      zh: `该组织关系转接已被退回（理由：${t.returnReason ?? '未说明'}），不能再办理；如需转接，请转出党组织重新开具介绍信`,
      en: 'This transfer was returned; the sending organization must issue a new letter',
    },
    cancelled: {
      zh: '该组织关系转接已由转出党组织撤回，不能再办理',
      en: 'This transfer was cancelled by the sending organization',
    },
  };
  return conflict('transfer_not_pending', text[t.status] ?? text.accepted, { status: t.status });
}
