import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { PipelineFile, WithdrawCancellation } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { standingDecisions } from '../schema.ts';
import { fileOf } from './read-pipeline.ts';
import { lockForPipeline, probationDecision } from './store.ts';

/**
 * The branch withdraws its 取消预备党员资格 while it still awaits the committee above (the meeting
 * reconsidered, or it was recorded in error). Until approved it had no effect on the record, so
 * withdrawing it removes the decision from the file — the conversion is no longer held — and the
 * audit entry keeps what it was and why it was withdrawn. An approved cancellation is final: the
 * person has left the Party (the record is read only).
 */
export async function withdrawCancellation(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof WithdrawCancellation>,
): Promise<PipelineFile> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForPipeline(tx, ctx, id);
    const decision = await probationDecision(tx, id, 'cancel_probation');
    if (!decision)
      throw conflict('no_cancellation_pending', {
        zh: `${locked.name}没有待上级批准的取消预备党员资格决定，无需撤回`,
        en: 'There is no cancellation of the probation awaiting approval to withdraw',
      });
    if (decision.approvedOn)
      throw conflict('cancellation_approved', {
        zh: `取消预备党员资格已于 ${decision.approvedOn} 经上级党组织批准，不能撤回`,
        en: `The cancellation was approved on ${decision.approvedOn}; it cannot be withdrawn`,
      });
    await tx.delete(standingDecisions).where(eq(standingDecisions.id, decision.id));
    await recordAudit(tx, ctx, {
      action: 'member.probation_cancellation_withdrawn',
      targetType: 'member',
      targetId: id,
      orgId: locked.orgId,
      orgPath,
      before: {
        decisionId: decision.id,
        resolutionOn: decision.resolutionOn,
        reason: decision.reason,
      },
      after: { cancellation: null, withdrawalReason: input.reason.trim() },
    });
    return fileOf(tx, ctx, locked, orgPath);
  });
}
