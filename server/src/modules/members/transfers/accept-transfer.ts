import { eq } from 'drizzle-orm';
import type { Transfer } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { followTransfer } from '../../../platform/auth/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { members, transfers } from '../schema.ts';
import { recordHistory } from '../record/store.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { presentTransfer } from './present.ts';
import { notPending } from './rules.ts';
import { lockMember, lockTransfer } from './store.ts';
import { authorizeDecider, transferAbilities } from './policy.ts';

/**
 * Internal: the receiving org accepts and the record moves to it. Outgoing: the sending org
 * completes it when the receipt is back, and the member leaves the deployment.
 */
export async function acceptTransfer(ctx: Ctx, id: number): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    const decider = await authorizeDecider(tx, actor, t);
    if (t.status !== 'pending') throw notPending(t);
    // a letter is good until its last valid day; after that the member needs a new one
    if (t.kind === 'internal' && t.validUntil < today)
      throw conflict('transfer_expired', {
        zh: `介绍信已过有效期（${t.validUntil}），不能接收；请退回，或由转出党组织撤回后重新开具`,
        en: `The letter expired on ${t.validUntil}; return it or have it reissued`,
      });
    const m = await lockMember(tx, t.memberId);
    if (!m || m.leftAt || m.orgId !== t.fromOrgId)
      throw conflict('transfer_stale', {
        zh: '该党员已不在转出党组织，这份介绍信已失效，请退回',
        en: 'The member is no longer in the sending organization; return the letter',
      });
    const now = ctx.now();
    if (t.kind === 'internal') {
      await tx
        .update(members)
        .set({ orgId: t.toOrgId!, recordUpdatedAt: now, updatedAt: now })
        .where(eq(members.id, m.id));
      await recordHistory(tx, ctx, m.id, 'transfer', {
        orgId: [String(t.fromOrgId), String(t.toOrgId)],
        orgName: [t.fromOrgName, t.toOrgName],
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
    const [row] = await tx
      .update(transfers)
      .set({ status: 'accepted', decidedBy: actor.userId, decidedAt: now })
      .where(eq(transfers.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.accepted',
      targetType: 'transfer',
      targetId: id,
      orgId: decider.id,
      orgPath: decider.path,
      before: { status: 'pending' },
      after: { status: 'accepted', memberId: m.id, memberName: m.name, kind: t.kind, account },
    });
    return presentTransfer(
      row,
      m.name,
      today,
      transferAbilities(actor, { ...row, fromPath: null, toPath: null }),
    );
  });
}
