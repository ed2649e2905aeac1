import { sql } from 'drizzle-orm';
import { nextIds } from '../../../db/client.ts';
import { demoRandom as rng } from '../../../db/demo-random.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addDays, daysBetween, shanghaiToday } from '../../../platform/time.ts';
import { type ActivityPerson, activityPeople } from '../../members/index.ts';
import { creditStudyInBulk } from '../study/credit-study.ts';

const TOPICS = [
  '集中学习党的二十届四中全会精神',
  '学习《中国共产党章程》',
  '观看红色教育影片并交流体会',
  '赴革命纪念馆开展现场教学',
  '学习习近平总书记关于“三农”工作的重要论述',
  '专题学习《中国共产党纪律处分条例》',
  '“两学一做”专题研讨',
  '乡村振兴政策宣讲',
];
const PLACES = ['村党员活动室', '党群服务中心', '县委党校', '红色教育基地', '镇会议室'];
const RETURNS = [
  '请补充签到表照片',
  '参学人员与签到表不一致，请核对',
  '学习时长填写有误，现场教学半天应为 3 小时',
  '请补充学习内容摘要',
];

/** Branches of each demo town that record offline study (the demo secretary's first). */
const BRANCHES_PER_TOWN = 12;

/**
 * Offline study this year for branches of the two demo towns, in every state: most approved by
 * the town (and credited to the attendees, set-based), some waiting for the town, some returned
 * with a reason, a few drafts. The demo secretary's branch has one of each, so the demo shows
 * both sides of the approval at once.
 */
export async function seedOfflineStudies(ctx: SeedContext) {
  const db = ctx.db;
  const r = rng(20261405);
  const today = shanghaiToday();
  const jan1 = `${today.slice(0, 4)}-01-01`;
  const span = Math.max(1, daysBetween(jan1, today));
  const studies: Record<string, unknown>[] = [];
  const attendees: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (const town of [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => !!t)) {
    const { rows: branches } = await db.execute<{ id: number; path: string }>(sql`
      select id, path from orgs
       where kind = 'branch' and path like (select path from orgs where id = ${town}) || '%'
       order by id = ${ctx.demo.villageBranch ?? 0} desc, path limit ${BRANCHES_PER_TOWN}`);
    const { rows: admins } = await db.execute<{ user_id: number; name: string }>(sql`
      select g.user_id, u.display_name || '(' || u.username || ')' as name
        from role_grants g join users u on u.id = g.user_id
       where g.org_id = ${town} and g.role = 'org_admin' order by g.user_id limit 1`);
    const admin = admins[0] ?? null;
    const [{ path: townPath }] = (
      await db.execute<{ path: string }>(sql`select path from orgs where id = ${town}`)
    ).rows;
    const people = new Map<number, ActivityPerson[]>();
    for (const p of await activityPeople(db, { orgPath: townPath }))
      people.set(p.orgId, [...(people.get(p.orgId) ?? []), p]);
    for (const b of branches) {
      const members = [...people.entries()]
        .filter(([, list]) => list[0].orgPath.startsWith(b.path))
        .flatMap(([, list]) => list);
      if (!members.length) continue;
      const demo = Number(b.id) === ctx.demo.villageBranch;
      const states = demo
        ? ['approved', 'approved', 'submitted', 'returned', 'draft']
        : Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
            const x = r();
            return x < 0.7 ? 'approved' : x < 0.82 ? 'submitted' : x < 0.92 ? 'returned' : 'draft';
          });
      for (const state of states) {
        const studiedOn = addDays(jan1, Math.floor(r() * span));
        const at = new Date(`${studiedOn}T18:00:00+08:00`);
        const submittedAt = new Date(at.getTime() + 86_400_000);
        const decidedAt = new Date(at.getTime() + 3 * 86_400_000);
        const decided = state === 'approved' || state === 'returned';
        const i = studies.length;
        studies.push({
          i,
          org_id: b.id,
          org_path: b.path,
          topic: TOPICS[Math.floor(r() * TOPICS.length)],
          studied_on: studiedOn,
          minutes: [90, 120, 180, 240][Math.floor(r() * 4)],
          place: PLACES[Math.floor(r() * PLACES.length)],
          state,
          approver_org_id: state === 'draft' ? null : town,
          submissions: state === 'draft' ? 0 : 1,
          submitted_at: state === 'draft' ? null : submittedAt.toISOString(),
          decided_at: decided ? decidedAt.toISOString() : null,
          decided_by: decided ? (admin?.user_id ?? null) : null,
          return_reason: state === 'returned' ? RETURNS[Math.floor(r() * RETURNS.length)] : null,
          created_at: at.toISOString(),
        });
        for (const p of members.filter(() => r() < 0.8).slice(0, 60))
          attendees.push({ i, member_id: p.memberId, name: p.name });
        if (state !== 'draft') events.push({ i, action: 'submitted', at: submittedAt.toISOString() });
        if (decided)
          events.push({
            i,
            action: state,
            reason: studies[i].return_reason,
            actor_id: admin?.user_id ?? null,
            actor_name: admin?.name ?? null,
            at: decidedAt.toISOString(),
          });
      }
    }
  }
  // a study with no attendee is none: drop those the dice left empty
  const named = new Set(attendees.map((a) => a.i));
  const kept = studies.filter((s) => named.has(s.i));
  const ids = await nextIds(db, 'offline_studies', studies.length);
  for (const x of [...studies, ...attendees, ...events]) x.study_id = ids[x.i as number];
  for (const s of kept) s.id = s.study_id;
  const keep = (x: Record<string, unknown>) => named.has(x.i);
  if (kept.length)
    await db.execute(sql`
      insert into offline_studies (id, org_id, org_path, topic, studied_on, minutes, place, state, approver_org_id,
                                   submissions, submitted_at, decided_at, decided_by, return_reason, created_at, updated_at)
      select id, org_id, org_path, topic, studied_on, minutes, place, state, approver_org_id, submissions,
             submitted_at, decided_at, decided_by, return_reason, created_at, coalesce(decided_at, submitted_at, created_at)
        from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb)
          as x(id int8, org_id int8, org_path text, topic text, studied_on date, minutes int, place text, state text,
               approver_org_id int8, submissions int, submitted_at timestamptz, decided_at timestamptz, decided_by int8,
               return_reason text, created_at timestamptz)`);
  if (attendees.length)
    await db.execute(sql`
      insert into offline_study_attendees (study_id, member_id, name)
      select study_id, member_id, name
        from jsonb_to_recordset(${JSON.stringify(attendees)}::jsonb) as x(study_id int8, member_id int8, name text)`);
  const keptEvents = events.filter(keep);
  if (keptEvents.length)
    await db.execute(sql`
      insert into offline_study_events (study_id, action, reason, actor_id, actor_name, at)
      select study_id, action, reason, actor_id, actor_name, at
        from jsonb_to_recordset(${JSON.stringify(keptEvents)}::jsonb)
          as x(study_id int8, action text, reason text, actor_id int8, actor_name text, at timestamptz)`);
  // only approved study counts (组织认定)
  await creditStudyInBulk(
    db,
    sql`select a.member_id, 'offline' as source, s.studied_on as day, s.minutes * 60 as seconds
          from offline_study_attendees a join offline_studies s on s.id = a.study_id
         where s.state = 'approved'`,
  );
  ctx.log(`线下学习 ${kept.length} 次（${kept.filter((s) => s.state === 'approved').length} 次已审批通过）`);
}
