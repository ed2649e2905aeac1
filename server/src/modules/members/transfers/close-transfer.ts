import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { DecideTransfer, Transfer } from '../../../../../contracts/members/index.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { members, transfers } from '../schema.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { authorizeDecider, authorizeOwner, transferAbilities } from './policy.ts';
import { presentTransfer } from './present.ts';
import { type TransferRow, notPending } from './rules.ts';
import { lockTransfer, sidePaths } from './store.ts';

/** The receiving side sends the letter back with a reason (for outgoing, the sending side records it). */
export async function returnTransfer(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof DecideTransfer>,
): Promise<Transfer> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    const decider = await authorizeDecider(tx, actor, t);
    if (t.status !== 'pending') throw notPending(t);
    if (!input.reason)
      throw fieldError('reason', { zh: '退回须说明理由', en: 'say why the letter is returned' });
    return decide(tx, ctx, t, 'returned', input.reason, decider);
  });
}

/** The sending side withdraws a letter that is still pending. */
export async function cancelTransfer(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof DecideTransfer> | null | undefined,
): Promise<Transfer> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    const sender = await authorizeOwner(tx, actor, t);
    if (t.status !== 'pending') throw notPending(t);
    return decide(tx, ctx, t, 'cancelled', input?.reason ?? null, sender);
  });
}

async function decide(
  tx: Tx,
  ctx: Ctx,
  t: TransferRow,
  status: 'returned' | 'cancelled',
  reason: string | null,
  org: { id: number; path: string },
) {
  const now = ctx.now();
  const [row] = await tx
    .update(transfers)
    .set({ status, returnReason: reason, decidedBy: ctx.actor!.userId, decidedAt: now })
    .where(eq(transfers.id, t.id))
    .returning();
  const [{ name }] = await tx.select({ name: members.name }).from(members).where(eq(members.id, t.memberId));
  await recordAudit(tx, ctx, {
    action: `transfer.${status}`,
    targetType: 'transfer',
    targetId: t.id,
    orgId: org.id,
    orgPath: org.path,
    before: { status: 'pending' },
    after: { status, reason, memberId: t.memberId, memberName: name },
  });
  return presentTransfer(
    row,
    name,
    shanghaiToday(now),
    transferAbilities(ctx.actor!, { ...row, ...(await sidePaths(tx, row)) }),
  );
}
