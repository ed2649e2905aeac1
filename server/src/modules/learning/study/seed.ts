import { sql } from 'drizzle-orm';
import type { SeedContext } from '../../../platform/module.ts';
import { daysBetween, shanghaiToday } from '../../../platform/time.ts';
import { studyPeopleSql, studyPersonOf } from '../../members/index.ts';
import { countOrgYears } from '../requirements/rollup.ts';
import { creditStudyInBulk } from './credit-study.ts';
import { type CourseFacts, dailyItemCap, finishedAfter } from './rules.ts';
import { creditSettings } from './settings.ts';

/**
 * A year of credited online study (this year, up to yesterday) for the members of the demo, kept
 * as the heartbeats would have left it: rows per member, course and day, each within the credit
 * rules' caps (a video its length, an article its reading time, a document an hour), course
 * progress, the year totals and the org figures. Set-based: a handful of statements whatever the
 * scale (a city: 2.2 million rows, 940,000 hours — 225 million heartbeats' worth; 58 s on a busy
 * 2-core box; a district: 740,000 rows, 13 s).
 *
 * With structure, for recommendations to find: a member has a taste — a topic of the library and
 * a group of a dozen of its courses — shared with most of their branch (a branch studies together)
 * or their own; four picks in five come from it, the rest from what is popular everywhere (a few
 * courses much more than the rest). Courses come from the library's seed (those published to
 * everyone); with none, nothing is seeded. Members differ: some study nothing online, most a
 * little, a few a great deal (a district's most active meet the requirement online alone).
 */

/** How much a member studies, by activity level: documents (the long reads) and the rest, and on how many days each. */
type Level = { share: number; docs: number; docDays: number; others: number; otherDays: number };
const LEVELS: Record<SeedContext['scale'], Level[]> = {
  district: [
    { share: 12, docs: 0, docDays: 0, others: 0, otherDays: 0 },
    { share: 38, docs: 1, docDays: 2, others: 3, otherDays: 1 },
    { share: 35, docs: 3, docDays: 5, others: 6, otherDays: 2 },
    // a compendium read over many evenings: the most active meet the requirement online alone
    { share: 15, docs: 6, docDays: 12, others: 10, otherDays: 2 },
  ],
  // fewer rows a member, so that a city's seed stays under a minute
  city: [
    { share: 15, docs: 0, docDays: 0, others: 0, otherDays: 0 },
    { share: 50, docs: 1, docDays: 2, others: 1, otherDays: 1 },
    { share: 30, docs: 1, docDays: 3, others: 2, otherDays: 1 },
    { share: 5, docs: 3, docDays: 3, others: 3, otherDays: 1 },
  ],
};
/** Courses in a taste group (a topic's courses are cut into groups this size). */
const GROUP = 12;
/** Share of picks (%) from the member's taste; the rest from what is popular everywhere. */
const FROM_TASTE = 80;
/** Share of members (%) whose taste is their branch's. */
const BRANCH_TASTE = 60;

