import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { TransferLetter, TransferLetterQuery } from '../../../../../contracts/members/index.ts';
import { MEMBER_STATUS_LABELS, GENDER_LABELS } from '../../../../../contracts/labels.ts';
import { inTransaction } from '../../../db/client.ts';
import { can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { maskIdNumber } from '../../../platform/pii/index.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { daysBetween, yearsBetween } from '../../../platform/time.ts';
import { idNumberOf } from '../record/store.ts';
import { members, transfers } from '../schema.ts';
import { authorizeReader } from './policy.ts';
import { TRANSFER } from './rules.ts';
import { issuerOf } from './store.ts';

/**
 * The fields of the printed letter (介绍信 with 存根 and 回执) and of the 党员证明, for either side of
 * the transfer. The ID number is masked; in full only when asked for by someone who may see it,
 * and that look is audited as any other.
 */
export async function readLetter(
  ctx: Ctx,
  id: number,
  q: z.infer<typeof TransferLetterQuery>,
): Promise<TransferLetter> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const [t] = await tx.select().from(transfers).where(eq(transfers.id, id));
    if (!t) throw notFound(TRANSFER);
    await authorizeReader(tx, actor, t);
    const [m] = await tx.select().from(members).where(eq(members.id, t.memberId));
    const from = t.fromOrgId == null ? null : await findOrg(tx, t.fromOrgId);
    const memberOrg = await findOrg(tx, m.orgId);
    const canReveal = !!memberOrg && !m.leftAt && can(actor, 'member.reveal_pii', memberOrg.path);
    const reveal = q.reveal === 'true';
    if (reveal && !canReveal)
      throw forbidden({ zh: '无权查看完整身份证号', en: 'You may not see the full ID number' });
    const idNumber = idNumberOf(ctx.pii, m);
    if (reveal)
      await recordAudit(tx, ctx, {
        action: 'member.pii_viewed',
        targetType: 'member',
        targetId: m.id,
        orgId: memberOrg!.id,
        orgPath: memberOrg!.path,
        after: { for: 'transfer_letter', transferId: t.id },
      });
    return {
      transferId: String(t.id),
      kind: t.kind as TransferLetter['kind'],
      status: t.status as TransferLetter['status'],
      letterNo: t.letterNo,
      issuedOn: t.issuedOn,
      validUntil: t.validUntil,
      validDays: daysBetween(t.issuedOn, t.validUntil),
      issuerName: from ? (await issuerOf(tx, from)).name : t.fromOrgName,
      fromOrgName: t.fromOrgName,
      toOrgName: t.toOrgName,
      memberName: m.name,
      gender: GENDER_LABELS[m.gender as keyof typeof GENDER_LABELS]?.zh ?? m.gender,
      age: yearsBetween(m.birthDate, t.issuedOn),
      ethnicity: m.ethnicity,
      memberStatus: MEMBER_STATUS_LABELS[m.status as keyof typeof MEMBER_STATUS_LABELS]?.zh ?? m.status,
      idNumber: reveal ? idNumber : maskIdNumber(idNumber),
      idNumberRevealed: reveal,
      canReveal,
      joinedOn: m.joinedOn,
      fullOn: m.fullOn,
      duesPaidUntil: t.duesPaidUntil,
      reason: t.reason,
      certificateNote: t.certificateNote,
      receiptDueOn: t.receiptDueOn,
      receiptOn: t.receiptOn,
    };
  });
}
