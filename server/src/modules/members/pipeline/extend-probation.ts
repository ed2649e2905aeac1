import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ExtendProbation, PipelineFile } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { members, standingDecisions } from '../schema.ts';
import { recordHistory } from '../record/store.ts';
import { approvalFromAboveOnly } from '../approval.ts';
import { mayApproveProbation } from './policy.ts';
import { fileOf } from './read-pipeline.ts';
import { type Extension, extensionProblems, probationEndOf } from './rules.ts';
import { asPipelineMember, lockForPipeline, probationDecision, refused } from './store.ts';

/**
 * 延长预备期: the branch meeting's resolution (months, date, reason) and, when given, the superior
 * committee's approval. Recorded on the record (the rules count the probation from it) and as a
 * decision beside the standing decisions; an extension awaiting approval is corrected or approved
 * by recording it again.
 */
export async function extendProbation(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof ExtendProbation>,
): Promise<PipelineFile> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForPipeline(tx, ctx, id);
    const today = shanghaiToday(ctx.now());
    const pending = await probationDecision(tx, id, 'cancel_probation');
    const before = {
      ...asPipelineMember(locked),
      cancellation: pending && !pending.approvedOn ? pending : null,
    };
    const ext: Extension = {
      months: input.months,
      resolutionOn: input.resolutionOn,
      approvedOn: input.approvedOn,
    };
    // the branch records its meeting; the approval is the committee above's (policy.ts)
    if (ext.approvedOn !== (before.extension?.approvedOn ?? null) && !mayApproveProbation(ctx.actor, orgPath))
      throw approvalFromAboveOnly(
        { zh: '延长预备期的上级批准', en: 'The approval of the extension' },
        'approvedOn',
      );
    const problems = extensionProblems(before, ext, today);
    if (problems.length)
      throw refused(problems, {
        zh: `${locked.name}的预备期不能这样延长`,
        en: 'Cannot extend the probation',
      });

    const changes: Record<string, [unknown, unknown]> = {};
    const was = before.extension;
    if (was?.months !== ext.months) changes.probationExtensionMonths = [was?.months ?? null, ext.months];
    if (was?.resolutionOn !== ext.resolutionOn)
      changes.probationExtensionResolutionOn = [was?.resolutionOn ?? null, ext.resolutionOn];
    if ((was?.approvedOn ?? null) !== ext.approvedOn)
      changes.probationExtensionApprovedOn = [was?.approvedOn ?? null, ext.approvedOn];
    const decision = await probationDecision(tx, id, 'extend_probation');
    if (!Object.keys(changes).length && decision?.reason === input.reason)
      return fileOf(tx, ctx, locked, orgPath);

    const now = ctx.now();
    const [row] = await tx
      .update(members)
      .set({
        probationExtensionMonths: ext.months,
        probationExtensionResolutionOn: ext.resolutionOn,
        probationExtensionApprovedOn: ext.approvedOn,
        recordUpdatedAt: now,
        updatedAt: now,
      })
      .where(eq(members.id, id))
      .returning();
    // the decision beside the others on the standing; one per probation, corrected until approved
    const values = {
      resolutionOn: ext.resolutionOn,
      approvedOn: ext.approvedOn,
      months: ext.months,
      reason: input.reason,
      recordedBy: ctx.actor?.userId ?? null,
    };
    if (decision) await tx.update(standingDecisions).set(values).where(eq(standingDecisions.id, decision.id));
    else await tx.insert(standingDecisions).values({ memberId: id, kind: 'extend_probation', ...values });
    await recordHistory(tx, ctx, id, 'pipeline', changes);
    const endsOn = probationEndOf({ ...before, extension: ext });
    await recordAudit(tx, ctx, {
      action: 'member.probation_extended',
      targetType: 'member',
      targetId: id,
      orgId: row.orgId,
      orgPath,
      before: was ? { ...was, reason: decision?.reason ?? null } : { extension: null },
      after: { ...ext, reason: input.reason, probationEndsOn: endsOn },
    });
    return fileOf(tx, ctx, row, orgPath);
  });
}
