import { type SQL, sql } from 'drizzle-orm';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../platform/module.ts';

/**
 * 任期: 中共中央办公厅《关于党的基层组织任期的意见》(2018): a basic-level committee (党的基层委员会)
 * serves five years; a general branch or branch committee three, or five in a village or a
 * community (其中，村和社区党的委员会、总支部委员会、支部委员会每届任期为5年). The org's place tells
 * a village (…村) or community (…社区) apart. Terms in years, in SQL, of the org `o`.
 */
const TERM_YEARS = sql`(case when o.kind in ('general_branch', 'branch') and coalesce(o.place, '') !~ '(村|社区)$'
                            then 3 else 5 end)`;

/**
 * The orgs whose term ends in the month, by the elections this platform holds: an org's last
 * 换届选举 (kind 'election', closed) before the month began closed a term ago, so its term ends in
 * this month; each with the election of the month that renewed it, if one closed by the month's
 * end. An org whose last election was held elsewhere (before the platform) is not known to be due:
 * absent. The regulations let the superior approve a delay or an early election of up to a year
 * (《意见》二), which the platform does not record: an approved delay shows here as not on time.
 * Only closed elections and their closing times are read, so a closed month stands.
 */
function dueSql(m: IndicatorMonth, orgIds?: readonly number[]): SQL {
  // by org id: elections.org_path is not rewritten when an org moves (no trigger, unlike offline_studies')
  const asked = orgIds ? sql`e.org_id = any(${sql.param([...orgIds])}::int8[])` : sql`true`;
  return sql`
    with last as (
      select e.org_id, max(e.closed_at) as closed_at
        from elections e
       where e.kind = 'election' and e.state = 'closed' and e.closed_at < ${m.from} and ${asked}
       group by e.org_id),
    held as (
      select distinct on (e.org_id) e.org_id, e.id, e.title, e.closed_at
        from elections e
       where e.kind = 'election' and e.state = 'closed' and e.closed_at >= ${m.from} and e.closed_at < ${m.to} and ${asked}
       order by e.org_id, e.closed_at desc, e.id desc)
    select o.id as org_id, l.closed_at as last_at, ${TERM_YEARS} as years, h.id as held_id, h.title, h.closed_at as held_at
      from last l
      join orgs o on o.id = l.org_id
      left join held h on h.org_id = o.id
     where l.closed_at + make_interval(years => ${TERM_YEARS}) >= ${m.from}
       and l.closed_at + make_interval(years => ${TERM_YEARS}) < ${m.to}`;
}

const dayOf = (d: Date | string) =>
  new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 按期换届率: of the orgs whose term ended in the month, those that held their election by its end. */
const onTime: IndicatorDef = {
  key: 'elections.on_time',
  label: { zh: '按期换届率', en: 'Elections held when the term ended' },
  unit: { zh: '个党组织', en: 'organizations' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; held: boolean }>(sql`
      select org_id, held_id is not null as held from (${dueSql(m, orgIds)}) d`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.held ? 1 : 0, den: 1 }));
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      last_at: Date;
      years: number;
      held_id: number | null;
      title: string | null;
      held_at: Date | null;
    }>(sql`select * from (${dueSql(m, [orgId])}) d limit ${limit}`);
    return rows.map(
      (r): IndicatorRecord =>
        r.held_id
          ? {
              title: r.title ?? '换届选举',
              at: new Date(r.held_at as Date).toISOString(),
              counted: true,
              note: `按期换届（上届 ${dayOf(r.last_at)} 选举，任期 ${r.years} 年）`,
              href: `/elections/${r.held_id}`,
            }
          : {
              title: `换届选举（任期 ${r.years} 年，本月届满）`,
              at: null,
              counted: false,
              note: `届满未换届：上届于 ${dayOf(r.last_at)} 选举产生；经上级批准延期的，以批复为准`,
              href: '/elections',
            },
    );
  },
};

/** 换届选举完成次数: the org's elections (换届选举, not appraisals or recommendations) closed in the month. */
const held: IndicatorDef = {
  key: 'elections.held',
  label: { zh: '换届选举完成次数', en: 'Elections held' },
  unit: { zh: '次', en: 'elections' },
  measure: 'count',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number }>(sql`
      select e.org_id, count(*)::int as num
        from elections e
       where e.kind = 'election' and e.state = 'closed' and e.closed_at >= ${m.from} and e.closed_at < ${m.to}
         ${orgIds ? sql`and e.org_id = any(${sql.param([...orgIds])}::int8[])` : sql``}
       group by e.org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num }));
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{ id: number; title: string; round: number; closed_at: Date }>(sql`
      select e.id, e.title, e.round, e.closed_at from elections e
       where e.org_id = ${orgId} and e.kind = 'election' and e.state = 'closed'
         and e.closed_at >= ${m.from} and e.closed_at < ${m.to}
       order by e.closed_at desc, e.id desc limit ${limit}`);
    return rows.map(
      (r): IndicatorRecord => ({
        title: r.title,
        at: new Date(r.closed_at).toISOString(),
        counted: true,
        note: r.round > 1 ? `第 ${r.round} 轮投票结束` : '投票结束',
        href: `/elections/${r.id}`,
      }),
    );
  },
};

/** 考核指标 of 换届选举 (issue 18): orgs that renewed their committee when its term ended, and elections held. */
export const electionsIndicators: IndicatorDef[] = [onTime, held];
