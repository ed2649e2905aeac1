import { eq } from 'drizzle-orm';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { corrections, members } from '../schema.ts';
import { applyMemberChange, auditDiff, inputOf } from '../record/store.ts';
import { type CorrectionView, present } from './present.ts';
import { changedSince, FIELD_LABEL, type Field, requestedValue } from './rules.ts';
import { authorizeDecision } from './policy.ts';
import { refuseLeft } from '../standing/guard.ts';

const CORRECTION = { zh: '更正申请', en: 'Correction request' };

/** The request and its member, both locked, checked to be pending and in the actor's scope. */
async function lockForDecision(tx: Queryable, ctx: Ctx, id: number) {
  const actor = actorOf(ctx);
  const [c] = await tx.select().from(corrections).where(eq(corrections.id, id)).for('update');
  if (!c) throw notFound(CORRECTION);
  const [row] = await tx
    .select({ m: members, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, c.memberId))
    .for('update', { of: members });
  // someone who left the Party is on file: a request of theirs may still be rejected, not approved
  if (!row || (row.m.leftAt && row.m.partyStanding !== 'left')) throw notFound(CORRECTION);
  authorizeDecision(actor, { memberOrgPath: row.orgPath, memberUserId: row.m.userId });
  if (c.status !== 'pending')
    throw conflict('correction_decided', {
      zh: `该更正申请已${c.status === 'approved' ? '通过' : '退回'}，不能再次审批`,
      en: `This request was already ${c.status}`,
    });
  return { c, m: row.m, orgPath: row.orgPath };
}

/**
 * Approve: the change is made as an edit would make it — the whole record re-validated, the
 * edit kept in the record's history (source 'correction') and in the audit log, the record's
 * update time moved — in the same transaction as the decision.
 */
export async function approveCorrection(ctx: Ctx, id: number): Promise<CorrectionView> {
  return inTransaction(ctx.db, async (tx) => {
    const { c, m, orgPath } = await lockForDecision(tx, ctx, id);
    refuseLeft(m);
    const field = c.field as Field;
    const value = requestedValue(ctx.pii, c);
    // an edit made after the member asked is newer than the request: it is not overwritten
    if (changedSince(ctx.pii, c, inputOf(ctx.pii, m)[field]))
      throw conflict('correction_stale', {
        zh: `该党员的${FIELD_LABEL[field].zh}在申请后已被修改，不能按申请覆盖；请退回，由党员核对后重新申请`,
        en: `The ${FIELD_LABEL[field].en} was changed after the request; return it so the member can ask again`,
      });
    const { after, changes } = await applyMemberChange(tx, ctx, m, { [field]: value }, 'correction');
    const now = ctx.now();
    const [decided] = await tx
      .update(corrections)
      .set({ status: 'approved', decidedBy: actorOf(ctx).userId, decidedAt: now })
      .where(eq(corrections.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.correction_approved',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      // the audit keeps only what differs: the request's id shows as new on the "after" side
      before: auditDiff(changes).before,
      after: { correctionId: id, ...auditDiff(changes).after },
    });
    return present(ctx, decided, { name: after.name, orgPath, userId: m.userId });
  });
}

/** Reject, with the reason the member will read. The record is not touched. */
export async function rejectCorrection(ctx: Ctx, id: number, reason: string): Promise<CorrectionView> {
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await lockForDecision(tx, ctx, id);
    const [decided] = await tx
      .update(corrections)
      .set({
        status: 'rejected',
        decidedBy: actorOf(ctx).userId,
        decidedAt: ctx.now(),
        decisionReason: reason,
      })
      .where(eq(corrections.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.correction_rejected',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      after: { correctionId: id, field: decided.field, reason },
    });
    return present(ctx, decided, { name: m.name, orgPath, userId: m.userId });
  });
}
