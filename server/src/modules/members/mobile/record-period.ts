import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { MobilePeriod, RecordMobilePeriod } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, conflict, fieldError } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { recordHistory } from '../record/store.ts';
import { members, mobilePeriods } from '../schema.ts';
import { mobileRemindMonths } from '../settings.ts';
import { mobileAbilities } from './policy.ts';
import { presentPeriod } from './present.ts';
import { mayBeMobile, outProblems } from './rules.ts';

const NOT_FOUND = { zh: '党员不存在或已转出本系统', en: 'no such member in this deployment' };

/**
 * 外出登记: the home branch records a member going away. The record's mobile flag and location
 * follow the open period, so the lists and the record quality see a migrant as one.
 */
export async function recordMobilePeriod(
  ctx: Ctx,
  input: z.infer<typeof RecordMobilePeriod>,
): Promise<MobilePeriod> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const [m] = await tx
      .select()
      .from(members)
      .where(eq(members.id, Number(input.memberId)))
      .for('update');
    if (!m || m.leftAt) throw fieldError('memberId', NOT_FOUND);
    const home = (await findOrg(tx, m.orgId))!;
    authorize(actor, 'member.manage', home.path);
    if (!mayBeMobile(m.status))
      throw fieldError('memberId', {
        zh: '流动党员登记只适用于党员（正式党员、预备党员）',
        en: 'only full and probationary members are registered as migrant members',
      });
    const problems = outProblems(input.outOn, today, m.joinedOn);
    if (problems.length)
      throw new AppError(
        400,
        'invalid_input',
        {
          zh: problems.map((p) => `${p.path}：${p.text.zh}`).join('；'),
          en: problems.map((p) => `${p.path}: ${p.text.en}`).join('; '),
        },
        problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en })),
      );

    let hostOrgId: number | null = null;
    let hostOrgName = input.hostOrgName ?? null;
    if (input.hostOrgId) {
      if (input.hostOrgName)
        throw fieldError('hostOrgName', {
          zh: '已选择本系统内的流入地党支部，不再填写名称',
          en: 'a host branch of this deployment was chosen; leave the name empty',
        });
      const host = await findOrg(tx, Number(input.hostOrgId));
      if (host?.kind !== 'branch')
        throw fieldError('hostOrgId', {
          zh: '流入地党组织须为本系统内的党支部；不在本系统内的，请填写其名称',
          en: 'must be a branch of this deployment; name an org outside it instead',
        });
      if (host.id === home.id)
        throw fieldError('hostOrgId', {
          zh: '流入地党支部就是该党员组织关系所在的党支部',
          en: 'this is the member’s own branch',
        });
      hostOrgId = host.id;
      hostOrgName = host.name;
    }

    const [open] = await tx
      .select({ outOn: mobilePeriods.outOn, destination: mobilePeriods.destination })
      .from(mobilePeriods)
      .where(and(eq(mobilePeriods.memberId, m.id), isNull(mobilePeriods.backOn)));
    if (open)
      throw conflict('mobile_period_open', {
        zh: `${m.name}自 ${open.outOn} 起外出在${open.destination}，尚未登记返回；请先登记返回再登记新的外出`,
        en: 'This member is already away; record the return first',
      });

    const [row] = await tx
      .insert(mobilePeriods)
      .values({
        memberId: m.id,
        outOn: input.outOn,
        destination: input.destination,
        hostOrgId,
        hostOrgName,
        certificateNo: input.certificateNo ?? null,
        recordedBy: actor.userId,
        createdAt: ctx.now(),
      })
      .returning();
    const now = ctx.now();
    await tx
      .update(members)
      .set({ mobile: true, mobileLocation: input.destination, recordUpdatedAt: now, updatedAt: now })
      .where(eq(members.id, m.id));
    await recordHistory(tx, ctx, m.id, 'mobile', {
      ...(m.mobile ? {} : { mobile: [false, true] }),
      ...(m.mobileLocation !== input.destination
        ? { mobileLocation: [m.mobileLocation, input.destination] }
        : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'mobile.period_recorded',
      targetType: 'member',
      targetId: m.id,
      orgId: home.id,
      orgPath: home.path,
      after: {
        periodId: row.id,
        memberName: m.name,
        outOn: row.outOn,
        destination: row.destination,
        hostOrgId,
        hostOrgName,
        certificateNo: row.certificateNo,
      },
    });
    return presentPeriod(
      row,
      { name: m.name, orgId: home.id, orgName: home.name },
      today,
      await getSetting(tx, mobileRemindMonths),
      mobileAbilities(actor, { backOn: row.backOn, homePath: home.path }),
    );
  });
}
