import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.ts';
import type { IndicatorMonth } from '../../server/src/platform/module.ts';
import { call } from '../lib.ts';

type Admin = { cookie: string; csrf: string };

/**
 * `changedOrgs` branches change their month, as the app would write it: a branch records the minutes of a meeting it had planned (activity.minutes_recorded: the activity becomes
 * held, its members signed in), or, for a branch with nothing planned, records a meeting held late
 * in the month with its members — each with its audit_log row naming the org (the incremental run
 * finds the changed orgs from those rows, compute-month.ts). Each its own transaction.
 */
export async function changeOrgs(db: Db, m: IndicatorMonth, changedOrgs: number) {
  const { rows: planned } = await db.execute<{ id: string; org_id: string; org_path: string }>(sql`
    select distinct on (a.org_id) a.id, a.org_id, a.org_path from activities a
     where a.status = 'planned' and a.starts_at >= ${m.from} and a.starts_at < ${m.to}
     order by a.org_id, abs(hashint8(a.id)), a.id
     limit ${changedOrgs}`);
  const now = new Date();
  for (const a of planned) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`update activities set status = 'held', minutes = '补录会议记录：传达学习文件。', updated_at = ${now}
                            where id = ${a.id}`);
      await tx.execute(sql`update activity_attendees set signed_in_at = a.starts_at + interval '3 minutes', method = 'roll_call'
                             from activities a where a.id = activity_id and activity_id = ${a.id}
                              and abs(hashint8(member_id)) % 10 < 8`);
      await tx.execute(sql`
        insert into audit_log (at, actor_name, action, target_type, target_id, org_id, org_path, before, after)
        values (${now}, 'bench', 'activity.minutes_recorded', 'activity', ${String(a.id)}, ${a.org_id}, ${a.org_path},
                '{"status":"planned"}'::jsonb, '{"status":"held"}'::jsonb)`);
    });
  }
  let added = 0;
  if (planned.length < changedOrgs) {
    const { rows: more } = await db.execute<{ id: string; path: string }>(sql`
      select o.id, o.path from orgs o
       where o.kind = 'branch' and o.id <> all(${sql.param(planned.map((p) => Number(p.org_id)))}::int8[])
         and exists (select 1 from members m where m.org_id = o.id)
       order by abs(hashint8(o.id * 3)), o.id limit ${changedOrgs - planned.length}`);
    const startsAt = new Date(m.to.getTime() - 3 * 86_400_000);
    for (const o of more) {
      await db.transaction(async (tx) => {
        const {
          rows: [act],
        } = await tx.execute<{ id: string }>(sql`
          insert into activities (org_id, org_path, kind, topic, place, starts_at, ends_at, status, sign_in_open, secret,
                                  host, recorder, minutes, created_at, updated_at)
          values (${o.id}, ${o.path}, 'party_day', '主题党日（补录）', '党员活动室', ${startsAt},
                  ${new Date(startsAt.getTime() + 7_200_000)}, 'held', false, md5(random()::text), '支部书记', '组织委员',
                  '补录会议记录。', ${now}, ${now})
          returning id`);
        await tx.execute(sql`
          insert into activity_attendees (activity_id, member_id, name, expected, signed_in_at, method)
          select ${act.id}, m.id, m.name, true, ${startsAt}, 'roll_call'
            from members m where m.org_id = ${o.id} and m.left_at is null order by m.id limit 60`);
        await tx.execute(sql`
          insert into audit_log (at, actor_name, action, target_type, target_id, org_id, org_path, after)
          values (${now}, 'bench', 'activity.planned', 'activity', ${String(act.id)}, ${o.id}, ${o.path},
                  '{"status":"held"}'::jsonb)`);
      });
      added++;
    }
  }
  return { minutesRecorded: planned.length, activitiesAdded: added };
}

/**
 * 1% of the orgs (250 of a city's 25,000) changed (changeOrgs), then the month recomputed
 * incrementally through the API (POST …/compute {full:false}), timed from request to answer.
 */
export async function incremental(db: Db, base: string, admin: Admin, m: IndicatorMonth, orgCount: number) {
  const changed = await changeOrgs(db, m, Math.max(1, Math.round(orgCount / 100)));
  const t = performance.now();
  const state = await call<{ lastRun: { mode: string; orgs: number; ms: number } | null }>(
    base,
    admin.cookie,
    `/api/v1/assessment/months/${m.month}/compute`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ full: false }),
    },
  );
  const incrementalSeconds = Math.round(performance.now() - t) / 1000;
  return {
    incrementalSeconds,
    incrementalChangedOrgs: changed.minutesRecorded + changed.activitiesAdded,
    incrementalMinutesRecorded: changed.minutesRecorded,
    incrementalActivitiesAdded: changed.activitiesAdded,
    incrementalLastRun: state.lastRun,
  };
}
