import { sql } from 'drizzle-orm';
import type { SeedContext } from '../../../platform/module.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { excerptOf } from '../posts/rules.ts';

/**
 * Demo pages for the two demo towns, their branches and the towns themselves (a few hundred rows
 * whatever the scale, in three statements): an introduction and contact for every org, and a few
 * items each — this month's 工作动态 for two branches in three (so the superior's view shows both
 * kinds), an older one, an announcement, a 党务公开 item, and a members-only update. Their albums
 * are albums/seed.ts's.
 */
const UPDATES = [
  [
    '开展“学习身边榜样”主题党日活动',
    '<p>本月主题党日，支部组织党员集中学习了身边优秀党员的先进事迹，并到村里的困难家庭走访慰问，送去米面油等生活物资。</p><p>党员们纷纷表示，要以榜样为镜，立足岗位作贡献。</p>',
  ],
  [
    '组织党员志愿者清理河道垃圾',
    '<p>支部党员志愿服务队利用周末时间，对村内河道沿岸进行集中清理，共清运垃圾二十余袋。</p>',
  ],
  [
    '召开专题组织生活会',
    '<p>支部召开专题组织生活会，支部书记带头检视问题，党员逐一发言，开展批评与自我批评，明确了整改措施。</p>',
  ],
  [
    '为村里老人义务理发、量血压',
    '<p>支部联合村卫生室开展“为老服务日”活动，为六十岁以上老人义务理发、测量血压，并讲解冬季防病知识。</p>',
  ],
];
const ANNOUNCEMENTS = [
  [
    '关于按时交纳党费的通知',
    '<p>各位党员：请于本月25日前到支部或通过平台交纳本月党费。确有困难的，请向支部说明情况。</p>',
  ],
  [
    '关于召开支部党员大会的通知',
    '<p>定于本月最后一个周五下午3点在党员活动室召开支部党员大会，请全体党员准时参加，不能参加的请提前向支部书记请假。</p>',
  ],
];
const PUBLICITY = [
  [
    '本季度党费收缴情况公示',
    '<p>本季度应交党费党员全部按时足额交纳。党费收缴明细已在党员活动室公示栏张贴，欢迎党员监督。</p>',
  ],
  [
    '发展党员工作公示',
    '<p>经支部委员会研究，拟将一名同志列为入党积极分子，现予公示。公示期间如有意见，请向支部或上级党委反映。</p>',
  ],
];

export async function seedPages(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => typeof t === 'number');
  if (!towns.length) return;
  const inTowns = sql.join(
    towns.map((t) => sql`o.path like (select path from orgs where id = ${t}) || '%'`),
    sql` or `,
  );
  const today = shanghaiToday();
  const thisMonth = new Date(`${today.slice(0, 7)}-01T09:00:00+08:00`);
  // items this month are dated before now: on the first of the month, at 09:00 (or 10 minutes ago)
  const recent = new Date(
    Math.min(Date.now() - 600_000, Math.max(thisMonth.getTime(), Date.now() - 3 * 86_400_000)),
  );
  const day = 86_400_000;

  const { rowCount: pages } = await ctx.db.execute(sql`
    insert into org_pages (org_id, introduction, introduction_filled, contact_address, contact_phone, contact_hours)
    select o.id,
           '<p>' || o.name || '坚持以党建引领基层治理，认真落实“三会一课”、主题党日等组织生活制度，' ||
           '带领党员群众发展产业、服务乡邻。</p><p>欢迎群众通过本页留言反映意见和建议，我们将在规定时间内答复。</p>',
           true,
           coalesce(o.place, '') || '党群服务中心',
           '028-8' || lpad((o.id % 10000000)::text, 7, '0'),
           '工作日 9:00–17:00'
      from orgs o
     where (${inTowns}) and o.kind in ('committee', 'general_branch', 'branch')
    on conflict (org_id) do nothing`);

  type Item = {
    kind: string;
    title: string;
    body: string;
    excerpt: string;
    visibility: string;
    at: string;
    every: number;
  };
  const items: Item[] = [];
  const add = (kind: string, [title, body]: string[], visibility: string, at: Date, every: number) =>
    items.push({ kind, title, body, excerpt: excerptOf(body), visibility, at: at.toISOString(), every });
  // `every`: the item goes to orgs whose id modulo 3 is below it (3: all of them, 2: two in three)
  add('update', UPDATES[0], 'public', recent, 2);
  // one in the middle of last month, whatever today is: last month's bulletin (the assessment)
  // finds updates posted and pages kept up, as a real month would have them
  const lastMonthMid = new Date(thisMonth.getTime() - 16 * day);
  add('update', UPDATES[1], 'public', lastMonthMid, 3);
  add('update', UPDATES[2], 'members', new Date(recent.getTime() - 50 * day), 3);
  add('update', UPDATES[3], 'public', new Date(recent.getTime() - 65 * day), 3);
  // and an announcement two days after it, for the same reason
  add('announcement', ANNOUNCEMENTS[0], 'public', new Date(lastMonthMid.getTime() + 2 * day), 3);
  add('announcement', ANNOUNCEMENTS[1], 'members', new Date(recent.getTime() - 40 * day), 3);
  add('publicity', PUBLICITY[0], 'public', new Date(recent.getTime() - 25 * day), 3);
  add('publicity', PUBLICITY[1], 'public', new Date(recent.getTime() - 80 * day), 3);

  const { rowCount: posts } = await ctx.db.execute(sql`
    insert into posts (org_id, org_path, kind, title, body, excerpt, visibility, published_at, author_name, created_at, updated_at)
    select o.id, o.path, i.kind, i.title, i.body, i.excerpt, i.visibility, i.at, o.name, i.at, i.at
      from orgs o
     cross join jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as i(kind text, title text, body text, excerpt text, visibility text, at timestamptz, every int)
     where (${inTowns}) and o.kind in ('committee', 'general_branch', 'branch') and o.id % 3 < i.every
     order by i.at`);
  ctx.log(`组织主页 ${pages ?? 0} 个，内容 ${posts ?? 0} 篇`);
}
