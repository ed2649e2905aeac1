import { sql } from 'drizzle-orm';
import { nextIds } from '../../../db/client.ts';
import { demoRandom as rng } from '../../../db/demo-random.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { type ActivityPerson, activityPeople } from '../../members/index.ts';
import { creditStudyInBulk } from '../study/credit-study.ts';
import { stationSettings } from './settings.ts';

/** What a station plays when not a course of the library: the national remote-education programmes. */
const TITLES = [
  '党员教育电视片《初心》',
  '农村实用技术：果树冬季修剪',
  '“三农”政策解读：土地承包延包',
  '先锋模范事迹展播',
  '乡村振兴大讲堂',
  '法治宣传：民法典进农村',
  '防范电信网络诈骗专题片',
  '农村人居环境整治经验交流',
];
/** Members a session of the seed names at most (a village's room seats twenty or thirty). */
const MAX_ATTENDEES = { district: 25, city: 8 };
/** Months of sessions: the year so far at district scale, the last three at city scale. */
const MONTHS_BACK = { district: 11, city: 2 };

/**
 * A station for every village (and community) org — set-based, one statement at any scale — with
 * the demo station manager as the manager of the demo village's station; then sessions for the
 * stations of the demo district (a city's other districts have stations and no sessions): most
 * stations play enough each month, some too little, and some nothing this month (the monthly view
 * flags them). Each attendee is credited, set-based, as the session would have (creditStudyInBulk).
 */
