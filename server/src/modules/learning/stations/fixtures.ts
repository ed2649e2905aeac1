import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';

/** Factories for stations in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/** A station of `orgId` with `staff` as its operators. */
export async function makeStation(env: TestEnv, orgId: number, staff: number[] = []) {
  seq += 1;
  const [s] = await query<{ id: string }>(
    env,
    `insert into stations (org_id, org_path, name, address)
     select id, path, $2, '村委会二楼党员活动室' from orgs where id = $1 returning id`,
    [orgId, `测试远教站点${process.pid}-${seq}`],
  );
  for (const u of staff)
    await query(env, `insert into station_staff (station_id, user_id, kind) values ($1, $2, 'operator')`, [
      s.id,
      u,
    ]);
  return Number(s.id);
}

/** A session of the station with one member of `orgId` attending, started `minutesAgo` ago. */
export async function makeSession(
  env: TestEnv,
  stationId: number,
  orgId: number,
  minutes = 60,
  minutesAgo = 120,
) {
  const m = await makeMember(env, orgId);
  const [r] = await query<{ id: string }>(
    env,
    `insert into station_sessions (station_id, title, started_at, minutes, attendee_count)
     values ($1, '新时代党员的初心使命', now() - make_interval(mins => $2), $3, 1) returning id`,
    [stationId, minutesAgo, minutes],
  );
  await query(
    env,
    `insert into station_session_attendees (session_id, member_id, name) select $1, id, name from members where id = $2`,
    [r.id, m.id],
  );
  return { id: Number(r.id), memberId: m.id };
}
