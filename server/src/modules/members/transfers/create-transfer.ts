import type { MemberStatus } from '../../../../../contracts/members/index.ts';
import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { CreateTransfer, Transfer } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { ADMITTED } from '../record/rules.ts';
import { transfers } from '../schema.ts';
import { transferLetterMaxDays } from '../settings.ts';
import { addDays, shanghaiToday } from '../../../platform/time.ts';
import { presentTransfer } from './present.ts';
import { letterValidDays } from './rules.ts';
import { lockMember, mustOrg, nextLetterNo, paidUntilOf } from './store.ts';
import { transferAbilities } from './policy.ts';

export async function createTransfer(ctx: Ctx, input: z.infer<typeof CreateTransfer>): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const m = await lockMember(tx, Number(input.memberId));
    if (!m || m.leftAt)
      throw fieldError('memberId', {
        zh: '党员不存在或已转出本系统',
        en: 'no such member in this deployment',
      });
    const from = await mustOrg(tx, m.orgId);
    authorize(actor, 'member.manage', from.path);
    if (!ADMITTED.includes(m.status as MemberStatus))
      throw fieldError('memberId', {
        zh: '组织关系介绍信只为党员（正式党员、预备党员）开具；入党申请人、积极分子和发展对象的培养材料另行移交',
        en: 'only full and probationary members have their organizational relationship transferred',
      });

    let toOrgId: number | null = null;
    let toPath: string | null = null;
    let toOrgName: string;
    if (input.kind === 'internal') {
      // "to an org outside the deployment marked as internal": the field to fix is toOrgId
      if (!input.toOrgId)
        throw fieldError('toOrgId', {
          zh: '系统内转接须选择本系统内的接收党支部；接收党组织不在本系统内的，请选择“转出系统外”并填写其名称',
          en: 'an internal transfer names a branch of this deployment; use outgoing for an org outside it',
        });
      const to = await findOrg(tx, Number(input.toOrgId));
      if (!to)
        throw fieldError('toOrgId', {
          zh: '接收党组织不在本系统内；转往系统外请选择“转出系统外”并填写其名称',
          en: 'not an organization of this deployment; use outgoing for an org outside it',
        });
      if (to.kind !== 'branch')
        throw fieldError('toOrgId', {
          zh: `组织关系须转入党支部，“${to.name}”不是党支部`,
          en: 'the receiving organization must be a branch',
        });
      if (to.id === from.id)
        throw fieldError('toOrgId', {
          zh: '接收党支部就是该党员现在所在的党支部',
          en: 'the member already belongs to this branch',
        });
      toOrgId = to.id;
      toPath = to.path;
      toOrgName = to.name;
    } else {
      if (input.toOrgId)
        throw fieldError('toOrgId', {
          zh: '转出系统外只填写接收党组织名称；接收党组织在本系统内的，请选择“系统内转接”',
          en: 'an outgoing transfer names the receiving org by toOrgName only; use internal for this deployment',
        });
      if (!input.toOrgName)
        throw fieldError('toOrgName', {
          zh: '转出系统外须填写接收党组织名称',
          en: 'required for a transfer out of the deployment',
        });
      toOrgName = input.toOrgName;
    }

    const [open] = await tx
      .select()
      .from(transfers)
      .where(and(eq(transfers.memberId, m.id), eq(transfers.status, 'pending')));
    if (open)
      throw conflict('transfer_pending', {
        zh: `${m.name}已有一份待办理的组织关系介绍信（编号 ${open.letterNo}，转往${open.toOrgName}），请等待办理或先撤回`,
        en: 'This member already has a pending transfer; wait for it or cancel it first',
      });
    const validDays = letterValidDays(input.validDays, await getSetting(tx, transferLetterMaxDays));
    if (typeof validDays !== 'number') throw fieldError('validDays', validDays);
    // the letter states what the payment records say, not what someone types
    const duesPaidUntil = await paidUntilOf(tx, m, ctx.now());
    const letterNo = await nextLetterNo(tx, from, today);

    const [row] = await tx
      .insert(transfers)
      .values({
        kind: input.kind,
        memberId: m.id,
        fromOrgId: from.id,
        fromOrgName: from.name,
        toOrgId,
        toOrgName,
        letterNo,
        issuedOn: today,
        validUntil: addDays(today, validDays),
        duesPaidUntil,
        reason: input.reason,
        createdBy: actor.userId,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.created',
      targetType: 'transfer',
      targetId: row.id,
      orgId: from.id,
      orgPath: from.path,
      after: {
        memberId: m.id,
        memberName: m.name,
        kind: row.kind,
        toOrgName,
        letterNo: row.letterNo,
        validUntil: row.validUntil,
        duesPaidUntil,
      },
    });
    return presentTransfer(
      row,
      m.name,
      today,
      transferAbilities(actor, { ...row, fromPath: from.path, toPath }),
    );
  });
}
