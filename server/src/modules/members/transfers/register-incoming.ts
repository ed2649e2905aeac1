import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { RegisterIncoming, Transfer } from '../../../../../contracts/members/index.ts';
import { inTransaction, nextIds } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { maskIdNumber } from '../../../platform/pii/index.ts';
import { type MemberRow, members, transfers } from '../schema.ts';
import {
  branchFor,
  changesBetween,
  inputOf,
  duplicateIdError,
  invalid,
  memberColumns,
  recordHistory,
} from '../record/store.ts';
import { ADMITTED, checkMember } from '../record/rules.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { presentTransfer } from './present.ts';
import { transferAbilities } from './policy.ts';

/**
 * A member arriving from outside the deployment with a letter: the receiving branch registers the
 * record (the same checks as creating one) and the transfer, accepted at once. Someone who once
 * left the deployment and comes back gets their old record back, so their history stays one.
 */
export async function registerIncoming(ctx: Ctx, input: z.infer<typeof RegisterIncoming>): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  const { fromOrgName, letterNo, duesPaidUntil, reason, orgId, ...member } = input;
  const problems = checkMember(member, today);
  if (problems.length) throw invalid(problems);
  if (!ADMITTED.includes(member.status))
    throw fieldError('status', {
      zh: '组织关系介绍信只为党员（正式党员、预备党员）开具',
      en: 'only full and probationary members come with a transfer letter',
    });
  return inTransaction(ctx.db, async (tx) => {
    const org = await branchFor(tx, actor, Number(orgId));
    const [known] = await tx
      .select()
      .from(members)
      .where(eq(members.idNumberIndex, ctx.pii.blindIndex('id', member.idNumber)))
      .for('update');
    if (known && !known.leftAt) throw (await duplicateIdError(tx, ctx, member.idNumber))!;
    const now = ctx.now();
    const id = known?.id ?? (await nextIds(tx, 'members', 1))[0];
    const columns = {
      id,
      ...memberColumns(ctx.pii, member, id),
      orgId: org.id,
      recordUpdatedAt: now,
      updatedAt: now,
    };
    let row: MemberRow;
    if (known) {
      [row] = await tx
        .update(members)
        .set({ ...columns, leftAt: null })
        .where(eq(members.id, known.id))
        .returning();
      await recordHistory(tx, ctx, row.id, 'transfer', {
        leftAt: [known.leftAt!.toISOString(), null],
        orgId: [String(known.orgId), String(org.id)],
        orgName: [fromOrgName, org.name],
        ...changesBetween(inputOf(ctx.pii, known), member),
      });
    } else {
      [row] = await tx
        .insert(members)
        .values({ ...columns, createdAt: now })
        .returning();
      await recordHistory(tx, ctx, row.id, 'transfer', {
        orgName: [fromOrgName, org.name],
        ...changesBetween(null, member),
      });
      await recordAudit(tx, ctx, {
        action: 'member.created',
        targetType: 'member',
        targetId: row.id,
        orgId: org.id,
        orgPath: org.path,
        after: { name: row.name, status: row.status, idNumber: maskIdNumber(member.idNumber) },
      });
    }
    const [t] = await tx
      .insert(transfers)
      .values({
        kind: 'incoming',
        status: 'accepted',
        memberId: row.id,
        fromOrgId: null,
        fromOrgName,
        toOrgId: org.id,
        toOrgName: org.name,
        letterNo,
        // the letter's own date is on paper; the record keeps the day it was registered
        issuedOn: today,
        validUntil: today,
        duesPaidUntil,
        reason,
        createdBy: actor.userId,
        decidedBy: actor.userId,
        decidedAt: now,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.incoming_registered',
      targetType: 'transfer',
      targetId: t.id,
      orgId: org.id,
      orgPath: org.path,
      after: { memberId: row.id, memberName: row.name, fromOrgName, letterNo, returning: !!known },
    });
    return presentTransfer(
      t,
      row.name,
      today,
      transferAbilities(actor, { ...t, fromPath: null, toPath: null }),
    );
  });
}
