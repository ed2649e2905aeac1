import { sql } from 'drizzle-orm';
import type { Scheme } from '../../../../../contracts/assessment/scheme.ts';
import type { HeatCell, Heatmap } from '../../../../../contracts/assessment/scores.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Registry } from '../registry.ts';
import { attainment } from '../scheme/rules.ts';
import { currentScheme } from '../scheme/store.ts';
import { scopeOrg } from './rankings.ts';

/**
 * 指标热力图: the org's children (党小组 aside) × the scored items of the month's scheme, each cell
 * how far the child reached the item, 0–1, from the kept rows of the month (assessment_items):
 * - a 党支部: its attainment of the item's target from its figures, exactly as it was scored
 *   (scheme/rules.ts `attainment`). Not points / weight: the points are scaled up when another
 *   item does not apply and carry extra points, so they can pass the weight;
 * - above: the share of the 党支部 below that met the target, counting only those the item
 *   applies to (a rate with nothing to divide by is neither met nor missed);
 * - null where the item does not apply (a 党支部's points are null; above, no 党支部 it applies
 *   to) and everywhere in a month never computed.
 */
export async function heatmap(ctx: Ctx, registry: Registry, month: string, orgId?: string): Promise<Heatmap> {
  const org = await scopeOrg(ctx, 'assessment.view', orgId);
  const { rows: state } = await ctx.db.execute<{ scheme: Scheme | null; computed_at: Date | null }>(
    sql`select scheme, computed_at from assessment_months where month = ${month}`,
  );
  // the scheme the month was scored with, else today's (a month not computed yet shows its columns empty)
  const scheme = state[0]?.scheme ?? (await currentScheme(ctx.db, registry));
  const { rows: lines } = await ctx.db.execute<{
    id: string;
    name: string;
    kind: string;
    score: number | null;
    unit: boolean | null;
  }>(sql`
    select o.id, o.name, o.kind, s.score, s.unit
      from orgs o
      left join assessment_scores s on s.month = ${month} and s.org_id = o.id
     where o.id = ${org.id} or (o.parent_id = ${org.id} and o.kind <> 'group')
     order by o.id = ${org.id} desc, s.rank nulls last, o.sort_order, o.id`);
  const [self, ...children] = lines;
  const ids = children.map((c) => Number(c.id));
  const { rows: items } = await ctx.db.execute<{
    org_id: string;
    key: string;
    num: string;
    den: string | null;
    points: number | null;
    met: number | null;
  }>(sql`
    select org_id, key, num, den, points, met from assessment_items
     where month = ${month} and org_id = any(${sql.param(ids)}::int8[])`);
  // above a 党支部: how many 党支部 below each child the item applies to (their points are not null)
  const { rows: applies } = await ctx.db.execute<{ child: string; key: string; n: number }>(sql`
    select c.id as child, i.key, count(*)::int as n
      from orgs c
      join orgs u on u.path like c.path || '%' and u.id <> c.id
      join assessment_scores s on s.month = ${month} and s.org_id = u.id and s.unit
      join assessment_items i on i.month = ${month} and i.org_id = u.id and i.points is not null
     where c.id = any(${sql.param(ids)}::int8[])
     group by c.id, i.key`);
  const item = new Map(items.map((r) => [`${r.org_id}:${r.key}`, r]));
  const of = new Map(applies.map((r) => [`${r.child}:${r.key}`, r.n]));

  const cell = (child: (typeof children)[number], s: Scheme['items'][number]): HeatCell => {
    const r = item.get(`${child.id}:${s.key}`);
    const num = r ? Number(r.num) : 0;
    const den = r?.den == null ? null : Number(r.den);
    if (child.unit) {
      const def = registry.byKey.get(s.key);
      const points = r?.points ?? null;
      const value = points == null || !def ? null : attainment(def, s.target, num, den);
      return { value, num, den, points, met: null, of: null };
    }
    const n = of.get(`${child.id}:${s.key}`) ?? 0;
    const met = r?.met ?? null;
    return { value: n > 0 && met != null ? met / n : null, num, den, points: null, met, of: n };
  };

  return {
    month,
    org: { orgId: String(self.id), name: self.name, kind: self.kind, score: self.score },
    columns: scheme.items.map((s) => {
      const def = registry.byKey.get(s.key);
      return {
        key: s.key,
        label: def?.label[ctx.lang] ?? s.key,
        measure: def?.measure ?? 'count',
        weight: s.weight,
        target: s.target,
      };
    }),
    rows: children.map((c) => ({
      orgId: String(c.id),
      name: c.name,
      kind: c.kind,
      score: c.score,
      unit: !!c.unit,
      cells: scheme.items.map((s) => cell(c, s)),
    })),
    computedAt: state[0]?.computed_at ? new Date(state[0].computed_at).toISOString() : null,
  };
}
