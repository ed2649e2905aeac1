import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AcceptTransfer, Transfer } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { followTransfer } from '../../../platform/auth/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { duesFromMonth } from '../dues/rules.ts';
import { keepStandardHistory } from '../dues/standards.ts';
import { recordHistory } from '../record/store.ts';
import { members, transfers } from '../schema.ts';
import { transferReceiptMonths } from '../settings.ts';
import { authorizeDecider, transferAbilities } from './policy.ts';
import { presentTransfer } from './present.ts';
import { expiredLetterAcceptance, notPending, receiptDueOn } from './rules.ts';
import { lockMember, lockTransfer, sidePaths } from './store.ts';

/**
 * Internal: the receiving org accepts and the record moves to it; the receipt (回执) is due from
 * then. Outgoing: the sending org completes it when the receipt is back, and the member leaves the
 * deployment.
 */
export async function acceptTransfer(
  ctx: Ctx,
  id: number,
  input?: z.infer<typeof AcceptTransfer> | null,
): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    const decider = await authorizeDecider(tx, actor, t);
    if (t.status !== 'pending') throw notPending(t);
    // a letter is good until its last valid day; after that only on the branch's certificate
    const taken =
      t.kind === 'internal' ? expiredLetterAcceptance(t.validUntil, today, input?.certificateNote) : 'valid';
    if (taken === 'refused')
      throw conflict('transfer_expired', {
        zh: `介绍信已过有效期（${t.validUntil}）：须凭转出党支部出具的证明接收（请填写证明情况），或退回由转出党组织重新开具`,
        en: `The letter expired on ${t.validUntil}: accept it on the sending branch's certificate, or return it`,
      });
    const m = await lockMember(tx, t.memberId);
    if (!m || m.leftAt || m.orgId !== t.fromOrgId)
      throw conflict('transfer_stale', {
        zh: '该党员已不在转出党组织，这份介绍信已失效，请退回',
        en: 'The member is no longer in the sending organization; return the letter',
      });
    const now = ctx.now();
    if (t.kind === 'internal') {
      // dues are counted here from the month after the one the letter says they are paid to
      const duesFrom = duesFromMonth({
        joinedOn: m.joinedOn,
        arrivedMonth: shanghaiMonth(now),
        paidUntil: t.duesPaidUntil,
      });
      const [moved] = await tx
        .update(members)
        .set({ orgId: t.toOrgId!, duesFromMonth: duesFrom, recordUpdatedAt: now, updatedAt: now })
        .where(eq(members.id, m.id))
        .returning();
      // the receiving branch's standard history starts at arrival, with the standard the member brings
      await keepStandardHistory(tx, ctx, null, moved, duesFrom);
      await recordHistory(tx, ctx, m.id, 'transfer', {
        orgId: [String(t.fromOrgId), String(t.toOrgId)],
        orgName: [t.fromOrgName, t.toOrgName],
        ...(m.duesFromMonth !== duesFrom ? { duesFromMonth: [m.duesFromMonth, duesFrom] } : {}),
      });
    } else {
      await tx.update(members).set({ leftAt: now, updatedAt: now }).where(eq(members.id, m.id));
      await recordHistory(tx, ctx, m.id, 'transfer', {
        leftAt: [null, now.toISOString()],
        orgName: [t.fromOrgName, t.toOrgName],
      });
    }
    // the login follows the record, or the old town would still hold the member's account
    const account = m.userId
      ? await followTransfer(tx, m.userId, t.fromOrgId!, t.kind === 'internal' ? t.toOrgId! : null, now)
      : null;
    const receipt =
      t.kind === 'internal'
        ? { receiptDueOn: receiptDueOn(today, await getSetting(tx, transferReceiptMonths)) }
        : // outgoing: completing it is recording that the receipt came back
          { receiptOn: today };
    const [row] = await tx
      .update(transfers)
      .set({
        status: 'accepted',
        decidedBy: actor.userId,
        decidedAt: now,
        certificateNote: taken === 'on_certificate' ? input!.certificateNote!.trim() : null,
        ...receipt,
      })
      .where(eq(transfers.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.accepted',
      targetType: 'transfer',
      targetId: id,
      orgId: decider.id,
      orgPath: decider.path,
      before: { status: 'pending' },
      after: {
        status: 'accepted',
        memberId: m.id,
        memberName: m.name,
        kind: t.kind,
        account,
        ...receipt,
        ...(row.certificateNote ? { certificateNote: row.certificateNote } : {}),
      },
    });
    return presentTransfer(
      row,
      m.name,
      today,
      transferAbilities(actor, { ...row, ...(await sidePaths(tx, row)) }),
    );
  });
}
