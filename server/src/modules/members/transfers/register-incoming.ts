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
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { duesFromMonth } from '../dues/rules.ts';
import { duesForWrite, keepStandardHistory } from '../dues/standards.ts';
import { transferReceiptMonths } from '../settings.ts';
import { presentTransfer } from './present.ts';
import { transferAbilities } from './policy.ts';
import { expiredLetterAcceptance, receiptDueOn } from './rules.ts';
import { sidePaths } from './store.ts';

/**
 * A member arriving from outside the deployment with a letter: the receiving branch registers the
 * record (the same checks as creating one) and the transfer, accepted at once. Someone who once
 * left the deployment and comes back gets their old record back, so their history stays one.
 */
export async function registerIncoming(ctx: Ctx, input: z.infer<typeof RegisterIncoming>): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  const {
    fromOrgName,
    letterNo,
    issuedOn,
    validUntil,
    certificateNote,
    duesPaidUntil,
    reason,
    orgId,
    ...member
  } = input;
  const problems = checkMember(member, today);
  if (problems.length) throw invalid(problems);
  // the letter keeps its own date and validity, so an expired one is seen as such
  if (issuedOn > today)
    throw fieldError('issuedOn', { zh: '介绍信开具日期不能晚于今天', en: 'cannot be later than today' });
  if (validUntil < issuedOn)
    throw fieldError('validUntil', {
      zh: '介绍信有效期至不能早于开具日期',
      en: 'cannot be earlier than the date of issue',
    });
  const taken = expiredLetterAcceptance(validUntil, today, certificateNote);
  if (taken === 'refused')
    throw fieldError('certificateNote', {
      zh: `介绍信已过有效期（${validUntil}）：须凭原所在党支部出具的证明办理，请填写证明情况`,
      en: `the letter expired on ${validUntil}: register it on the sending branch's certificate`,
    });
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
    // someone who left the Party brings no organizational relationship: rejoining starts over
    if (known?.partyStanding === 'left')
      throw fieldError('idNumber', {
        zh: '该身份证号的人员已出党，档案只读，不能以组织关系转入；重新入党须从递交入党申请开始',
        en: 'this person left the Party: no membership to transfer in; rejoining starts with an application',
      });
    const now = ctx.now();
    const id = known?.id ?? (await nextIds(tx, 'members', 1))[0];
    // dues are counted here from the month after the one the letter says they are paid to
    const duesFrom = duesFromMonth({
      joinedOn: member.joinedOn ?? null,
      arrivedMonth: shanghaiMonth(now),
      paidUntil: duesPaidUntil,
    });
    const columns = {
      id,
      // the standard from the department's figures now, as a record created here gets it
      ...memberColumns(ctx.pii, member, id, await duesForWrite(tx, ctx, null, member, 'transfer')),
      duesFromMonth: duesFrom,
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
    // the standard history starts at arrival (a returning record's earlier standards stay before it)
    await keepStandardHistory(tx, ctx, null, row, duesFrom);
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
        issuedOn,
        validUntil,
        certificateNote: taken === 'on_certificate' ? certificateNote!.trim() : null,
        duesPaidUntil,
        // the receiving branch sends the receipt to the org outside within the month
        receiptDueOn: receiptDueOn(today, await getSetting(tx, transferReceiptMonths)),
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
      after: {
        memberId: row.id,
        memberName: row.name,
        fromOrgName,
        letterNo,
        issuedOn,
        validUntil,
        ...(t.certificateNote ? { certificateNote: t.certificateNote } : {}),
        duesFromMonth: duesFrom,
        receiptDueOn: t.receiptDueOn,
        returning: !!known,
      },
    });
    return presentTransfer(
      t,
      row.name,
      today,
      transferAbilities(actor, { ...t, ...(await sidePaths(tx, t)) }),
    );
  });
}
