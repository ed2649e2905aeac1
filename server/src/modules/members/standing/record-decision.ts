import type { z } from 'zod';
import type { MemberStanding, RecordStandingDecision } from '../../../../../contracts/members/index.ts';
import { STANDING_DECISION_LABELS } from '../../../../../contracts/labels.ts';
import { inTransaction } from '../../../db/client.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { approvalFromAboveOnly } from '../approval.ts';
import { standingDecisions } from '../schema.ts';
import { mayApproveStanding } from './policy.ts';
import { decisionProblems } from './rules.ts';
import {
  decisionsOf,
  factsOf,
  lastEffectiveOn,
  lockForStanding,
  pendingOf,
  refused,
  saveStandingChange,
  standingView,
} from './store.ts';
import { effectOf } from './take-effect.ts';

/**
 * Records a decision on a member's standing as it was taken: the branch meeting's date and, when
 * already given, the committee's approval (or, later, approve-decision.ts). It takes effect at once
 * when it needs no approval (退党, 逝世) or comes with it. One decision awaits approval at a time.
 */
export async function recordDecision(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof RecordStandingDecision>,
): Promise<MemberStanding> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgPath } = await lockForStanding(tx, ctx, id);
    // the branch records its meeting; an approval given with it is the committee above's to record
    if (
      input.kind !== 'death' &&
      (input.approvedOn || input.approvedBy) &&
      !mayApproveStanding(ctx.actor, orgPath)
    )
      throw approvalFromAboveOnly({ zh: '上级批准', en: 'The approval' }, 'approvedOn');
    const decisions = await decisionsOf(tx, id);
    const pending = pendingOf(decisions);
    // a death is a fact: it is recorded whatever awaits approval
    if (pending && input.kind !== 'death') {
      const label = STANDING_DECISION_LABELS[pending.kind as keyof typeof STANDING_DECISION_LABELS];
      throw conflict('decision_awaiting_approval', {
        zh: `${locked.name}的“${label.zh}”决定（支部党员大会 ${pending.resolutionOn}）尚待上级党组织批准；请先登记批准，再登记新的决定`,
        en: `A decision (${label.en}, ${pending.resolutionOn}) awaits approval; record the approval first`,
      });
    }
    const problems = decisionProblems(
      factsOf(locked),
      input,
      shanghaiToday(ctx.now()),
      lastEffectiveOn(decisions),
    );
    if (problems.length)
      throw refused(problems, {
        zh: `“${STANDING_DECISION_LABELS[input.kind].zh}”的决定未登记`,
        en: 'Decision not recorded',
      });
    const [d] = await tx
      .insert(standingDecisions)
      .values({
        memberId: id,
        kind: input.kind,
        resolutionOn: input.resolutionOn,
        approvedOn: input.approvedOn,
        approvedBy: input.approvedBy,
        reason: input.reason,
        recordedBy: actorOf(ctx).userId,
        createdAt: ctx.now(),
      })
      .returning();
    const { set, changes, account } = await effectOf(tx, ctx, locked, d);
    const row = await saveStandingChange(tx, ctx, { row: locked, orgPath }, set, changes, {
      action: 'member.standing_decided',
      after: {
        decisionId: d.id,
        kind: d.kind,
        resolutionOn: d.resolutionOn,
        approvedOn: d.approvedOn,
        approvedBy: d.approvedBy,
        reason: d.reason,
        ...(account ? { account } : {}),
      },
    });
    return standingView(tx, ctx, row, orgPath);
  });
}
