import { sql } from 'drizzle-orm';
import type { Trend } from '../../../../../contracts/assessment/scores.ts';
import type { Ctx } from '../../../platform/context.ts';
import { addMonthsToMonth } from '../../../platform/time.ts';
import { scopeOrg } from './rankings.ts';

/**
 * 得分趋势: the org (the top of the caller's scope when none is asked for) and its children, 党小组
 * aside, each with its score in each of the `months` months ending with `month`, oldest first.
 * Null where the month was never computed, or the org had no score in it (no 党支部 below).
 * Children come in the order of the last month's ranking, like the rankings.
 */
export async function trend(
  ctx: Ctx,
  month: string,
  orgId: string | undefined,
  months: number,
): Promise<Trend> {
  const org = await scopeOrg(ctx, 'assessment.view', orgId);
  const list = Array.from({ length: months }, (_, i) => addMonthsToMonth(month, i - months + 1));
  const { rows: children } = await ctx.db.execute<{ id: string; name: string; kind: string }>(sql`
    select o.id, o.name, o.kind
      from orgs o
      left join assessment_scores s on s.month = ${month} and s.org_id = o.id
     where o.parent_id = ${org.id} and o.kind <> 'group'
     order by s.rank nulls last, o.sort_order, o.id`);
  const ids = [org.id, ...children.map((c) => Number(c.id))];
  const { rows } = await ctx.db.execute<{ org_id: string; month: string; score: number | null }>(sql`
    select org_id, month, score from assessment_scores
     where month = any(${sql.param(list)}::text[]) and org_id = any(${sql.param(ids)}::int8[])`);
  const score = new Map(rows.map((r) => [`${r.org_id}:${r.month}`, r.score]));
  const scores = (id: number | string) => list.map((m) => score.get(`${id}:${m}`) ?? null);
  return {
    months: list,
    org: { orgId: String(org.id), name: org.name, kind: org.kind, scores: scores(org.id) },
    children: children.map((c) => ({
      orgId: String(c.id),
      name: c.name,
      kind: c.kind,
      scores: scores(c.id),
    })),
  };
}