export async function seedStudy(ctx: SeedContext) {
  const db = ctx.db;
  const today = shanghaiToday();
  const jan1 = `${today.slice(0, 4)}-01-01`;
  const days = daysBetween(jan1, today); // up to yesterday: today's beats are the daily cap's
  const [root] = (
    await db.execute<{ path: string }>(sql`select path from orgs where parent_id is null order by id limit 1`)
  ).rows;
  const { rows: courses } = await db.execute<{
    id: number;
    kind: CourseFacts['kind'];
    duration_seconds: number | null;
    char_count: number | null;
    category_id: number | null;
  }>(sql`select id, kind, duration_seconds, char_count, category_id from courses
          where status = 'published' and scope_path = ${root?.path ?? '/'} order by category_id, id`);
  if (!root || !courses.length || days < 1) {
    ctx.log('学时：没有面向全体党员发布的课件，未生成学习记录');
    return;
  }
  const rules = creditSettings.default;
  const pool = courses.map((c) => {
    const facts = { kind: c.kind, durationSeconds: c.duration_seconds, charCount: c.char_count };
    return {
      id: Number(c.id),
      doc: c.kind === 'document',
      category: Number(c.category_id ?? 0),
      cap: dailyItemCap(facts, rules),
      finish: finishedAfter(facts, rules),
      // what an honest sitting earns: a video or audio played through, an article read at the
      // reckoned speed (its reading time, a little more or less), a document for a while
      sitting:
        c.kind === 'article' && c.char_count
          ? Math.ceil((c.char_count / rules.readingCharsPerMinute) * 60)
          : 0,
    };
  });
  await db.execute(sql`
    create temp table study_seed_pool on commit drop as
    select x.id, x.doc, x.cap, x.finish, x.sitting,
           dense_rank() over (order by x.category) - 1 as topic,
           row_number() over (partition by x.category, x.doc order by x.id) - 1 as rn,
           count(*) over (partition by x.category, x.doc) as n,
           row_number() over (partition by x.doc order by x.id) - 1 as grn,
           count(*) over (partition by x.doc) as gn
      from jsonb_to_recordset(${JSON.stringify(pool)}::jsonb)
        as x(id int8, doc boolean, category int8, cap int, finish int, sitting int)`);
  await db.execute(sql`create index on study_seed_pool (doc, topic, rn)`);
  await db.execute(sql`create index on study_seed_pool (doc, grn)`);

  // the demo member account studies (its home shows progress): the second level, whatever the hash
  const [demoUser] = (await db.execute<{ id: number }>(sql`select id from users where username = 'member'`))
    .rows;
  const demoMember = demoUser ? await studyPersonOf(db, Number(demoUser.id)) : null;

  const levels = LEVELS[ctx.scale];
  const levelRows = sql.join(
    levels.map(
      (l, i) =>
        sql`(${i}::int, ${levels.slice(0, i).reduce((s, x) => s + x.share, 0)}::int, ${l.docs}::int, ${l.docDays}::int, ${l.others}::int, ${l.otherDays}::int)`,
    ),
    sql`, `,
  );
  // every pseudo-random choice is a hash of the member (and the pick), so a fresh demo is the same
  await db.execute(sql`
    create temp table study_seed_rows on commit drop as
    with sizes as (select doc, topic, max(n)::int8 as n from study_seed_pool group by doc, topic),
    gsizes as (select doc, max(gn)::int8 as gn from study_seed_pool group by doc),
    topics as (select count(distinct topic)::int8 as t from study_seed_pool),
    levels(level, from_pct, docs, doc_days, others, other_days) as (values ${levelRows}),
    people as (
      select m.member_id,
             case when m.member_id = ${demoMember?.memberId ?? 0}::int8 then 2
                  else (select l.level from levels l
                         where abs(hashint8(m.member_id * 7 + 1)) % 100 >= l.from_pct
                         order by l.from_pct desc limit 1) end as level,
             abs(case when abs(hashint8(m.member_id * 7 + 2)) % 100 < ${BRANCH_TASTE}
                      then hashint8(m.org_id) else hashint8(m.member_id * 7 + 3) end) as taste
        from (${studyPeopleSql([root.path])}) m),
    wanted as (
      select p.member_id, p.taste, k.doc, k.days, abs(hashint8(p.member_id * 131 + k.i * 2 + k.doc::int)) as h
        from people p join levels l on l.level = p.level
        cross join lateral (
          select true as doc, i, l.doc_days as days from generate_series(1, l.docs) i
          union all select false, i, l.other_days from generate_series(1, l.others) i) k),
    keyed as (
      -- from the taste: a document of its few (documents are few), or a course of its topic's group;
      -- from what is popular: the first courses of the library far more often than the last
      select w.member_id, w.doc, w.days,
             case when w.h % 100 < ${FROM_TASTE} and not w.doc then (w.taste % t.t) end as topic,
             case when w.h % 100 < ${FROM_TASTE} and not w.doc
                  then (((w.taste / t.t) % greatest(1, ceil(z.n::float8 / ${GROUP}::int)::int8)) * ${GROUP} + w.h % ${GROUP}) % z.n end as rn,
             case when w.h % 100 < ${FROM_TASTE} and w.doc
                  then (((w.taste % greatest(1, ceil(g.gn / 3.0)::int8)) * 3) + w.h % 3) % g.gn
                  when w.h % 100 >= ${FROM_TASTE}
                  then floor(g.gn * power((w.h % 1000003) / 1000003.0, 2))::int8 end as grn
        from wanted w cross join topics t
        join gsizes g on g.doc = w.doc
        left join sizes z on z.doc = w.doc and z.topic = w.taste % t.t),
    picked as (
      select distinct on (member_id, course_id) * from (
        select k.member_id, s.id as course_id, s.cap, s.finish, s.sitting, s.doc, k.days
          from keyed k join study_seed_pool s on s.doc = k.doc and s.topic = k.topic and s.rn = k.rn
        union all
        select k.member_id, s.id, s.cap, s.finish, s.sitting, s.doc, k.days
          from keyed k join study_seed_pool s on s.doc = k.doc and s.grn = k.grn) x
       order by member_id, course_id)
    select c.member_id, c.course_id, c.finish,
           (${jan1}::date + ((abs(hashint8(c.member_id * 31 + c.course_id)) + d * greatest(1, ${days}::int / c.days)) % ${days}::int)::int) as day,
           greatest(1, least(c.cap,
             case when c.doc then 1200 + abs(hashint8(c.member_id + c.course_id * 17 + d)) % 2400
                  when c.sitting > 0 then c.sitting * (90 + abs(hashint8(c.member_id + c.course_id + d)) % 60) / 100
                  else c.cap end))::int as seconds
      from picked c cross join lateral generate_series(0, least(c.days, ${days}::int) - 1) d`);

  const { rows: written } = await db.execute<{ n: number; seconds: number }>(sql`
    with ins as (
      insert into study_credits (member_id, course_id, day, seconds)
      select member_id, course_id, day, seconds from study_seed_rows order by member_id, course_id, day
      returning seconds)
    select count(*)::int8 as n, coalesce(sum(seconds), 0)::int8 as seconds from ins`);
  await db.execute(sql`
    insert into course_progress (member_id, course_id, seconds, first_studied_at, last_studied_at, finished_at)
    select member_id, course_id, sum(seconds), min(day) + time '20:00' at time zone 'Asia/Shanghai',
           max(day) + time '20:30' at time zone 'Asia/Shanghai',
           case when sum(seconds) >= min(finish) then max(day) + time '20:30' at time zone 'Asia/Shanghai' end
      from study_seed_rows group by member_id, course_id order by member_id, course_id`);
  await creditStudyInBulk(db, sql`select member_id, 'online' as source, day, seconds from study_seed_rows`);
  const year = Number(today.slice(0, 4));
  const { orgs } = await countOrgYears(db, year, new Date());
  const { n, seconds } = written[0];
  ctx.log(
    `学时记录 ${Number(n)} 条（${Math.round(Number(seconds) / 3600)} 小时，合 ${Math.round(Number(seconds) / 15)} 次心跳），${orgs} 个组织的达标统计`,
  );
}
