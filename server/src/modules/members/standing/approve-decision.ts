import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ApproveStandingDecision,
  MemberStanding,
  StandingDecisionKind,
} from '../../../../../contracts/members/index.ts';
import { STANDING_DECISION_LABELS } from '../../../../../contracts/labels.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { approvalFromAboveOnly } from '../approval.ts';
import { standingDecisions } from '../schema.ts';
import { mayApproveStanding } from './policy.ts';
import { awaitingApproval, type DecisionRow } from './present.ts';
import { approvalProblems } from './rules.ts';
import { lockForStanding, refused, saveStandingChange, standingView } from './store.ts';
import { effectOf } from './take-effect.ts';

const DECISION = { zh: '党籍决定', en: 'Decision' };

/**
 * The committee above approved a decision of the branch meeting: recorded with its date and body,
 * and the decision takes effect on that day (党章第九条: "从上级党组织批准之日算起").
 */
export async function approveDecision(
  ctx: Ctx,
  decisionId: number,
  input: z.infer<typeof ApproveStandingDecision>,
): Promise<MemberStanding> {
  return inTransaction(ctx.db, async (tx) => {
    const [d] = await tx
      .select()
      .from(standingDecisions)
      .where(eq(standingDecisions.id, decisionId))
      .for('update');
    if (!d) throw notFound(DECISION);
    const { locked, orgPath } = await lockForStanding(tx, ctx, d.memberId);
    if (!mayApproveStanding(ctx.actor, orgPath))
      throw approvalFromAboveOnly({ zh: '上级批准', en: 'The approval' });
    const kind = d.kind as StandingDecisionKind;
    if (!(kind in STANDING_DECISION_LABELS) || !awaitingApproval(d)) throw notAwaiting(d);
    // the standing it was taken on must still hold: a suspension of a member meanwhile restored…
    const holds =
      kind === 'suspend'
        ? locked.partyStanding === 'normal'
        : kind === 'restore'
          ? locked.partyStanding === 'suspended'
          : true;
    if (!holds)
      throw conflict('decision_stale', {
        zh: `${locked.name}的党籍状态在支部作出决定后已有变化，该决定不能再批准`,
        en: "The member's standing changed after the decision; it can no longer be approved",
      });
    const problems = approvalProblems(d.resolutionOn, input, shanghaiToday(ctx.now()));
    if (problems.length) throw refused(problems, { zh: '上级批准未登记', en: 'Approval not recorded' });
    const [approved] = await tx
      .update(standingDecisions)
      .set({ approvedOn: input.approvedOn, approvedBy: input.approvedBy })
      .where(eq(standingDecisions.id, decisionId))
      .returning();
    const { set, changes, account } = await effectOf(tx, ctx, locked, approved);
    const row = await saveStandingChange(tx, ctx, { row: locked, orgPath }, set, changes, {
      action: 'member.standing_approved',
      after: {
        decisionId: d.id,
        kind: d.kind,
        approvedOn: input.approvedOn,
        approvedBy: input.approvedBy,
        ...(account ? { account } : {}),
      },
    });
    return standingView(tx, ctx, row, orgPath);
  });
}

/** A decision approved, refused or needing no approval cannot be approved or refused (again): 409. */
export function notAwaiting(d: DecisionRow) {
  return conflict('decision_not_awaiting_approval', {
    zh: d.approvedOn
      ? `该决定已于${d.approvedOn}批准`
      : d.refusedOn
        ? `上级党组织已于${d.refusedOn}不予批准该决定`
        : '该决定无需上级批准',
    en: d.approvedOn
      ? `approved already on ${d.approvedOn}`
      : d.refusedOn
        ? `refused by the committee above on ${d.refusedOn}`
        : 'this decision needs no approval',
  });
}
