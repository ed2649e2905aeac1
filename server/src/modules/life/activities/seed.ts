import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ActivityKind } from '../../../../../contracts/life/activities.ts';
import { nextIds } from '../../../db/client.ts';
import { demoModelBranches } from '../../../db/demo-model.ts';
import { demoRandom as rng } from '../../../db/demo-random.ts';
import { demoPictures, putMany } from '../../../platform/files/demo-pictures.ts';
import { fileStore } from '../../../platform/files/index.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addDays, addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';
import { type ActivityPerson, activityPeople } from '../../members/index.ts';

/**
 * A year of 组织生活 in the two demo towns (the town admins' and the demo secretary's view; the
 * other towns stay empty, so a city's seed grows by no more than a district's): each branch holds
 * its 支委会, 党小组会 and 主题党日 most months, its 党员大会 and 党课 most quarters, last year's
 * 组织生活会 — and misses some, branch by branch, so the due and overdue lists have something to
 * show. Members sign in mostly by QR code, some by card or roll call, a few ask for leave. This
 * month's and next week's are still planned. Of the last half-year's held ones most have one to
 * three photos (会场照片) uploaded after the meeting, some none: a few branches seldom take any.
 */
type Plan = { kind: ActivityKind; every: 1 | 3 | 12; day: number; hour: number; topics: string[] };

const PLANS: Plan[] = [
  {
    kind: 'committee_meeting',
    every: 1,
    day: 3,
    hour: 9,
    topics: [
      '研究本月党建重点工作',
      '讨论发展党员工作',
      '研究党费收缴和使用情况',
      '部署主题党日活动',
      '研究村级重大事项（四议两公开）',
    ],
  },
  {
    kind: 'party_day',
    every: 1,
    day: 15,
    hour: 14,
    topics: [
      '重温入党誓词',
      '学习党的二十届四中全会精神',
      '志愿服务进社区',
      '参观红色教育基地',
      '“我为群众办实事”走访',
    ],
  },
  {
    kind: 'group_meeting',
    every: 1,
    day: 20,
    hour: 19,
    topics: ['学习《中国共产党章程》', '交流学习体会', '开展批评与自我批评', '讨论党小组工作安排'],
  },
  {
    kind: 'general_meeting',
    every: 3,
    day: 25,
    hour: 14,
    topics: ['传达学习上级会议精神', '讨论接收预备党员', '通报党支部季度工作', '民主评议党员'],
  },
  {
    kind: 'party_lecture',
    every: 3,
    day: 10,
    hour: 15,
    topics: ['书记讲党课：坚定理想信念', '党的创新理论学习', '弘扬伟大建党精神', '全面从严治党'],
  },
  { kind: 'life_meeting', every: 12, day: 18, hour: 9, topics: ['年度组织生活会暨民主评议党员'] },
];

/** Branches of each demo town that get a year of activities (the rest show as overdue). */
const BRANCHES_PER_TOWN = 20;

/** Months back (this one is 0) whose held activities get photos: the record pages and a trend. */
const PHOTO_MONTHS = 6;

/** The demo photos' plain colours: Party red, a meeting room's beige, a grey-blue sky, a field's green. */
const PHOTO_COLOURS = ['#c8161d', '#d9c7a3', '#8da3b8', '#6f8f4e'];