export async function seedStations(ctx: SeedContext) {
  const db = ctx.db;
  const { rows: made } = await db.execute<{ n: number }>(sql`
    with made as (
      insert into stations (org_id, org_path, name, address, created_at, updated_at)
      select o.id, o.path,
             regexp_replace(coalesce(o.short_name, o.name), '(党总支|党支部|党委)$', '') || '远程教育站点',
             coalesce(o.place, '') || case when o.name like '%社区%' then '党群服务中心' else '村委会党员活动室' end,
             now() - interval '400 days', now() - interval '400 days'
        from orgs o join orgs p on p.id = o.parent_id
       where (o.kind in ('branch', 'general_branch') and p.name like '%镇委员会' and o.name like '%村%')
          or (o.kind = 'committee' and p.kind = 'working_committee' and o.name like '%社区党委')
      returning 1)
    select count(*)::int as n from made`);
  const village = ctx.demo.villageBranch;
  if (village)
    await db.execute(sql`
      insert into station_staff (station_id, user_id, kind)
      select s.id, g.user_id, 'manager'
        from stations s
        join orgs o on o.id = ${village} and o.path like s.org_path || '%'
        join role_grants g on g.role = 'station_manager' and s.org_path like (select path from orgs where id = g.org_id) || '%'
       order by length(s.org_path) desc
       limit 1`);

  const district = await demoDistrictPath(ctx);
  const { rows: stations } = await db.execute<{ id: number; org_path: string }>(
    sql`select id, org_path from stations where org_path like ${`${district}%`} order by org_path`,
  );
  const { rows: courses } = await db.execute<{ id: number; title: string; duration_seconds: number | null }>(
    sql`select id, title, duration_seconds from courses
         where status = 'published' and scope_path = (select path from orgs where parent_id is null limit 1)
           and kind in ('video', 'audio') order by id`,
  );
  const people = await activityPeople(db, { orgPath: district });
  const byStation = new Map<number, ActivityPerson[]>();
  for (const s of stations)
    byStation.set(
      Number(s.id),
      people.filter((p) => p.orgPath.startsWith(s.org_path)),
    );

  const r = rng(20261406);
  const now = new Date();
  const month = shanghaiMonth(now);
  const today = shanghaiToday(now);
  const { monthlyMinutes } = stationSettings.default;
  const sessions: Record<string, unknown>[] = [];
  const attendees: Record<string, unknown>[] = [];
  for (const s of stations) {
    const members = byStation.get(Number(s.id)) ?? [];
    if (!members.length) continue;
    // how a station keeps the rule: most play enough, some too little, a few (one in eight) stop
    const kind = r();
    const habit = kind < 0.12 ? 'stopped' : kind < 0.3 ? 'short' : 'met';
    // how many of the village come: a few of the elderly, or a good part of it
    const turnout = 0.1 + r() * 0.35;
    for (let back = MONTHS_BACK[ctx.scale]; back >= 0; back--) {
      const m = addMonthsToMonth(month, -back);
      if (m.slice(0, 4) !== month.slice(0, 4)) continue;
      // a stopped station played nothing this month (nor, often, the last)
      if (habit === 'stopped' && (back === 0 || r() < 0.5)) continue;
      const lastDay = m === month ? Number(today.slice(8, 10)) : 28;
      const target =
        habit === 'short' ? monthlyMinutes * (0.3 + r() * 0.5) : monthlyMinutes * (1 + r() * 0.4);
      // the month under way: only the part already gone
      const due = m === month ? target * Math.min(1, lastDay / 28) : target;
      let played = 0;
      while (played < due) {
        const day = 1 + Math.floor(r() * lastDay);
        const startedAt = new Date(
          `${m}-${String(day).padStart(2, '0')}T${19 + Math.floor(r() * 2)}:00:00+08:00`,
        );
        if (startedAt >= now) break;
        const course = courses.length && r() < 0.6 ? courses[Math.floor(r() * courses.length)] : null;
        const minutes = course?.duration_seconds
          ? Math.max(10, Math.min(120, Math.round(course.duration_seconds / 60)))
          : [45, 60, 60, 90, 120][Math.floor(r() * 5)];
        const came = members.filter(() => r() < turnout).slice(0, MAX_ATTENDEES[ctx.scale]);
        if (!came.length) came.push(members[0]);
        const i = sessions.length;
        sessions.push({
          i,
          station_id: s.id,
          course_id: course?.id ?? null,
          title: course?.title ?? TITLES[Math.floor(r() * TITLES.length)],
          started_at: startedAt.toISOString(),
          minutes,
          attendee_count: came.length,
        });
        for (const p of came) attendees.push({ i, member_id: p.memberId, name: p.name });
        played += minutes;
      }
    }
  }
  const ids = await nextIds(db, 'station_sessions', sessions.length);
  for (const x of sessions) x.id = ids[x.i as number];
  for (const a of attendees) a.session_id = ids[a.i as number];
  for (let i = 0; i < sessions.length; i += 5000)
    await db.execute(sql`
      insert into station_sessions (id, station_id, course_id, title, started_at, minutes, attendee_count, created_at)
      select id, station_id, course_id, title, started_at, minutes, attendee_count, started_at + interval '2 hours'
        from jsonb_to_recordset(${JSON.stringify(sessions.slice(i, i + 5000))}::jsonb)
          as x(id int8, station_id int8, course_id int8, title text, started_at timestamptz, minutes int, attendee_count int)`);
  for (let i = 0; i < attendees.length; i += 20_000)
    await db.execute(sql`
      insert into station_session_attendees (session_id, member_id, name)
      select session_id, member_id, name
        from jsonb_to_recordset(${JSON.stringify(attendees.slice(i, i + 20_000))}::jsonb)
          as x(session_id int8, member_id int8, name text)`);
  await creditStudyInBulk(
    db,
    sql`select a.member_id, 'station' as source, (s.started_at at time zone 'Asia/Shanghai')::date as day,
               s.minutes * 60 as seconds
          from station_session_attendees a join station_sessions s on s.id = a.session_id`,
  );
  ctx.log(`远程教育站点 ${made[0].n} 个，集中学习 ${sessions.length} 次，参学 ${attendees.length} 人次`);
}

/** The district the demo accounts work in: the root at district scale, town 1's district in a city. */
export async function demoDistrictPath(ctx: SeedContext): Promise<string> {
  const { rows } = await ctx.db.execute<{ path: string }>(sql`
    select coalesce(
      (select p.path from orgs t join orgs p on p.id = t.parent_id where t.id = ${ctx.demo.town1 ?? 0}),
      (select path from orgs where parent_id is null order by id limit 1)) as path`);
  return rows[0].path;
}
