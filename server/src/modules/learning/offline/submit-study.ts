import { eq } from 'drizzle-orm';
import type { OfflineStudy } from '../../../../../contracts/learning/offline.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { actorLabel, recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { offlineStudies, offlineStudyEvents } from '../schema.ts';
import { studyView } from './list-studies.ts';
import { noticeApprovers } from './notice.ts';
import { type OfflineState, refusedInState } from './rules.ts';
import { approverOrgFor, type StudyRow, studyFor } from './store.ts';

/**
 * 报送: the session goes to the org above that approves (the nearest one with an admin), whose
 * admins are told. Inside the caller's transaction, the row locked: a returned session submitted
 * again forgets the last decision (the history keeps it) and waits afresh.
 */
export async function submitIn(tx: Tx, ctx: Ctx, s: StudyRow): Promise<StudyRow> {
  const refused = refusedInState(s.state as OfflineState, 'submit');
  if (refused) throw conflict('offline_state', refused);
  const approver = await approverOrgFor(tx, s.orgPath);
  if (!approver)
    throw fieldError('orgId', {
      zh: '该党组织没有可以审批线下学习的上级党组织',
      en: 'this org has no superior org to approve its offline study',
    });
  const actor = actorOf(ctx);
  const now = ctx.now();
  const [saved] = await tx
    .update(offlineStudies)
    .set({
      state: 'submitted',
      approverOrgId: approver.id,
      submissions: s.submissions + 1,
      submittedAt: now,
      submittedBy: actor.userId,
      decidedAt: null,
      decidedBy: null,
      returnReason: null,
      updatedAt: now,
    })
    .where(eq(offlineStudies.id, s.id))
    .returning();
  await tx.insert(offlineStudyEvents).values({
    studyId: s.id,
    action: 'submitted',
    actorId: actor.userId,
    actorName: actorLabel(actor),
    at: now,
  });
  const [org] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, s.orgId));
  const sent = await noticeApprovers(tx, ctx, saved, org?.name ?? '', approver.id);
  await recordAudit(tx, ctx, {
    action: 'offline_study.submitted',
    targetType: 'offline_study',
    targetId: s.id,
    orgId: s.orgId,
    orgPath: s.orgPath,
    before: { state: s.state },
    after: {
      state: 'submitted',
      submission: saved.submissions,
      approverOrgId: approver.id,
      noticeId: sent?.noticeId ?? null,
    },
  });
  return saved;
}

export async function submitStudy(ctx: Ctx, id: number): Promise<OfflineStudy> {
  return inTransaction(ctx.db, async (tx) => {
    const s = await studyFor(ctx, tx, id, 'offline_study.record', true);
    return studyView(ctx, tx, await submitIn(tx, ctx, s));
  });
}
