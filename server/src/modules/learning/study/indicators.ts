import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../../platform/module.ts';
import { addMonthsToMonth } from '../../../platform/time.ts';
import { noticePeople, studyPeopleSql } from '../../members/index.ts';

/** The days of the month (YYYY-MM-DD, Beijing): study_credits.day is the day studied. */
const daysOf = (m: IndicatorMonth) => ({
  first: `${m.month}-01`,
  next: `${addMonthsToMonth(m.month, 1)}-01`,
});

/** The subtrees the members are read from: the whole tree, or the orgs asked for (then kept to their own). */
async function pathsOf(db: Queryable, orgIds?: readonly number[]): Promise<string[]> {
  const { rows } = await db.execute<{ path: string }>(
    orgIds
      ? sql`select path from orgs where id = any(${sql.param([...orgIds])}::int8[])`
      : sql`select path from orgs where parent_id is null`,
  );
  return rows.map((r) => r.path);
}

/**
 * 在线学习时长: the minutes of online study credited to the org's members on the days of the
 * month (the heartbeats' credit, one row per member, course and day), given to each member's org
 * now, for the members held to the study requirement (members' studyPeopleSql). Information only
 * (basis 'activity'): the 2024 rules against formalism and the 2026 rules for government apps
 * forbid scoring time spent in an app. A past day's credit no longer changes, so a closed month
 * stands, save for members who since moved or left.
 *
 * study_credits' only index is its key (member, course, day): a member's month is read within
 * their own key range, but a whole city month reads every member's rows of every month. An index
 * on (day, member_id) INCLUDE (seconds) would make a month one range (see the report).
 */
export const studyMinutes: IndicatorDef = {
  key: 'learning.study_minutes',
  label: { zh: '党员在线学习时长', en: 'Online study time of members' },
  unit: { zh: '分钟', en: 'minutes' },
  measure: 'count',
  basis: 'activity',
  compute: async (db, m, orgIds) => {
    const paths = await pathsOf(db, orgIds);
    if (!paths.length) return [];
    const { first, next } = daysOf(m);
    const { rows } = await db.execute<{ org_id: number; seconds: string }>(sql`
      select p.org_id, sum(c.seconds)::int8 as seconds
        from (${studyPeopleSql(paths)}) p
        join study_credits c on c.member_id = p.member_id and c.day >= ${first}::date and c.day < ${next}::date
       ${orgIds ? sql`where p.org_id = any(${sql.param([...orgIds])}::int8[])` : sql``}
       group by p.org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: Math.round(Number(r.seconds) / 60) }));
  },
  // the org's members who studied online in the month, with their minutes; nobody is listed for not studying
  records: async (db, orgId, m, limit) => {
    const paths = await pathsOf(db, [orgId]);
    if (!paths.length) return [];
    const { first, next } = daysOf(m);
    const { rows } = await db.execute<{ member_id: number; seconds: string; last_day: string }>(sql`
      select p.member_id, sum(c.seconds)::int8 as seconds, max(c.day)::text as last_day
        from (${studyPeopleSql(paths)}) p
        join study_credits c on c.member_id = p.member_id and c.day >= ${first}::date and c.day < ${next}::date
       where p.org_id = ${orgId}
       group by p.member_id
       order by max(c.day) desc, sum(c.seconds) desc, p.member_id limit ${limit}`);
    const people = await noticePeople.describe(
      db,
      rows.map((r) => Number(r.member_id)),
    );
    return rows.map(
      (r): IndicatorRecord => ({
        title: people.get(Number(r.member_id))?.name ?? `党员 ${r.member_id}`,
        at: new Date(`${r.last_day}T00:00:00+08:00`).toISOString(),
        counted: true,
        note: `本月在线学习 ${Math.round(Number(r.seconds) / 60)} 分钟（仅供参考，不计分）`,
        href: `/study?orgId=${orgId}`,
      }),
    );
  },
};
