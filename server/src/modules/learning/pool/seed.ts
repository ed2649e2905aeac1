import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { demoRandom } from '../../../db/demo-random.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { bind, type Pii } from '../../../platform/pii/index.ts';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '建国',
  '志强',
  '秀英',
  '海燕',
  '明远',
  '立新',
  '丽华',
  '文杰',
  '红梅',
  '永刚',
  '晓东',
  '春燕',
];
const UNITS = [
  '区委党校',
  '区委宣传部',
  '区委组织部',
  '镇党委',
  '市委党校',
  '区老干部局',
  '区人民法院',
  '区农业农村局',
];
const TITLES = ['讲师', '副教授', '宣讲员', '副部长', '党委副书记', '高级农艺师', '法官', '退休老干部'];
const TOPICS = [
  '党史',
  '党的二十届四中全会精神',
  '基层治理',
  '乡村振兴',
  '党风廉政',
  '法治宣传',
  '农业技术',
  '红色故事',
  '党章党规',
];
const LECTURES = [
  '学习贯彻党的二十届四中全会精神',
  '百年党史中的初心使命',
  '新时代基层治理的实践与思考',
  '乡村振兴战略解读',
  '以案说纪：党员廉洁自律',
  '民法典与村民生活',
  '讲好身边的红色故事',
  '党章学习与党员义务',
];
const COMMENTS = [
  '联系实际，很受启发',
  '讲得生动，听得懂',
  '内容充实',
  '希望多来村里讲',
  '案例很有针对性',
  '',
];
const BASES = ['红色教育基地', '党性教育实践基地', '廉政教育基地', '乡村振兴实践基地'];
const THEMES = ['革命传统', '红色教育', '廉政教育', '乡村振兴', '生态文明', '党性教育'];

const arr = (xs: readonly string[]) => sql`${`{${xs.map((x) => `"${x}"`).join(',')}}`}::text[]`;

