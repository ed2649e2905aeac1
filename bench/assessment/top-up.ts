import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.ts';
import type { IndicatorMonth } from '../../server/src/platform/module.ts';

/**
 * The issue's month of a city (about 1.5 million logins, 200,000 posts, 60,000 activities with
 * their attendance, 20 million study rows), made up in the tables the indicators read where the
 * city seed holds less: set-based statements (generate_series, INSERT … SELECT), only the shortfall,
 * so a second run on the same data dir adds nothing. Spread over the orgs as a city is: one branch
 * in ten records nothing at all in the month, the rest unevenly (a hash of the org, never random(),
 * so two runs on fresh dirs hold the same month).
 *
 * Rows are written as the app leaves them: a login is an audit_log `auth.login` entry with the
 * account as actor and its org (platform/auth/service.ts); a post is published with its org's path;
 * an activity is held (or planned, or cancelled) with its branch's members as attendees, most signed
 * in; a study row is a member's credit for a course on a day (study_credits' key). These rows are
 * written before the month is scored, so no incremental run mistakes them for changes.
 */

export const TARGETS = { logins: 1_500_000, posts: 200_000, activities: 60_000, studyRows: 20_000_000 };

export type Volumes = {
  logins: number;
  loginMembers: number;
  posts: number;
  activities: number;
  activitiesHeld: number;
  attendees: number;
  studyRows: number;
  orgs: number;
  members: number;
};

/** An org that records nothing this month (one branch in ten): a hash of its id. */
const QUIET = (col: string) => sql.raw(`(abs(hashint8(${col})) % 10 = 0)`);

export async function countMonth(db: Db, m: IndicatorMonth, first: string, next: string): Promise<Volumes> {
  const one = async (q: ReturnType<typeof sql>) => Number((await db.execute<{ n: string }>(q)).rows[0].n);
  return {
    logins: await one(sql`select count(*) as n from audit_log
                           where action = 'auth.login' and at >= ${m.from} and at < ${m.to}`),
    loginMembers: await one(sql`select count(distinct actor_id) as n from audit_log
                                 where action = 'auth.login' and at >= ${m.from} and at < ${m.to}`),
    posts: await one(
      sql`select count(*) as n from posts where published_at >= ${m.from} and published_at < ${m.to}`,
    ),
    activities: await one(
      sql`select count(*) as n from activities where starts_at >= ${m.from} and starts_at < ${m.to}`,
    ),
    activitiesHeld: await one(sql`select count(*) as n from activities
                                   where status = 'held' and starts_at >= ${m.from} and starts_at < ${m.to}`),
    attendees:
      await one(sql`select count(*) as n from activity_attendees t join activities a on a.id = t.activity_id
                              where a.starts_at >= ${m.from} and a.starts_at < ${m.to}`),
    studyRows: await one(
      sql`select count(*) as n from study_credits where day >= ${first}::date and day < ${next}::date`,
    ),
    orgs: await one(sql`select count(*) as n from orgs`),
    members: await one(sql`select count(*) as n from members`),
  };
}

type Log = (msg: string) => void;

