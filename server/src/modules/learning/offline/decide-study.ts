import { eq } from 'drizzle-orm';
import type { OfflineStudy } from '../../../../../contracts/learning/offline.ts';
import { inTransaction } from '../../../db/client.ts';
import { actorLabel, recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { offlineStudies, offlineStudyEvents } from '../schema.ts';
import { creditStudy } from '../study/credit-study.ts';
import { studyView } from './list-studies.ts';
import { noticeRecorders } from './notice.ts';
import { authorizeDecision } from './policy.ts';
import { type OfflineState, refusedInState } from './rules.ts';
import { attendeesOf, findStudy } from './store.ts';

/**
 * 审批: the superior approves a submitted session — each attendee is credited its minutes, as
 * offline study on the day studied — or returns it with a reason the branch reads. Once: the row
 * is locked first, so of two approvers at the same moment one decides and the other waits, then
 * finds it decided (409). The credit, the decision, its history, the audit entry and the notice
 * to the branch stand or fall together.
 */
export async function decideStudy(
  ctx: Ctx,
  id: number,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<OfflineStudy> {
  const actor = actorOf(ctx);
  const act = decision.approve ? 'approve' : 'return';
  return inTransaction(ctx.db, async (tx) => {
    const s = await findStudy(tx, id, true);
    authorizeDecision(actor, s);
    const refused = refusedInState(s.state as OfflineState, act);
    if (refused) throw conflict('offline_decided', refused);
    const now = ctx.now();
    const reason = decision.approve ? null : decision.reason;
    const [saved] = await tx
      .update(offlineStudies)
      .set({
        state: decision.approve ? 'approved' : 'returned',
        decidedAt: now,
        decidedBy: actor.userId,
        returnReason: reason,
        updatedAt: now,
      })
      .where(eq(offlineStudies.id, id))
      .returning();
    await tx.insert(offlineStudyEvents).values({
      studyId: id,
      action: decision.approve ? 'approved' : 'returned',
      reason,
      actorId: actor.userId,
      actorName: actorLabel(actor),
      at: now,
    });
    const attendees = await attendeesOf(tx, id);
    // only approved hours count (组织认定): credited here and nowhere else
    if (decision.approve)
      for (const a of attendees)
        await creditStudy(tx, {
          memberId: a.memberId,
          source: 'offline',
          seconds: s.minutes * 60,
          day: s.studiedOn,
        });
    const sent = await noticeRecorders(tx, ctx, saved, decision.approve, reason);
    await recordAudit(tx, ctx, {
      action: decision.approve ? 'offline_study.approved' : 'offline_study.returned',
      targetType: 'offline_study',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { state: s.state },
      after: {
        state: saved.state,
        submission: s.submissions,
        reason,
        minutes: s.minutes,
        credited: decision.approve ? attendees.length : 0,
        noticeId: sent?.noticeId ?? null,
      },
    });
    return studyView(ctx, tx, saved);
  });
}
