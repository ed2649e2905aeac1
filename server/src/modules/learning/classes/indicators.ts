import { type SQL, sql } from 'drizzle-orm';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../../platform/module.ts';
import { addMonthsToMonth } from '../../../platform/time.ts';

/**
 * Each member of the cohort of a class whose deadline falls in the month (a class with a plan),
 * with the plan's size, how many of its courses the member had finished by the end of the
 * deadline (24:00 Beijing of that day, 民法典第二百零三条, as platform/time endOfDay) and when the
 * last of them was finished. By the finishing time, not the progress as it stands: a course
 * finished after the deadline does not change a closed month. Given to the member's org as the
 * class recorded it when saved (online_class_members.org_id). The classes of a month are a few
 * hundred in a city; each cohort is read by its key, each member's progress by theirs.
 */
function cohortSql(m: IndicatorMonth, where: SQL): SQL {
  return sql`
    with c as (
      select c.id, c.name, c.deadline,
             ((c.deadline + 1)::timestamp at time zone 'Asia/Shanghai') as ends_at,
             (select count(*) from online_class_courses cc where cc.class_id = c.id)::int as plan
        from online_classes c
       where c.deadline >= ${`${m.month}-01`}::date and c.deadline < ${`${addMonthsToMonth(m.month, 1)}-01`}::date)
    select c.id as class_id, c.name as class_name, c.deadline::text as deadline, c.plan,
           cm.org_id, cm.member_id, cm.name, f.done, f.last_at
      from c
      join online_class_members cm on cm.class_id = c.id
      cross join lateral (
        select count(*)::int as done, max(cp.finished_at) as last_at
          from online_class_courses cc
          join course_progress cp on cp.member_id = cm.member_id and cp.course_id = cc.course_id
           and cp.finished_at < c.ends_at
         where cc.class_id = c.id) f
     where c.plan > 0 and ${where}`;
}

/** 网上班级完成率: members of the classes due in the month who finished every course of the plan by the deadline. */
export const classesCompleted: IndicatorDef = {
  key: 'learning.classes_completed',
  label: { zh: '网上班级按期学完率', en: 'Online class members who finished by the deadline' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    const where = orgIds ? sql`cm.org_id = any(${sql.param([...orgIds])}::int8[])` : sql`true`;
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select org_id, count(*) filter (where done >= plan)::int as num, count(*)::int as den
        from (${cohortSql(m, where)}) x
       group by org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // each member of the org in a class due in the month: finished the plan, or how far they got
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      class_id: number;
      class_name: string;
      deadline: string;
      plan: number;
      name: string;
      done: number;
      last_at: Date | null;
    }>(sql`
      select * from (${cohortSql(m, sql`cm.org_id = ${orgId}`)}) x
       order by x.deadline desc, x.class_id desc, (x.done >= x.plan), x.last_at desc nulls last, x.name
       limit ${limit}`);
    return rows.map((r): IndicatorRecord => {
      const finished = r.done >= r.plan;
      return {
        title: `${r.class_name}：${r.name}`,
        at: finished && r.last_at ? new Date(r.last_at).toISOString() : null,
        counted: finished,
        note: finished
          ? `截止 ${r.deadline} 前学完全部 ${r.plan} 门课程`
          : `截止 ${r.deadline} 时学完 ${r.done}/${r.plan} 门课程，未按期学完`,
        href: `/classes/${r.class_id}`,
      };
    });
  },
};
