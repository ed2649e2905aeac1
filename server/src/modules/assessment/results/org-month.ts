import { sql } from 'drizzle-orm';
import type { Scheme } from '../../../../../contracts/assessment/scheme.ts';
import type { OrgItem, OrgMonth } from '../../../../../contracts/assessment/scores.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';
import { currentScheme } from '../scheme/store.ts';
import { rankings } from './rankings.ts';

/**
 * One org's month, explained (the first step of the drill-down): for each indicator its figures
 * over the org's subtree; for a 党支部 the points each scored item earned; above, how many 党支部
 * below met each target; and the department's adjustments with their reasons.
 */
export async function orgMonth(
  ctx: Ctx,
  registry: Registry,
  month: string,
  orgId: string,
): Promise<OrgMonth> {
  const org = await findOrg(ctx.db, Number(orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'assessment.view', org.path);
  const { rows: state } = await ctx.db.execute<{ scheme: Scheme | null }>(
    sql`select scheme from assessment_months where month = ${month}`,
  );
  // the scheme the month was scored with (a closed month keeps its own), else today's
  const scheme = state[0]?.scheme ?? (await currentScheme(ctx.db, registry));
  const items = new Map(scheme.items.map((i) => [i.key, i]));
  const { rows } = await ctx.db.execute<{
    key: string;
    num: string;
    den: string | null;
    points: number | null;
    met: number | null;
  }>(
    sql`select key, num, den, points, met from assessment_items where month = ${month} and org_id = ${org.id}`,
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const ranked = await rankings(ctx, month, String(org.id));
  const { rows: unit } = await ctx.db.execute<{ unit: boolean }>(
    sql`select unit from assessment_scores where month = ${month} and org_id = ${org.id}`,
  );
  const { rows: adjustments } = await ctx.db.execute<{
    id: string;
    points: number;
    reason: string;
    by: string;
    at: Date;
  }>(sql`
    select a.id, a.points, a.reason, u.display_name as by, a.created_at as at
      from assessment_adjustments a join users u on u.id = a.created_by
     where a.month = ${month} and a.org_id = ${org.id} order by a.id`);
  const isUnit = unit[0]?.unit ?? false;
  const list: OrgItem[] = registry.all.map((d) => {
    const r = byKey.get(d.key);
    const scored = items.get(d.key);
    return {
      key: d.key,
      label: d.label[ctx.lang],
      unit: d.unit[ctx.lang],
      measure: d.measure,
      basis: d.basis,
      scored: !!scored,
      num: r ? Number(r.num) : 0,
      den: r?.den == null ? null : Number(r.den),
      target: scored?.target ?? d.target ?? null,
      weight: scored?.weight ?? null,
      points: r?.points ?? null,
      // a 党支部's own row keeps whether it met the item (for the sums above); it shows its points
      met: isUnit ? null : (r?.met ?? null),
    };
  });
  // scored items first, in the scheme's order; then the information ones
  const order = [...items.keys()];
  list.sort((a, b) => rankOf(order, a.key) - rankOf(order, b.key));
  return {
    month,
    org: ranked.org,
    unit: unit[0]?.unit ?? false,
    items: list,
    adjustments: adjustments.map((a) => ({
      id: String(a.id),
      points: a.points,
      reason: a.reason,
      by: a.by,
      at: new Date(a.at).toISOString(),
    })),
  };
}

const rankOf = (order: string[], key: string) => {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
};
