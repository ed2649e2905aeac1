import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  MemberStanding,
  RefuseStandingDecision,
  StandingDecisionKind,
} from '../../../../../contracts/members/index.ts';
import { STANDING_DECISION_LABELS } from '../../../../../contracts/labels.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { approvalFromAboveOnly } from '../approval.ts';
import { standingDecisions } from '../schema.ts';
import { notAwaiting } from './approve-decision.ts';
import { mayApproveStanding } from './policy.ts';
import { awaitingApproval } from './present.ts';
import { refusalProblems } from './rules.ts';
import { lockForStanding, refused, saveStandingChange, standingView } from './store.ts';

const DECISION = { zh: '党籍决定', en: 'Decision' };

/**
 * The committee above refused (不予批准) a decision of the branch meeting: recorded with its day,
 * body and reason. The decision has no effect — the member's standing is left as it was — and the
 * due list shows again whatever made the decision due (standing-due.ts), for the branch to take up.
 */
export async function refuseDecision(
  ctx: Ctx,
  decisionId: number,
  input: z.infer<typeof RefuseStandingDecision>,
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
      throw approvalFromAboveOnly({ zh: '上级不予批准', en: 'The refusal' });
    const kind = d.kind as StandingDecisionKind;
    if (!(kind in STANDING_DECISION_LABELS) || !awaitingApproval(d)) throw notAwaiting(d);
    const problems = refusalProblems({ ...d, kind }, input.refusedOn, shanghaiToday(ctx.now()));
    if (problems.length) throw refused(problems, { zh: '上级不予批准未登记', en: 'Refusal not recorded' });
    const values = {
      refusedOn: input.refusedOn,
      refusedBy: input.refusedBy.trim(),
      refusalReason: input.reason.trim(),
    };
    await tx.update(standingDecisions).set(values).where(eq(standingDecisions.id, decisionId));
    // nothing of the record changes: the audit entry says what was refused
    const row = await saveStandingChange(
      tx,
      ctx,
      { row: locked, orgPath },
      {},
      {},
      {
        action: 'member.standing_refused',
        after: { decisionId: d.id, kind: d.kind, resolutionOn: d.resolutionOn, ...values },
      },
    );
    return standingView(tx, ctx, row, orgPath);
  });
}