const PLACES = ['党员活动室', '村委会会议室', '党群服务中心二楼会议室', '社区多功能厅'];
const LEAVE = ['外出务工，无法到场', '身体不适住院治疗', '家中有事', '单位值班'];
const MINUTES: Record<ActivityKind, string> = {
  committee_meeting:
    '一、书记传达上级党委近期工作部署。\n二、逐项研究本月重点工作，明确责任人和完成时限。\n三、议定事项：按期开展主题党日，做好党费收缴。',
  party_day: '一、全体党员重温入党誓词。\n二、集中学习，交流心得体会。\n三、开展志愿服务，走访困难群众。',
  group_meeting: '一、组长领学有关文件。\n二、党员逐一发言，交流思想和工作情况。\n三、开展批评与自我批评。',
  general_meeting:
    '一、书记通报党支部工作情况。\n二、传达学习上级会议精神。\n三、讨论决定有关事项，全体党员表决通过。',
  party_lecture: '一、支部书记讲授专题党课。\n二、党员结合实际谈体会。',
  life_meeting:
    '一、党支部班子对照检查。\n二、党员逐一进行党性分析，开展批评和自我批评。\n三、民主评议党员，填写测评表。',
  democratic_life_meeting: '一、班子成员对照检查。\n二、开展批评和自我批评。',
};

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export async function seedActivities(ctx: SeedContext) {
  const r = rng(20261301);
  // photos draw from their own sequence, so the activities stay those the tests have known
  const rp = rng(20261311);
  const now = new Date();
  const thisMonth = shanghaiMonth(now);
  const towns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => !!t);
  const activities: Record<string, unknown>[] = [];
  const attendees: Record<string, unknown>[] = [];
  const photoPlans: { i: number; endsAt: Date; uploader: number | null }[] = [];
  const uploaders = await demoUploaders(ctx);
  const models = new Set(await demoModelBranches(ctx.db, ctx.demo));
  for (const town of towns) {
    // twenty branches a town, the demo secretary's first: a city's towns are larger, the seed is not
    const { rows: branches } = await ctx.db.execute<{ id: number; path: string; name: string }>(
      sql`select id, path, name from orgs
           where kind = 'branch' and path like (select path from orgs where id = ${town}) || '%'
           order by id = ${ctx.demo.villageBranch ?? 0} desc, path limit ${BRANCHES_PER_TOWN}`,
    );
    const people = new Map<number, ActivityPerson[]>();
    const ids = new Set(branches.map((b) => Number(b.id)));
    const [{ path: townPath }] = (
      await ctx.db.execute<{ path: string }>(sql`select path from orgs where id = ${town}`)
    ).rows;
    for (const p of await activityPeople(ctx.db, { orgPath: townPath }))
      if (ids.has(p.orgId)) people.set(p.orgId, [...(people.get(p.orgId) ?? []), p]);
    for (const b of branches) {
      const members = people.get(Number(b.id)) ?? [];
      if (members.length < 3) continue;
      // how faithfully this branch keeps its meetings: most well, some poorly
      // (a model branch, db/demo-model.ts, misses none and photographs all; the demo village branch,
      // drawn first, stays as the tests have known it)
      const model = models.has(Number(b.id));
      const drawn = r() < 0.2 ? 0.55 + r() * 0.2 : 0.85 + r() * 0.15;
      const diligence = model ? 1 : drawn;
      // and how faithfully it photographs them: most nearly always, some seldom
      const care = rp() < 0.2 ? 0.3 + rp() * 0.3 : 0.92 + rp() * 0.08;
      const photoCare = model ? 1 : care;
      const uploader =
        Number(b.id) === ctx.demo.villageBranch ? uploaders.secretary : (uploaders.town.get(town) ?? null);
      for (let back = 12; back >= -1; back--) {
        const month = addMonthsToMonth(thisMonth, -back);
        const [, m] = month.split('-').map(Number);
        for (const plan of PLANS) {
          if (plan.every === 3 && m % 3 !== 0) continue;
          if (plan.every === 12 && m !== 12) continue;
          // next month: only the Party day is planned yet
          if (back < 0 && plan.kind !== 'party_day') continue;
          const day = addDays(`${month}-01`, plan.day - 1 + Math.floor(r() * 3));
          const startsAt = at(day, plan.hour);
          const endsAt = new Date(startsAt.getTime() + (plan.kind === 'party_day' ? 3 : 1.5) * 3_600_000);
          // what is over was held, or missed; what is to come is planned
          const held = endsAt < now;
          if (held && r() > diligence) continue;
          const expected =
            plan.kind === 'committee_meeting'
              ? members.slice(0, Math.min(5, members.length))
              : plan.kind === 'group_meeting'
                ? members.filter((_, i) => i % 2 === Math.floor(r() * 2))
                : members;
          const id = activities.length;
          const host = expected[0].name;
          activities.push({
            i: id,
            org_id: b.id,
            org_path: b.path,
            kind: plan.kind,
            topic: plan.topics[Math.floor(r() * plan.topics.length)],
            place: PLACES[Math.floor(r() * PLACES.length)],
            starts_at: startsAt.toISOString(),
            ends_at: endsAt.toISOString(),
            status: held ? 'held' : 'planned',
            sign_in_open: !held,
            secret: randomBytes(24).toString('base64url'),
            host: held ? host : null,
            recorder: held ? (expected[1] ?? expected[0]).name : null,
            minutes: held ? MINUTES[plan.kind] : null,
          });
          if (held && back <= PHOTO_MONTHS && rp() < photoCare) photoPlans.push({ i: id, endsAt, uploader });
          for (const p of expected) {
            const roll = r();
            const leave = roll < 0.07;
            const present = held && !leave && (roll < 0.9 || (model && roll < 0.98));
            const how = r();
            attendees.push({
              i: id,
              member_id: p.memberId,
              name: p.name,
              signed_in_at: present
                ? new Date(startsAt.getTime() - Math.floor(r() * 15) * 60_000).toISOString()
                : null,
              method: present ? (how < 0.7 ? 'qr' : how < 0.8 ? 'card' : 'roll_call') : null,
              leave: leave ? 'approved' : null,
              leave_reason: leave ? LEAVE[Math.floor(r() * LEAVE.length)] : null,
            });
          }
        }
      }
    }
  }
  const ids = await nextIds(ctx.db, 'activities', activities.length);
  for (const a of activities) a.id = ids[a.i as number];
  for (const t of attendees) t.activity_id = ids[t.i as number];
  for (let i = 0; i < activities.length; i += 5000)
    await ctx.db.execute(sql`
      insert into activities (id, org_id, org_path, kind, topic, place, starts_at, ends_at, status, sign_in_open, secret,
                              host, recorder, minutes, created_at, updated_at)
      select id, org_id, org_path, kind, topic, place, starts_at, ends_at, status, sign_in_open, secret, host, recorder,
             minutes, starts_at - interval '7 days', coalesce(least(ends_at, now()), now())
        from jsonb_to_recordset(${JSON.stringify(activities.slice(i, i + 5000))}::jsonb)
          as x(id int8, org_id int8, org_path text, kind text, topic text, place text, starts_at timestamptz,
               ends_at timestamptz, status text, sign_in_open bool, secret text, host text, recorder text, minutes text)`);
  for (let i = 0; i < attendees.length; i += 20_000)
    await ctx.db.execute(sql`
      insert into activity_attendees (activity_id, member_id, name, signed_in_at, method, leave, leave_reason)
      select activity_id, member_id, name, signed_in_at, method, leave, leave_reason
        from jsonb_to_recordset(${JSON.stringify(attendees.slice(i, i + 20_000))}::jsonb)
          as x(activity_id int8, member_id int8, name text, signed_in_at timestamptz, method text, leave text,
               leave_reason text)`);
  const photos = await seedActivityPhotos(ctx, photoPlans, ids, rp, now);
  ctx.log(`组织生活 ${activities.length} 次，参会记录 ${attendees.length} 条，活动照片 ${photos} 张`);
}

