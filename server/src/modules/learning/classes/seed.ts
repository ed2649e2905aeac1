import { sql } from 'drizzle-orm';
import type { SeedContext } from '../../../platform/module.ts';
import { addDays, shanghaiToday } from '../../../platform/time.ts';
import { type ActivityPerson, activityPeople } from '../../members/index.ts';

/** The classes every town runs in the demo: the whole town, one branch, members picked from another. */
const PLANS = [
  { name: '冬训网上专题班', courses: 3, from: -20, to: 40, cohort: 'town' },
  { name: '党支部学习贯彻专题班', courses: 2, from: -120, to: -30, cohort: 'branch' },
  { name: '发展党员及新党员培训班', courses: 4, from: -10, to: 20, cohort: 'picked' },
] as const;
const PICKED = 20;

/**
 * A few online classes in every town (at city scale, every town of every district: a few hundred),
 * their plans from the courses open to all, their cohorts resolved to members as a saved class
 * is. Progress is not seeded: it is read from the members' course_progress (study/ seeds it).
 * The members of a town are read once (members' activityPeople) and written in one statement.
 */
export async function seedClasses(ctx: SeedContext) {
  const db = ctx.db;
  const { rows: towns } = await db.execute<{ id: number; path: string; name: string }>(sql`
    select id, path, name from orgs
     where depth = ${ctx.scale === 'city' ? 2 : 1} and name like '%镇委员会' order by path`);
  const { rows: open } = await db.execute<{ id: number }>(sql`
    select id from courses
     where status = 'published' and scope_path = (select path from orgs where parent_id is null order by id limit 1)
     order by id`);
  if (!towns.length || !open.length) return;
  const today = shanghaiToday(new Date());
  let classes = 0;
  let seats = 0;
  for (const [t, town] of towns.entries()) {
    const people = await activityPeople(db, { orgPath: town.path });
    if (!people.length) continue;
    const branches = [...new Set(people.map((p) => p.orgPath))].sort();
    const cohorts: Record<
      (typeof PLANS)[number]['cohort'],
      { org: string | null; people: ActivityPerson[] }
    > = {
      town: { org: town.path, people },
      branch: { org: branches[0], people: people.filter((p) => p.orgPath === branches[0]) },
      picked: {
        org: null,
        people: people
          .filter((p) => p.orgPath === branches[Math.min(1, branches.length - 1)])
          .slice(0, PICKED),
      },
    };
    const rows = PLANS.map((p, i) => ({
      name: `${new Date().getFullYear()}年${p.name}`,
      kind: p.cohort === 'picked' ? 'members' : 'org',
      cohortPath: cohorts[p.cohort].org,
      members: cohorts[p.cohort].people.length,
      startsOn: addDays(today, p.from),
      deadline: addDays(today, p.to),
      courses: Array.from({ length: p.courses }, (_, k) =>
        Number(open[(t * 7 + i * 3 + k) % open.length].id),
      ),
    }));
    const { rows: made } = await db.execute<{ id: number }>(sql`
      insert into online_classes (org_id, org_path, name, description, cohort_kind, cohort_org_id, member_count,
                                  starts_on, deadline, created_at, updated_at)
      select ${town.id}, ${town.path}, x.name, '按课程计划在截止日期前学完全部课程', x.kind,
             (select id from orgs where path = x."cohortPath"), x.members, x."startsOn"::date, x.deadline::date,
             now() - interval '30 days', now() - interval '30 days'
        from jsonb_to_recordset(${JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))}::jsonb)
          as x(name text, kind text, "cohortPath" text, members int, "startsOn" text, deadline text, ord int)
       order by ord
      returning id`);
    const ids = made.map((m) => Number(m.id)).sort((a, b) => a - b);
    await db.execute(sql`
      insert into online_class_courses (class_id, course_id, position)
      select (${sql.param(ids)}::int8[])[x.i], x.c, x.p
        from jsonb_to_recordset(${JSON.stringify(rows.flatMap((r, i) => [...new Set(r.courses)].map((c, k) => ({ i: i + 1, c, p: k + 1 }))))}::jsonb)
          as x(i int, c int8, p int)`);
    const seat = PLANS.flatMap((p, i) => cohorts[p.cohort].people.map((m) => ({ ...m, classId: ids[i] })));
    await db.execute(sql`
      insert into online_class_members (class_id, member_id, org_id, org_path, name)
      select * from unnest(${sql.param(seat.map((s) => s.classId))}::int8[], ${sql.param(seat.map((s) => s.memberId))}::int8[],
                           ${sql.param(seat.map((s) => s.orgId))}::int8[], ${sql.param(seat.map((s) => s.orgPath))}::text[],
                           ${sql.param(seat.map((s) => s.name))}::text[])`);
    classes += ids.length;
    seats += seat.length;
  }
  ctx.log(`网上班级 ${classes} 个，学员 ${seats} 人次`);
}
