import { sql } from 'drizzle-orm';
import type { MyClasses } from '../../../../../contracts/learning/classes.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { memberOfUser } from '../../members/index.ts';

/**
 * 我的班级: the classes the caller's member record is in, deadline nearest first, each course of the
 * plan marked done or not (course_progress.finished_at) with the seconds studied on it, the
 * session's credit not yet folded included.
 */
export async function myClasses(ctx: Ctx): Promise<MyClasses> {
  const me = await memberOfUser(ctx.db, actorOf(ctx).userId);
  if (!me) return { items: [] };
  const { rows } = await ctx.db.execute<{
    id: number;
    name: string;
    description: string;
    org_name: string;
    starts_on: string;
    deadline: string;
    course_id: number;
    title: string;
    kind: string;
    seconds: number | null;
    finished: boolean;
  }>(sql`
    select c.id, c.name, c.description, coalesce(o.name, '') as org_name, c.starts_on::text, c.deadline::text,
           co.id as course_id, co.title, co.kind, coalesce(cp.seconds, 0) + coalesce(p.seconds, 0) as seconds,
           coalesce(cp.finished_at is not null or coalesce(cp.seconds, 0) + p.seconds >= p.finished_after, false)
             as finished
      from online_class_members m
      join online_classes c on c.id = m.class_id
      left join orgs o on o.id = c.org_id
      join online_class_courses cc on cc.class_id = c.id
      join courses co on co.id = cc.course_id
      left join course_progress cp on cp.member_id = m.member_id and cp.course_id = cc.course_id
      -- the credit the session holds not yet folded into course_progress (study/fold.ts)
      left join (select d.pending_course_id, d.pending_seconds as seconds, d.pending_finished_after as finished_after
                   from study_devices d where d.member_id = ${me.memberId} and d.pending_seconds > 0) p
             on p.pending_course_id = cc.course_id
     where m.member_id = ${me.memberId}
     order by c.deadline, c.id, cc.position`);
  const items: MyClasses['items'] = [];
  for (const r of rows) {
    let c = items.at(-1);
    if (!c || c.id !== String(r.id)) {
      c = {
        id: String(r.id),
        name: r.name,
        description: r.description,
        orgName: r.org_name,
        startsOn: r.starts_on,
        deadline: r.deadline,
        done: 0,
        total: 0,
        courses: [],
      };
      items.push(c);
    }
    c.total += 1;
    if (r.finished) c.done += 1;
    c.courses.push({
      id: String(r.course_id),
      title: r.title,
      kind: r.kind,
      done: r.finished,
      seconds: Number(r.seconds ?? 0),
    });
  }
  return { items };
}
