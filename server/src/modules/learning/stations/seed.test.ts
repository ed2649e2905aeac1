import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type TestEnv, testEnv } from '../../../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const one = async <T extends object>(sql: string, params: unknown[] = []) =>
  (await query<T & object>(env, sql, params))[0];

describe('the demo seed of offline study and stations', () => {
  it('a station for every village org under a town, and the demo station manager keeps the demo village’s', async () => {
    const { villages, stations } = await one<{ villages: number; stations: number }>(`
      select (select count(*)::int from orgs o join orgs p on p.id = o.parent_id
               where o.kind in ('branch', 'general_branch') and p.name like '%镇委员会' and o.name like '%村%') as villages,
             (select count(*)::int from stations s join orgs o on o.id = s.org_id where o.name like '%村%') as stations`);
    expect(villages).toBeGreaterThan(100);
    expect(stations).toBe(villages);
    const staff = await query<{ name: string }>(
      env,
      `select s.name from station_staff f join users u on u.id = f.user_id join stations s on s.id = f.station_id
        where u.username = 'station'`,
    );
    expect(staff.map((s) => s.name)).toEqual(['青岗村远程教育站点']);
  });

  it('sessions this year whose minutes were credited to each attendee; some stations played nothing this month', async () => {
    const { sessions, credited, attended } = await one<{
      sessions: number;
      credited: string;
      attended: string;
    }>(`
      select (select count(*)::int from station_sessions) as sessions,
             (select coalesce(sum(station_seconds), 0) from study_years) as credited,
             (select coalesce(sum(s.minutes * 60), 0) from station_session_attendees a
                join station_sessions s on s.id = a.session_id) as attended`);
    expect(sessions).toBeGreaterThan(100);
    expect(Number(credited)).toBe(Number(attended));
    const { zero } = await one<{ zero: number }>(`
      with m as (select date_trunc('month', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as start)
      select count(*) filter (where not exists (select 1 from station_sessions ss, m
                                                 where ss.station_id = s.id and ss.started_at >= m.start))::int as zero
        from stations s where s.org_path like (select path from orgs where name = '中共青山区清河镇委员会') || '%'`);
    expect(zero).toBeGreaterThan(0);
  });

  it('offline study in every state in the demo secretary’s branch; only the approved ones credited', async () => {
    const states = await query<{ state: string }>(
      env,
      `select distinct s.state from offline_studies s
        join role_grants g on g.org_id = s.org_id join users u on u.id = g.user_id
       where u.username = 'secretary' order by 1`,
    );
    expect(states.map((s) => s.state)).toEqual(['approved', 'draft', 'returned', 'submitted']);
    const { credited, approved } = await one<{ credited: string; approved: string }>(`
      select (select coalesce(sum(offline_seconds), 0) from study_years) as credited,
             (select coalesce(sum(s.minutes * 60), 0) from offline_study_attendees a
                join offline_studies s on s.id = a.study_id where s.state = 'approved') as approved`);
    expect(Number(credited)).toBe(Number(approved));
    const returned = await query<{ reason: string }>(
      env,
      "select return_reason as reason from offline_studies where state = 'returned'",
    );
    expect(returned.every((r) => r.reason.length > 0)).toBe(true);
  });
});
