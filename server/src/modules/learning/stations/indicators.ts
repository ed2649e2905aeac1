import { type SQL, sql } from 'drizzle-orm';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../../platform/module.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { monthState } from './rules.ts';
import { stationSettings } from './settings.ts';

/**
 * Each station of the month with the minutes it played, as the month view (monthly.ts) counts
 * them: its sessions started in the month, withdrawn ones not counted. The stations are those set
 * up before the month ended that are in use, or that played in the month though stopped since
 * (stations keep no date of stopping: one stopped with nothing played drops out, as it does from
 * the month view). A month stays open to late entries and withdrawals until the end of the next
 * (rules.ts startedAtProblem, withdrawProblem): its figure is settled from then on. Each station's
 * sessions are one range of station_sessions_station_idx.
 */
function stationMonthSql(m: IndicatorMonth, where: SQL): SQL {
  return sql`
    select s.id, s.name, s.org_id, x.minutes, x.sessions, x.last_at
      from stations s
      cross join lateral (
        select coalesce(sum(ss.minutes), 0)::int as minutes, count(*)::int as sessions, max(ss.started_at) as last_at
          from station_sessions ss
         where ss.station_id = s.id and ss.started_at >= ${m.from} and ss.started_at < ${m.to}
           and ss.withdrawn_at is null) x
     where s.created_at < ${m.to} and (s.active or x.minutes > 0) and ${where}`;
}

/**
 * 远教站点达标率: the org's stations that played at least the monthly rule (240 minutes by default,
 * the department's setting the month view and its bulletin use) out of its stations. Given to the
 * org the station serves (stations.org_id).
 */
export const stationMinutes: IndicatorDef = {
  key: 'learning.station_minutes',
  label: { zh: '远教站点月度学习时长达标率', en: 'Stations meeting the monthly minutes' },
  unit: { zh: '个站点', en: 'stations' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const { monthlyMinutes } = await getSetting(db, stationSettings);
    const where = orgIds ? sql`s.org_id = any(${sql.param([...orgIds])}::int8[])` : sql`true`;
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select org_id, count(*) filter (where minutes >= ${monthlyMinutes}::int)::int as num, count(*)::int as den
        from (${stationMonthSql(m, where)}) x
       group by org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // every station of the org with its minutes; those that played nothing say 零分钟, as the bulletin names them
  records: async (db, orgId, m, limit) => {
    const { monthlyMinutes } = await getSetting(db, stationSettings);
    const { rows } = await db.execute<{
      id: number;
      name: string;
      minutes: number;
      sessions: number;
      last_at: Date | null;
    }>(sql`
      select * from (${stationMonthSql(m, sql`s.org_id = ${orgId}`)}) x
       order by x.last_at desc nulls last, x.name limit ${limit}`);
    return rows.map((r): IndicatorRecord => {
      const state = monthState(r.minutes, monthlyMinutes);
      return {
        title: r.name,
        at: r.last_at ? new Date(r.last_at).toISOString() : null,
        counted: state === 'met',
        note:
          state === 'zero'
            ? `零分钟：本月未组织集中学习（要求 ${monthlyMinutes} 分钟）`
            : state === 'short'
              ? `不达标：本月 ${r.sessions} 次集中学习共 ${r.minutes} 分钟，少于 ${monthlyMinutes} 分钟`
              : `达标：本月 ${r.sessions} 次集中学习共 ${r.minutes} 分钟`,
        href: `/stations?tab=monthly&orgId=${orgId}`,
      };
    });
  },
};