/** Encrypt the phones of rows just made (bound to their ids) in one statement. */
async function encryptPhones(db: Queryable, pii: Pii, table: 'teachers' | 'training_bases', ids: number[]) {
  const column = table === 'teachers' ? 'phone' : 'contact_phone';
  const r = demoRandom(table === 'teachers' ? 1407 : 1408);
  const rows = ids.map((id) => ({
    id,
    enc: pii.encrypt(
      `13${Math.floor(r() * 10)}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
      bind(table, column, id),
    ),
  }));
  for (let i = 0; i < rows.length; i += 5000) {
    const part = JSON.stringify(rows.slice(i, i + 5000));
    await db.execute(
      table === 'teachers'
        ? sql`update teachers t set phone_enc = x.enc from jsonb_to_recordset(${part}::jsonb) as x(id int8, enc text) where t.id = x.id`
        : sql`update training_bases t set contact_phone_enc = x.enc from jsonb_to_recordset(${part}::jsonb) as x(id int8, enc text) where t.id = x.id`,
    );
  }
}

/**
 * 师资库 and 教育基地, set-based at both scales: each district keeps a 宣讲团 of six teachers and
 * three bases shared with its towns; each town keeps three teachers and a base of its own. Each
 * teacher gave three lectures in the last ninety days at a branch of their keeper's subtree, to
 * that branch's members, and about half of the attendees rated them (teachers differ: the
 * averages have spread). The demo member attended one three days ago and has not rated it yet.
 */
export async function seedPool(ctx: SeedContext) {
  const db = ctx.db;
  // districts: the parents of towns; towns: named so by the tree's seed (stations/seed.ts)
  const keepers = sql`
    select o.id, o.path, o.name, o.short_name, false as district from orgs o where o.name like '%镇委员会'
    union all
    select distinct p.id, p.path, p.name, p.short_name, true from orgs o join orgs p on p.id = o.parent_id
     where o.name like '%镇委员会'`;
  const { rows: teachers } = await db.execute<{ id: number }>(sql`
    insert into teachers (org_id, org_path, shared, name, unit, title, topics, intro, created_at, updated_at)
    select k.id, k.path, k.district,
           (${arr(SURNAMES)})[1 + (k.id * 7 + g * 3) % ${SURNAMES.length}] || (${arr(GIVEN)})[1 + (k.id * 5 + g * 11) % ${GIVEN.length}],
           (${arr(UNITS)})[1 + (k.id + g) % ${UNITS.length}],
           (${arr(TITLES)})[1 + (k.id * 3 + g) % ${TITLES.length}],
           array[(${arr(TOPICS)})[1 + (k.id + g) % ${TOPICS.length}], (${arr(TOPICS)})[1 + (k.id + g * 2 + 1) % ${TOPICS.length}]],
           '长期从事党员教育培训工作，熟悉基层情况，授课通俗易懂。',
           now() - interval '200 days', now() - interval '200 days'
      from (${keepers}) k cross join generate_series(1, case when k.district then 6 else 3 end) g
    returning id`);
  await encryptPhones(
    db,
    ctx.pii,
    'teachers',
    teachers.map((t) => Number(t.id)),
  );

  const { rows: bases } = await db.execute<{ id: number }>(sql`
    insert into training_bases (org_id, org_path, shared, name, address, capacity, themes, contact_name, intro, created_at, updated_at)
    select k.id, k.path, k.district,
           regexp_replace(coalesce(k.short_name, k.name), '(中共|委员会)', '', 'g') || (${arr(BASES)})[1 + (k.id + g) % ${BASES.length}],
           regexp_replace(coalesce(k.short_name, k.name), '(中共|委员会)', '', 'g') || '人民路 ' || (k.id % 90 + g) || ' 号',
           (array[60, 80, 120, 200, 300])[1 + (k.id + g) % 5],
           array[(${arr(THEMES)})[1 + (k.id + g) % ${THEMES.length}], (${arr(THEMES)})[1 + (k.id + g + 2) % ${THEMES.length}]],
           (${arr(SURNAMES)})[1 + (k.id + g * 5) % ${SURNAMES.length}] || '老师',
           '可承接党员集中培训、主题党日和现场教学，配有讲解员。',
           now() - interval '200 days', now() - interval '200 days'
      from (${keepers}) k cross join generate_series(1, case when k.district then 3 else 1 end) g
    returning id`);
  await encryptPhones(
    db,
    ctx.pii,
    'training_bases',
    bases.map((b) => Number(b.id)),
  );

  // three lectures a teacher, each at a branch of the keeper's subtree that has members
  await db.execute(sql`
    insert into lectures (teacher_id, org_id, org_path, lectured_on, topic, created_at)
    select t.id, b.id, b.path, current_date - (5 + (t.id * 13 + g * 29) % 85)::int,
           (${arr(LECTURES)})[1 + (t.id + g) % ${LECTURES.length}], now()
      from teachers t cross join generate_series(1, 3) g
      cross join lateral (
        select o.id, o.path from orgs o
         where o.path like t.org_path || '%' and o.kind = 'branch'
           and exists (select 1 from members m where m.org_id = o.id and m.left_at is null)
         order by md5(o.id::text || t.id::text || g::text) limit 1) b`);
  const { rows: demo } = await db.execute<{
    member_id: number;
    org_id: number;
    org_path: string;
    teacher_id: number;
  }>(sql`
    select m.id as member_id, m.org_id, m.org_path,
           (select t.id from teachers t where m.org_path like t.org_path || '%' order by t.shared, t.id limit 1) as teacher_id
      from members m join users u on u.id = m.user_id
     where u.username = 'member' and m.left_at is null limit 1`);
  let demoLecture = 0;
  if (demo[0]?.teacher_id) {
    const { rows } = await db.execute<{ id: number }>(sql`
      insert into lectures (teacher_id, org_id, org_path, lectured_on, topic, created_at)
      values (${demo[0].teacher_id}, ${demo[0].org_id}, ${demo[0].org_path}, current_date - 3,
              '学习贯彻党的二十届四中全会精神专题党课', now())
      returning id`);
    demoLecture = Number(rows[0].id);
  }
  await db.execute(sql`
    insert into lecture_attendees (lecture_id, member_id, name)
    select l.id, m.id, m.name from lectures l
      cross join lateral (
        select m.id, m.name from members m
         where m.org_id = l.org_id and m.left_at is null and m.status in ('full', 'probationary')
         order by m.id limit 20) m`);
  await db.execute(sql`
    update lectures l set attendee_count = a.n
      from (select lecture_id, count(*)::int as n from lecture_attendees group by lecture_id) a
     where a.lecture_id = l.id`);
  // about half rate; a teacher's usual mark (3 to 5) with some spread; a comment now and then
  await db.execute(sql`
    insert into lecture_ratings (lecture_id, member_id, stars, comment, rated_at)
    select a.lecture_id, a.member_id,
           greatest(1, least(5, 3 + (l.teacher_id % 3) + (case when h % 7 = 0 then -2 when h % 5 = 0 then -1 else 0 end))),
           case when h % 4 = 0 then (${arr(COMMENTS)})[1 + h % ${COMMENTS.length}] else '' end,
           least(now(), l.lectured_on + (h % 10) + time '20:00')
      from lecture_attendees a join lectures l on l.id = a.lecture_id
      cross join lateral (select abs(hashtext(a.lecture_id::text || '-' || a.member_id::text)) as h) x
     where h % 2 = 0 and l.id <> ${demoLecture}`);
  ctx.log(`师资库 ${teachers.length} 名教师，教育基地 ${bases.length} 个`);
}
