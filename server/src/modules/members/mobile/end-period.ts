import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { EndMobilePeriod, MobilePeriod } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { recordHistory } from '../record/store.ts';
import { members, mobilePeriods } from '../schema.ts';
import { mobileRemindMonths } from '../settings.ts';
import { mobileAbilities } from './policy.ts';
import { presentPeriod } from './present.ts';
import { backProblem } from './rules.ts';

const PERIOD = { zh: '外出登记', en: 'Period away' };

/** 返回登记: the home branch records the member's return; the record is no longer a migrant's. */
export async function endMobilePeriod(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof EndMobilePeriod>,
): Promise<MobilePeriod> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const [p] = await tx.select().from(mobilePeriods).where(eq(mobilePeriods.id, id)).for('update');
    if (!p) throw notFound(PERIOD);
    const [m] = await tx.select().from(members).where(eq(members.id, p.memberId)).for('update');
    const home = (await findOrg(tx, m.orgId))!;
    authorize(actor, 'member.manage', home.path, {
      zh: `只有该党员组织关系所在的党组织（${home.name}）及其上级党组织可以登记返回`,
      en: 'Only the member’s own organization or its superiors may record the return',
    });
    if (p.backOn)
      throw conflict('mobile_period_closed', {
        zh: `已于 ${p.backOn} 登记返回`,
        en: `The return was recorded on ${p.backOn}`,
      });
    const problem = backProblem(input.backOn, p.outOn, today);
    if (problem) throw fieldError('backOn', problem);
    const [row] = await tx
      .update(mobilePeriods)
      .set({ backOn: input.backOn })
      .where(eq(mobilePeriods.id, id))
      .returning();
    const now = ctx.now();
    await tx
      .update(members)
      .set({ mobile: false, mobileLocation: null, recordUpdatedAt: now, updatedAt: now })
      .where(eq(members.id, m.id));
    await recordHistory(tx, ctx, m.id, 'mobile', {
      ...(m.mobile ? { mobile: [true, false] } : {}),
      ...(m.mobileLocation ? { mobileLocation: [m.mobileLocation, null] } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'mobile.period_ended',
      targetType: 'member',
      targetId: m.id,
      orgId: home.id,
      orgPath: home.path,
      before: { periodId: p.id, backOn: null },
      after: { periodId: p.id, memberName: m.name, backOn: input.backOn, destination: p.destination },
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
