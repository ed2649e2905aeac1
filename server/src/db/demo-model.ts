import { sql } from 'drizzle-orm';
import type { Queryable } from './client.ts';

/** How many 党支部 of each demo town keep every target. */
const PER_TOWN = 3;

/**
 * The demo's model 党支部 (先进党支部): the first three of each demo town, by path, after the demo
 * village branch (whose data the tests and the walkthrough read as it is). Every seed makes them
 * keep what the department's default scheme asks — records complete with photos and dues, meetings
 * held and photographed, the page and album kept, reports handed in — so last month's bulletin has
 * 党支部 that met every target to name, next to the many that missed something. The same query in
 * every seed, so the modules agree without knowing each other.
 */
export async function demoModelBranches(db: Queryable, demo: Record<string, number>): Promise<number[]> {
  const towns = [demo.town1, demo.town2].filter((t): t is number => !!t);
  if (!towns.length) return [];
  const { rows } = await db.execute<{ id: string }>(sql`
    select b.id from unnest(${`{${towns.join(',')}}`}::int8[]) t(id)
      join orgs town on town.id = t.id
      cross join lateral (
        select o.id from orgs o
         where o.kind = 'branch' and o.path like town.path || '%' and o.id <> ${demo.villageBranch ?? 0}
         order by o.path limit ${PER_TOWN}) b`);
  return rows.map((r) => Number(r.id));
}
