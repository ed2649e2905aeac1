import { sql } from 'drizzle-orm';
import type { AddAdjustment } from '../../../../../contracts/assessment/scores.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg, rootOrg } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';
import { onlyDepartment } from '../scheme/store.ts';
import { computeMonth, monthClosed } from './compute-month.ts';

/**
 * 手动加减分: the department adds or takes points from an org's month, always with a reason
 * (audited); the month is then rescored (incrementally), so the score shows it at once.
 */
export async function addAdjustment(ctx: Ctx, registry: Registry, month: string, input: AddAdjustment) {
  const root = await rootOrg(ctx.db);
  authorize(actorOf(ctx), 'assessment.manage', root?.path ?? '/', onlyDepartment);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assessment:${month}`}))`);
    const { rows } = await tx.execute<{ state: string }>(
      sql`select state from assessment_months where month = ${month}`,
    );
    if (rows[0]?.state === 'closed') throw monthClosed(month);
    const {
      rows: [added],
    } = await tx.execute<{ id: string }>(sql`
      insert into assessment_adjustments (month, org_id, points, reason, created_by, created_at)
      values (${month}, ${org.id}, ${input.points}, ${input.reason}, ${actorOf(ctx).userId}, ${ctx.now()})
      returning id`);
    await recordAudit(tx, ctx, {
      action: 'assessment.adjusted',
      targetType: 'assessment_adjustment',
      targetId: added.id,
      orgId: org.id,
      orgPath: org.path,
      after: { month, points: input.points, reason: input.reason },
    });
  });
  await computeMonth(ctx.db, registry, month, { full: false, now: ctx.now() });
}
