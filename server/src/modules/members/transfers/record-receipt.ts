import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RecordReceipt, Transfer } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { members, transfers } from '../schema.ts';
import { authorizeOwner, authorizeReceipt, transferAbilities } from './policy.ts';
import { presentTransfer } from './present.ts';
import { receiptDateProblem } from './rules.ts';
import { lockTransfer, sidePaths } from './store.ts';

/**
 * 回执: the day the receipt was sent back by the receiving side or came back to the sending side.
 * Recorded once; the transfer then leaves the list of receipts due.
 */
export async function recordReceipt(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof RecordReceipt>,
): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    if (t.kind === 'outgoing') {
      await authorizeOwner(tx, actor, t);
      throw conflict('receipt_with_completion', {
        zh: '转出系统外的介绍信在回执返回后“办结”，办结时即登记回执',
        en: 'A letter out of the platform records its receipt when it is completed',
      });
    }
    const org = await authorizeReceipt(tx, actor, t);
    if (t.status !== 'accepted' || !t.decidedAt)
      throw conflict('receipt_not_due', {
        zh: '党员组织关系尚未被接收，还没有回执',
        en: 'The member has not been taken in yet; there is no receipt',
      });
    if (t.receiptOn)
      throw conflict('receipt_recorded', {
        zh: `回执已于 ${t.receiptOn} 登记`,
        en: `The receipt was recorded on ${t.receiptOn}`,
      });
    const problem = receiptDateProblem(input.receiptOn, shanghaiToday(t.decidedAt), today);
    if (problem) throw fieldError('receiptOn', problem);
    const [row] = await tx
      .update(transfers)
      .set({ receiptOn: input.receiptOn })
      .where(eq(transfers.id, id))
      .returning();
    const [{ name }] = await tx
      .select({ name: members.name })
      .from(members)
      .where(eq(members.id, t.memberId));
    await recordAudit(tx, ctx, {
      action: 'transfer.receipt_recorded',
      targetType: 'transfer',
      targetId: id,
      orgId: org.id,
      orgPath: org.path,
      before: { receiptOn: null, receiptDueOn: t.receiptDueOn },
      after: { receiptOn: input.receiptOn, memberId: t.memberId, memberName: name, letterNo: t.letterNo },
    });
    return presentTransfer(
      row,
      name,
      today,
      transferAbilities(actor, { ...row, ...(await sidePaths(tx, row)) }),
    );
  });
}
