import { sql } from 'drizzle-orm';
import type { MonthState } from '../../../../../contracts/assessment/scores.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { badRequest, conflict } from '../../../platform/http/errors.ts';
import { shanghaiMonth } from '../../../platform/time.ts';
import { rootOrg } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';
import { onlyDepartment } from '../scheme/store.ts';
import { computeMonth, monthClosed } from './compute-month.ts';

type Row = {
  month: string;
  state: 'open' | 'closed';
  scheme: MonthState['scheme'];
  computed_at: Date | null;
  last_run: MonthState['lastRun'];
  closed_at: Date | null;
};

export async function readMonth(ctx: Ctx, month: string): Promise<MonthState> {
  const { rows } = await ctx.db.execute<Row>(sql`
    select month, state, scheme, computed_at, last_run, closed_at from assessment_months where month = ${month}`);
  const r = rows[0];
  return {
    month,
    state: r?.state ?? 'open',
    computedAt: r?.computed_at ? new Date(r.computed_at).toISOString() : null,
    lastRun: r?.last_run ?? null,
    closedAt: r?.closed_at ? new Date(r.closed_at).toISOString() : null,
    scheme: r?.scheme ?? null,
  };
}

async function department(ctx: Ctx) {
  const root = await rootOrg(ctx.db);
  authorize(actorOf(ctx), 'assessment.manage', root?.path ?? '/', onlyDepartment);
  return root;
}

/** No month after the current one: its records have not happened yet. */
function notFuture(ctx: Ctx, month: string) {
  if (month > shanghaiMonth(ctx.now()))
    throw badRequest('month_in_future', {
      zh: `month：${month} 尚未到来，不能考核`,
      en: `month: ${month} has not come yet`,
    });
}

/** 计算: the department runs a month now (incremental unless `full`); audited with what ran. */
export async function runMonth(
  ctx: Ctx,
  registry: Registry,
  month: string,
  full: boolean,
): Promise<MonthState> {
  const root = await department(ctx);
  notFuture(ctx, month);
  await computeMonth(ctx.db, registry, month, {
    full,
    now: ctx.now(),
    audit: (tx, run) =>
      recordAudit(tx, ctx, {
        action: 'assessment.computed',
        targetType: 'assessment_month',
        targetId: month,
        orgId: root?.id ?? null,
        orgPath: root?.path ?? null,
        after: run,
      }),
  });
  return readMonth(ctx, month);
}

/** 关闭: the month's scores are final (the bulletin is issued from them); nothing recomputes it. */
export async function closeMonth(ctx: Ctx, month: string): Promise<MonthState> {
  const root = await department(ctx);
  notFuture(ctx, month);
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assessment:${month}`}))`);
    const { rows } = await tx.execute<{ state: string; computed_at: Date | null }>(
      sql`select state, computed_at from assessment_months where month = ${month}`,
    );
    if (!rows[0]?.computed_at)
      throw conflict('month_not_computed', {
        zh: `${month} 尚未计算，不能关闭`,
        en: `${month} has not been computed; it cannot be closed`,
      });
    if (rows[0].state === 'closed') throw monthClosed(month);
    await tx.execute(sql`
      update assessment_months set state = 'closed', closed_at = ${ctx.now()}, closed_by = ${actorOf(ctx).userId}
       where month = ${month}`);
    await recordAudit(tx, ctx, {
      action: 'assessment.month_closed',
      targetType: 'assessment_month',
      targetId: month,
      orgId: root?.id ?? null,
      orgPath: root?.path ?? null,
    });
  });
  return readMonth(ctx, month);
}

/** 重新开启: only with a reason (audited); the month may then be recomputed and adjusted again. */
export async function reopenMonth(ctx: Ctx, month: string, reason: string): Promise<MonthState> {
  const root = await department(ctx);
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assessment:${month}`}))`);
    const { rows } = await tx.execute<{ state: string }>(
      sql`select state from assessment_months where month = ${month}`,
    );
    if (rows[0]?.state !== 'closed')
      throw conflict('month_not_closed', {
        zh: `${month} 未关闭，无须重新开启`,
        en: `${month} is not closed`,
      });
    await tx.execute(sql`
      update assessment_months set state = 'open', closed_at = null, closed_by = null where month = ${month}`);
    await recordAudit(tx, ctx, {
      action: 'assessment.month_reopened',
      targetType: 'assessment_month',
      targetId: month,
      orgId: root?.id ?? null,
      orgPath: root?.path ?? null,
      after: { reason },
    });
  });
  return readMonth(ctx, month);
}
