import { type SQL, sql } from 'drizzle-orm';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import type { JobDef } from '../../../platform/module.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { studyPeopleSql } from '../../members/index.ts';
import { HISTORY, MIN_CO_FINISHERS, NEIGHBOURS } from './rules.ts';

/** Popular courses kept per org (its own members) and for everyone (org 0). */
export const POPULAR_PER_ORG = 30;
export const POPULAR_EVERYWHERE = 200;

/** Every member's finished courses (course_progress, finished_at set): what the job learns from. */
export const FINISHED = sql`select member_id, course_id, finished_at from course_progress where finished_at is not null`;

/**
 * Recomputes the course neighbours and the popular lists from `finished` (a select of member_id,
 * course_id, finished_at; the benchmark passes the data with each member's last course held out),
 * set-based, replacing both tables in one transaction (a member never sees them half-written).
 *
 * The choices that keep a city (680,000 members, 18,000 courses, millions of finished rows) to
 * minutes: a member's history is their most recent HISTORY (50) finished courses, so no member
 * adds more than 50·49 pairs; a pair finished together by one member only is dropped
 * (MIN_CO_FINISHERS); only the top NEIGHBOURS (30) of each course are kept, which is all a
 * member's top ten ever reads. Popularity counts the members held to the study requirement
 * (members module's studyPeopleSql), by their own org; a subtree's figure is summed from its
 * orgs' lists when asked (recommend/recommend.ts), an approximation that only misses courses
 * popular nowhere in particular.
 */
export async function refreshRecommendations(
  db: Queryable,
  finished: SQL = FINISHED,
): Promise<{ neighbours: number; popular: number }> {
  return inTransaction(db, (tx) => refresh(tx, finished));
}

async function refresh(db: Queryable, finished: SQL) {
  const [root] = await db
    .select({ path: orgs.path })
    .from(orgs)
    .where(sql`${orgs.parentId} is null`)
    .limit(1);
  await db.execute(sql`drop table if exists recommend_history`);
  await db.execute(sql`
    create temp table recommend_history on commit drop as
    select member_id, course_id from (
      select f.member_id, f.course_id,
             row_number() over (partition by f.member_id order by f.finished_at desc, f.course_id desc) as rn
        from (${finished}) f) x
     where rn <= ${HISTORY}::int`);
  await db.execute(sql`analyze recommend_history`);
  await db.execute(sql`delete from course_neighbours`);
  const { rows: n } = await db.execute<{ n: number }>(sql`
    with finishers as (select course_id, count(*)::float8 as n from recommend_history group by course_id),
    pairs as (
      select a.course_id as a, b.course_id as b, count(*)::int as co
        from recommend_history a join recommend_history b on b.member_id = a.member_id and b.course_id <> a.course_id
       group by a.course_id, b.course_id
      having count(*) >= ${MIN_CO_FINISHERS}::int),
    ranked as (
      select p.a, p.b, p.co, p.co / sqrt(fa.n * fb.n) as similarity,
             row_number() over (partition by p.a order by p.co / sqrt(fa.n * fb.n) desc, p.b) as rn
        from pairs p join finishers fa on fa.course_id = p.a join finishers fb on fb.course_id = p.b),
    ins as (
      insert into course_neighbours (course_id, neighbour_id, similarity, co_finishers)
      select a, b, similarity, co from ranked where rn <= ${NEIGHBOURS}::int
      returning 1)
    select count(*)::int as n from ins`);
  await db.execute(sql`delete from course_popular`);
  let popular = 0;
  if (root) {
    const { rows } = await db.execute<{ n: number }>(sql`
      with people as (${studyPeopleSql([root.path])}),
      counted as (
        select p.org_id, min(p.org_path) as org_path, h.course_id, count(*)::int as finishers
          from recommend_history h join people p on p.member_id = h.member_id
         group by p.org_id, h.course_id),
      ranked as (
        select *, row_number() over (partition by org_id order by finishers desc, course_id) as rn from counted),
      everywhere as (
        select course_id, sum(finishers)::int as finishers from counted group by course_id
         order by sum(finishers) desc, course_id limit ${POPULAR_EVERYWHERE}::int),
      ins as (
        insert into course_popular (org_id, org_path, course_id, finishers)
        select org_id, org_path, course_id, finishers from ranked where rn <= ${POPULAR_PER_ORG}::int
        union all
        select 0, '', course_id, finishers from everywhere
        returning 1)
      select count(*)::int as n from ins`);
    popular = rows[0].n;
  }
  await db.execute(sql`drop table recommend_history`);
  return { neighbours: n[0].n, popular };
}

/** Nightly, on one of the app processes: a day's finished courses change the lists little. */
export const recommendRefreshJob: JobDef = {
  name: 'learning-recommend-refresh',
  cron: '30 2 * * *',
  run: async ({ db }) => refreshRecommendations(db),
};