/** Who uploads a branch's photos: the demo secretary in their own branch, the town's admin elsewhere. */
async function demoUploaders(ctx: SeedContext) {
  const { rows } = await ctx.db.execute<{ username: string; id: number }>(
    sql`select username, id from users where username in ('secretary', 'town_admin', 'town2_admin')`,
  );
  const id = (name: string) => {
    const u = rows.find((x) => x.username === name);
    return u ? Number(u.id) : null;
  };
  const town = new Map<number, number | null>();
  if (ctx.demo.town1) town.set(ctx.demo.town1, id('town_admin'));
  if (ctx.demo.town2) town.set(ctx.demo.town2, id('town2_admin'));
  return { secretary: id('secretary'), town };
}

/**
 * One to three photos for each activity chosen for them, stored as addActivityFile stores an
 * upload: the display JPEG and its thumbnail, made by the platform's prepareImage
 * (platform/files/images.ts) from a plain-colour picture, under activity-photos/ keyed by the
 * upload's month. The keys are
 * derived from the activity and the photo's number, not random: the test template seeds into the
 * checkout's data dir on every run, and the same keys are written over instead of piling up.
 */
async function seedActivityPhotos(
  ctx: SeedContext,
  plans: { i: number; endsAt: Date; uploader: number | null }[],
  ids: number[],
  rp: () => number,
  now: Date,
) {
  const variants = await demoPictures(PHOTO_COLOURS);
  const rows: Record<string, unknown>[] = [];
  const keys = variants.map(() => ({ display: [] as string[], thumb: [] as string[] }));
  for (const p of plans) {
    const n = 1 + Math.floor(rp() * 3);
    // uploaded within two days of the meeting, and before now
    let at = Math.min(p.endsAt.getTime() + (10 + Math.floor(rp() * 2880)) * 60_000, now.getTime() - 60_000);
    const v = Math.floor(rp() * variants.length);
    for (let k = 1; k <= n; k++) {
      const hash = createHash('sha256')
        .update(`demo-activity-photo/${ids[p.i]}/${k}`)
        .digest('hex')
        .slice(0, 32);
      const fileKey = `activity-photos/${new Date(at).toISOString().slice(0, 7)}/${hash}.jpg`;
      const thumbKey = fileKey.replace(/\.jpg$/, '.thumb.jpg');
      keys[v].display.push(fileKey);
      keys[v].thumb.push(thumbKey);
      const local = new Date(at + 8 * 3_600_000);
      const stamp = local.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_');
      rows.push({
        activity_id: ids[p.i],
        name: `IMG_${stamp}.jpg`,
        file_key: fileKey,
        thumb_key: thumbKey,
        size: variants[v].display.length,
        width: variants[v].width,
        height: variants[v].height,
        uploaded_by: p.uploader,
        created_at: new Date(at).toISOString(),
      });
      at = Math.min(at + 20_000, now.getTime() - 1000);
    }
  }
  const store = fileStore({ dataDir: ctx.dataDir });
  for (const [v, pic] of variants.entries()) {
    await putMany(store, pic.display, keys[v].display);
    await putMany(store, pic.thumb, keys[v].thumb);
  }
  for (let i = 0; i < rows.length; i += 10_000)
    await ctx.db.execute(sql`
      insert into activity_files (activity_id, kind, name, file_key, thumb_key, content_type, size, width, height,
                                  uploaded_by, created_at)
      select activity_id, 'photo', name, file_key, thumb_key, 'image/jpeg', size, width, height, uploaded_by, created_at
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 10_000))}::jsonb)
          as x(activity_id int8, name text, file_key text, thumb_key text, size int, width int, height int,
               uploaded_by int8, created_at timestamptz)
       order by created_at`);
  return rows.length;
}
