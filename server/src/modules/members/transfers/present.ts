import type { Transfer } from '../../../../../contracts/members/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import type { transferAbilities } from './policy.ts';
import { isOverdue, isReceiptOverdue, type TransferRow } from './rules.ts';

/** What of a transfer leaves the server, with what the actor may do with it. */
export function presentTransfer(
  t: TransferRow,
  memberName: string,
  today: string,
  can: ReturnType<typeof transferAbilities>,
): Transfer {
  // the day the letter was judged: when it was taken in, or today while it waits
  const judgedOn = t.status === 'pending' || !t.decidedAt ? today : shanghaiToday(t.decidedAt);
  return {
    id: String(t.id),
    kind: t.kind as Transfer['kind'],
    status: t.status as Transfer['status'],
    memberId: String(t.memberId),
    memberName,
    fromOrgId: t.fromOrgId == null ? null : String(t.fromOrgId),
    fromOrgName: t.fromOrgName,
    toOrgId: t.toOrgId == null ? null : String(t.toOrgId),
    toOrgName: t.toOrgName,
    letterNo: t.letterNo,
    issuedOn: t.issuedOn,
    validUntil: t.validUntil,
    overdue: isOverdue(t, today),
    expired: (t.status === 'pending' || t.status === 'accepted') && t.validUntil < judgedOn,
    certificateNote: t.certificateNote,
    duesPaidUntil: t.duesPaidUntil,
    receiptDueOn: t.receiptDueOn,
    receiptOn: t.receiptOn,
    receiptOverdue: isReceiptOverdue(t, today),
    reason: t.reason,
    returnReason: t.returnReason,
    decidedAt: t.decidedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    can,
  };
}