async function timed(log: Log, what: string, run: () => Promise<unknown>) {
  const t = performance.now();
  await run();
  log(`top-up ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export async function topUpMonth(db: Db, m: IndicatorMonth, first: string, next: string, log: Log) {
  const before = await countMonth(db, m, first, next);
  log(`the seed's month ${m.month}: ${JSON.stringify(before)}`);
  const from = sql`${m.from.toISOString()}::timestamptz`;
  const span = (m.to.getTime() - m.from.getTime()) / 1000;
  // an instant of the month (two hours short of its end, so an activity ends within it too)
  const at = (seed: string) =>
    sql`(${sql.raw(`abs(hashint8(${seed})) % ${Math.floor(span) - 7200}`)}) * interval '1 second' + ${from}`;

  // ── accounts: the city seed gives members no login account (only the demo ones have one), but a
  // member's login counts for their org only through members.user_id (members.logins): nine in ten
  // get one, as a city that has rolled the app out has them (an unusable password hash: nobody
  // signs in with these, the logins below are written as the app would have audited them) ──
  const logins = TARGETS.logins - before.logins;
  const [{ accounts }] = (
    await db.execute<{ accounts: string }>(sql`select count(user_id) as accounts from members`)
  ).rows;
  if (logins > 0 && Number(accounts) < before.members / 2)
    await timed(log, 'member accounts', async () => {
      await db.execute(sql`drop table if exists bench_accounts`);
      await db.execute(sql`
        create unlogged table bench_accounts as
        select m.id as member_id, nextval(pg_get_serial_sequence('users', 'id')) as user_id, m.name, m.org_id
          from members m
         where m.user_id is null and m.left_at is null and abs(hashint8(m.id * 3)) % 10 <> 0`);
      await db.execute(sql`
        insert into users (id, username, display_name, password_hash, org_id)
        select a.user_id, 'bench-m' || a.member_id, a.name, '!bench-no-password', a.org_id from bench_accounts a`);
      await db.execute(
        sql`update members m set user_id = a.user_id from bench_accounts a where a.member_id = m.id`,
      );
      await db.execute(sql`drop table bench_accounts`);
    });
  if (logins > 0)
    await timed(log, `${logins} logins`, async () => {
      await db.execute(sql`drop table if exists bench_login_people`);
      await db.execute(sql`
        create unlogged table bench_login_people as
        select row_number() over (order by m.id) as rn, m.user_id, m.org_id, m.org_path, m.name
          from members m
         where m.user_id is not null and m.left_at is null and not ${QUIET('m.org_id')}
           -- one member in five never signs in
           and abs(hashint8(m.id * 7)) % 5 <> 0`);
      const [{ n }] = (await db.execute<{ n: string }>(sql`select count(*) as n from bench_login_people`))
        .rows;
      const people = Number(n);
      if (!people) {
        log('no member has an account: logins not topped up');
        return;
      }
      await db.execute(sql`create index on bench_login_people (rn)`);
      // a skewed pick (g² spreads the logins: the active few sign in often)
      await db.execute(sql`
        insert into audit_log (at, actor_id, actor_name, action, target_type, target_id, org_id, org_path, after)
        select ${at('g * 31 + 11')}, p.user_id, p.name, 'auth.login', 'user', p.user_id::text, p.org_id, p.org_path,
               jsonb_build_object('sessionId', g, 'credential', 'password')
          from generate_series(1, ${logins}::int8) g
          join bench_login_people p
            on p.rn = 1 + (abs(hashint8(g)) % ${people}::int8) * (abs(hashint8(g + 1)) % ${people}::int8) / ${people}::int8
         order by 1`);
      await db.execute(sql`drop table bench_login_people`);
    });

  // ── posts: 工作动态, 公告, 宣传 of the orgs that keep a page (not 党小组) ──
  const posts = TARGETS.posts - before.posts;
  if (posts > 0)
    await timed(log, `${posts} posts`, async () => {
      await db.execute(sql`drop table if exists bench_post_orgs`);
      await db.execute(sql`
        create unlogged table bench_post_orgs as
        select row_number() over (order by o.id) as rn, o.id, o.path
          from orgs o where o.kind <> 'group' and not ${QUIET('o.id')}`);
      const [{ n }] = (await db.execute<{ n: string }>(sql`select count(*) as n from bench_post_orgs`)).rows;
      await db.execute(sql`create index on bench_post_orgs (rn)`);
      await db.execute(sql`
        insert into posts (org_id, org_path, kind, title, body, excerpt, visibility, published_at, author_name,
                           withdrawn_at, created_at, updated_at)
        select o.id, o.path,
               case when g % 10 < 7 then 'update' when g % 10 < 9 then 'announcement' else 'publicity' end,
               '本月工作动态 ' || g, '支部按计划开展本月工作。' || repeat('学习贯彻会议精神，', 8), '支部按计划开展本月工作。',
               case when g % 4 = 0 then 'members' else 'public' end,
               t.at, '支部书记',
               case when g % 50 = 0 then t.at + interval '1 day' end,
               t.at, t.at
          from generate_series(1, ${posts}::int8) g
          join bench_post_orgs o on o.rn = 1 + (abs(hashint8(g)) % ${Number(n)}::int8) * (abs(hashint8(g + 3)) % 100 + 1) / 100
          cross join lateral (select ${at('g * 17 + 5')} as at) t`);
      await db.execute(sql`drop table bench_post_orgs`);
    });

  // ── activities with attendance: the branches' meetings, their members expected, most signed in ──
  const acts = TARGETS.activities - before.activities;
  if (acts > 0)
    await timed(log, `${acts} activities with attendees`, async () => {
      await db.execute(sql`drop table if exists bench_act_orgs`);
      await db.execute(sql`
        create unlogged table bench_act_orgs as
        select row_number() over (order by o.id) as rn, o.id, o.path
          from orgs o
         where o.kind = 'branch' and not ${QUIET('o.id')}
           and exists (select 1 from members m where m.org_id = o.id)`);
      const [{ n }] = (await db.execute<{ n: string }>(sql`select count(*) as n from bench_act_orgs`)).rows;
      await db.execute(sql`create index on bench_act_orgs (rn)`);
      await db.execute(sql`drop table if exists bench_acts`);
      await db.execute(sql`
        create unlogged table bench_acts as
        with ins as (
          insert into activities (org_id, org_path, kind, topic, place, starts_at, ends_at, status, sign_in_open, secret,
                                  host, recorder, minutes, created_at, updated_at)
          select o.id, o.path,
                 (array['general_meeting','committee_meeting','party_lecture','party_day','committee_meeting',
                        'general_meeting','party_day','life_meeting'])[1 + g % 8],
                 '学习贯彻党的二十届四中全会精神（' || g || '）', '党员活动室', t.at, t.at + interval '2 hours',
                 case when g % 20 = 0 then 'cancelled' when g % 10 = 1 then 'planned' else 'held' end,
                 false, md5(g::text), '支部书记', '组织委员',
                 case when g % 10 in (0, 1) then null else '会议记录：传达学习文件，讨论本月工作。' end,
                 t.at - interval '7 days', t.at
            from generate_series(1, ${acts}::int8) g
            join bench_act_orgs o on o.rn = 1 + abs(hashint8(g)) % ${Number(n)}::int8
            cross join lateral (select ${at('g * 13 + 7')} as at) t
          returning id, org_id, status, starts_at)
        select * from ins`);
      // the branch's members (at most 60), expected; held: 85% signed in, a few on approved leave
      await db.execute(sql`
        insert into activity_attendees (activity_id, member_id, name, expected, signed_in_at, method, leave)
        select a.id, m.id, m.name, true,
               case when a.status = 'held' and abs(hashint8(a.id * 1000003 + m.id)) % 100 < 85
                    then a.starts_at + interval '5 minutes' end,
               case when a.status = 'held' and abs(hashint8(a.id * 1000003 + m.id)) % 100 < 85
                    then (array['qr','card','roll_call'])[1 + m.id % 3] end,
               case when a.status = 'held' and abs(hashint8(a.id * 1000003 + m.id)) % 100 between 85 and 89
                    then 'approved' end
          from bench_acts a
          cross join lateral (select m.id, m.name from members m
                               where m.org_id = a.org_id and m.left_at is null
                               order by m.id limit 60) m`);
      await db.execute(sql`drop table bench_acts`);
      await db.execute(sql`drop table bench_act_orgs`);
    });

  // ── study rows: a member's credit for a course on a day, 0 to 2 courses a day ──
  const study = TARGETS.studyRows - before.studyRows;
  if (study > 0)
    await timed(log, `${study} study rows`, async () => {
      const { rows: courses } = await db.execute<{ id: string }>(
        sql`select id from courses where status = 'published' order by id limit 2000`,
      );
      if (courses.length < 2) {
        log('no published courses: study rows not topped up');
        return;
      }
      const days = Math.round(
        (Date.parse(`${next}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000,
      );
      const [{ n }] = (
        await db.execute<{ n: string }>(
          sql`select count(*) as n from members m where m.left_at is null and not ${QUIET('m.org_id')}`,
        )
      ).rows;
      // each active member, each day, each of 2 slots kept with this chance (%): about `study` rows
      const pct = Math.min(100, Math.ceil((study / (Number(n) * 0.85 * days * 2)) * 100));
      await db.execute(sql`drop table if exists bench_courses`);
      await db.execute(sql`
        create unlogged table bench_courses as
        select row_number() over (order by x) - 1 as i, x as id from unnest(${sql.param(courses.map((c) => Number(c.id)))}::int8[]) x`);
      await db.execute(sql`create index on bench_courses (i)`);
      // in key order (member, slot, day): the primary key's index is written in order
      await db.execute(sql`
        insert into study_credits (member_id, course_id, day, seconds)
        select m.id, c.id, ${first}::date + d, 300 + abs(hashint8(m.id * 97 + d * 7 + s)) % 3300
          from members m
          cross join generate_series(0, 1) s
          join bench_courses c on c.i = (abs(hashint8(m.id * 5 + s)) % ${Math.floor(courses.length / 2)}::int8) * 2 + s
          cross join generate_series(0, ${days - 1}) d
         where m.left_at is null and not ${QUIET('m.org_id')}
           and abs(hashint8(m.id)) % 100 < 85
           and abs(hashint8(m.id * 131 + d * 17 + s)) % 100 < ${pct}
         order by m.id, c.id, d
        on conflict do nothing`);
      await db.execute(sql`drop table bench_courses`);
    });

  await timed(log, 'analyze', () =>
    db.execute(sql`analyze audit_log, posts, activities, activity_attendees, study_credits`),
  );
  return { before, after: await countMonth(db, m, first, next) };
}
