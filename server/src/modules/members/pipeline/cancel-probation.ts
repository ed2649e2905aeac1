import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CancelProbation, PipelineFile } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { followTransfer } from '../../../platform/auth/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { members, standingDecisions } from '../schema.ts';
import { recordHistory } from '../record/store.ts';
import { approvalFromAboveOnly } from '../approval.ts';
import { mayApproveProbation } from './policy.ts';
import { fileOf } from './read-pipeline.ts';
import { cancellationProblems } from './rules.ts';
import { asPipelineMember, lockForPipeline, probationDecision, refused } from './store.ts';

/**
 * 取消预备党员资格: the branch meeting's resolution and, when given, the superior committee's
 * approval. On the approval the person leaves the Party (party standing 'left', how
 * 'probation_cancelled', on the approval's day): the record stays on file, read only, and is
 * counted nowhere; their login, if any, ends with it. Awaiting approval, nothing changes but the
 * decision on file, and the conversion is held.
 */
export async function cancelProbation(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof CancelProbation>,
): Promise<PipelineFile> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForPipeline(tx, ctx, id);
    const today = shanghaiToday(ctx.now());
    const problems = cancellationProblems(asPipelineMember(locked), input, today);
    if (problems.length)
      throw refused(problems, {
        zh: `不能取消${locked.name}的预备党员资格`,
        en: 'Cannot cancel the probation',
      });
    const decision = await probationDecision(tx, id, 'cancel_probation');
    // the branch records its meeting; the approval is the committee above's (policy.ts)
    if (input.approvedOn !== (decision?.approvedOn ?? null) && !mayApproveProbation(ctx.actor, orgPath))
      throw approvalFromAboveOnly(
        { zh: '取消预备党员资格的上级批准', en: 'The approval of the cancellation' },
        'approvedOn',
      );
    const values = {
      resolutionOn: input.resolutionOn,
      approvedOn: input.approvedOn,
      reason: input.reason,
      recordedBy: ctx.actor?.userId ?? null,
    };
    if (decision) await tx.update(standingDecisions).set(values).where(eq(standingDecisions.id, decision.id));
    else await tx.insert(standingDecisions).values({ memberId: id, kind: 'cancel_probation', ...values });

    const now = ctx.now();
    let row = locked;
    let account = null;
    if (input.approvedOn) {
      [row] = await tx
        .update(members)
        .set({
          partyStanding: 'left',
          leftHow: 'probation_cancelled',
          leftOn: input.approvedOn,
          leftAt: now,
          recordUpdatedAt: now,
          updatedAt: now,
        })
        .where(eq(members.id, id))
        .returning();
      await recordHistory(tx, ctx, id, 'pipeline', {
        partyStanding: [locked.partyStanding, 'left'],
        leftHow: [locked.leftHow, 'probation_cancelled'],
        leftOn: [locked.leftOn, input.approvedOn],
      });
      if (locked.userId) account = await followTransfer(tx, locked.userId, locked.orgId, null, now);
    }
    await recordAudit(tx, ctx, {
      action: 'member.probation_cancelled',
      targetType: 'member',
      targetId: id,
      orgId: locked.orgId,
      orgPath,
      before: decision
        ? { resolutionOn: decision.resolutionOn, approvedOn: decision.approvedOn, reason: decision.reason }
        : { cancellation: null },
      after: { ...values, recordedBy: undefined, left: !!input.approvedOn, account },
    });
    return fileOf(tx, ctx, row, orgPath);
  });
}
