import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import type { JobDef } from '../../../platform/module.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { studyPeopleSql } from '../../members/index.ts';
import { LEADER_POSITIONS, requiredSeconds } from './rules.ts';
import { requirementSettings } from './settings.ts';

/**
 * rules.ts proratedSeconds in SQL: a member who joined the Party in the year owes its months left,
 * the joining month included; rollup.test.ts holds the two together.
 */
export function proratedSql(full: SQL, joinedOn: SQL, year: number): SQL {
  return sql`(case when ${joinedOn} is null or extract(year from ${joinedOn})::int < ${year}::int then ${full}
        when extract(year from ${joinedOn})::int > ${year}::int then 0::int8
        else round(${full} * (13 - extract(month from ${joinedOn})::int) / 12.0)::int8 end)`;
}

/**
 * The requirement's figures per org and year, counted again from the kept year totals and the
 * members held to the requirement (members module): for each org, its own members, those of them
 * meeting their figure, the sum of their progress (each capped at 1) and of their seconds. One
 * statement for the whole tree (a city's 680,000 members, a few seconds); an org subtree's summary
 * then sums one index range of orgs. Recounting rather than adding beat by beat keeps the figures
 * right when members move, take up a position, or the department changes the figures.
 */
export async function countOrgYears(db: Queryable, year: number, now: Date): Promise<{ orgs: number }> {
  const s = await getSetting(db, requirementSettings);
  const [root] = await db
    .select({ path: orgs.path })
    .from(orgs)
    .where(sql`${orgs.parentId} is null`)
    .limit(1);
  if (!root) return { orgs: 0 };
  const { rows } = await db.execute<{ n: number }>(sql`
    with people as (${studyPeopleSql([root.path])}),
    each as (
      select p.org_id, p.org_path, x.leader,
             coalesce(y.online_seconds + y.offline_seconds + y.station_seconds, 0)::int8 as seconds,
             ${proratedSql(sql`case when x.leader then ${requiredSeconds('leader', s)}::int8 else ${requiredSeconds('member', s)}::int8 end`, sql`p.joined_on`, year)} as required
        from people p
        cross join lateral (select p.positions && ${sql.param([...LEADER_POSITIONS])}::text[] as leader) x
        left join study_years y on y.member_id = p.member_id and y.year = ${year}::int2),
    counted as (
      insert into study_org_years as r (year, org_id, org_path, members, leaders, met, progress_sum, seconds, computed_at)
      select ${year}::int2, org_id, min(org_path), count(*)::int, count(*) filter (where leader)::int,
             count(*) filter (where seconds >= required)::int,
             sum(least(1.0, seconds::float8 / greatest(required, 1))), sum(seconds), ${now.toISOString()}::timestamptz
        from each group by org_id
      on conflict (year, org_id) do update
         set org_path = excluded.org_path, members = excluded.members, leaders = excluded.leaders, met = excluded.met,
             progress_sum = excluded.progress_sum, seconds = excluded.seconds, computed_at = excluded.computed_at
      returning 1),
    gone as (
      -- orgs whose last member left, moved away or stopped being held to it since the last count
      delete from study_org_years r where r.year = ${year}::int2 and r.computed_at < ${now.toISOString()}::timestamptz
        and not exists (select 1 from each e where e.org_id = r.org_id))
    select count(*)::int as n from counted`);
  return { orgs: rows[0].n };
}

/**
 * The years a count covers now: this year, and last year until the end of March (offline study of
 * December is approved in January, a station's December minutes entered late).
 */
export function yearsToCount(now: Date): number[] {
  const today = shanghaiToday(now);
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) <= '03' ? [year - 1, year] : [year];
}

/** Every ten minutes, on one of the app processes: a page's figures are at most ten minutes old. */
export const studyRollupJob: JobDef = {
  name: 'learning-study-rollup',
  cron: '*/10 * * * *',
  run: async ({ db, now }) => {
    const at = now();
    const counted: Record<number, number> = {};
    for (const year of yearsToCount(at)) counted[year] = (await countOrgYears(db, year, at)).orgs;
    return counted;
  },
};
