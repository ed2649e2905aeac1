import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ClassProgress, ProgressQuery, ProgressRow } from '../../../../../contracts/learning/classes.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { foldPendingStudy } from '../study/fold.ts';
import { histogramOf } from './rules.ts';
import { classFor } from './store.ts';

type Raw = { member_id: number; name: string; org_name: string; done: number; seconds: number };

/**
 * Each member of the cohort against the plan: courses finished (course_progress.finished_at set),
 * seconds studied on the plan's courses. Sorted by org, then name; `unfinished` keeps those with
 * a course left. One statement; `limit` null reads them all (the export).
 */
async function progressRows(
  db: Queryable,
  classId: number,
  total: number,
  o: { unfinished: boolean; limit: number | null; offset: number },
) {
  const { rows } = await db.execute<Raw>(sql`
    select m.member_id, m.name, coalesce(org.name, '') as org_name,
           count(cp.finished_at)::int as done, coalesce(sum(cp.seconds), 0)::int as seconds
      from online_class_members m
      left join orgs org on org.id = m.org_id
      left join course_progress cp on cp.member_id = m.member_id
            and cp.course_id in (select course_id from online_class_courses where class_id = ${classId})
     where m.class_id = ${classId}
     group by m.member_id, m.name, org.name, m.org_path
    ${o.unfinished ? sql`having count(cp.finished_at) < ${total}` : sql``}
     order by m.org_path, m.name, m.member_id
    ${o.limit == null ? sql`` : sql`limit ${o.limit} offset ${o.offset}`}`);
  return rows.map(
    (r): ProgressRow => ({
      memberId: String(r.member_id),
      name: r.name,
      orgName: r.org_name,
      done: Number(r.done),
      total,
      seconds: Number(r.seconds),
      finishedAll: Number(r.done) >= total,
    }),
  );
}

/** How many members finished exactly 0, 1, … n courses of the plan. */
async function doneCounts(db: Queryable, classId: number) {
  const { rows } = await db.execute<{ done: number; n: number }>(sql`
    select d.done, count(*)::int as n from (
      select m.member_id, count(cp.finished_at)::int as done
        from online_class_members m
        left join course_progress cp on cp.member_id = m.member_id
              and cp.course_id in (select course_id from online_class_courses where class_id = ${classId})
       where m.class_id = ${classId}
       group by m.member_id) d
     group by d.done`);
  return rows.map((r) => ({ done: Number(r.done), n: Number(r.n) }));
}

export async function planSize(db: Queryable, classId: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from online_class_courses where class_id = ${classId}`,
  );
  return Number(rows[0].n);
}

/** 学习进度: a page of the table, with the chart's bars and the class's totals. */
export async function classProgress(
  ctx: Ctx,
  id: number,
  q: z.infer<typeof ProgressQuery>,
): Promise<ClassProgress> {
  const c = await classFor(ctx, ctx.db, id, 'class.view');
  // the cohort's study not yet folded into course_progress first (study/fold.ts)
  await foldPendingStudy(ctx.db, { classIds: [id] });
  const total = await planSize(ctx.db, id);
  const counts = await doneCounts(ctx.db, id);
  const histogram = histogramOf(total, counts);
  const memberCount = histogram.reduce((a, b) => a + b, 0);
  const finishedCount = histogram[total] ?? 0;
  const unfinished = q.unfinished === 'true';
  const items = await progressRows(ctx.db, c.id, total, {
    unfinished,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items,
    total: unfinished ? memberCount - finishedCount : memberCount,
    page: q.page,
    pageSize: q.pageSize,
    courseCount: total,
    memberCount,
    finishedCount,
    histogram,
  };
}

/** Every row of the table (the export), and the plan's size. */
export async function allProgress(db: Queryable, classId: number, unfinished: boolean) {
  await foldPendingStudy(db, { classIds: [classId] });
  const total = await planSize(db, classId);
  return { total, rows: await progressRows(db, classId, total, { unfinished, limit: null, offset: 0 }) };
}

/** Members of the class with a course of the plan left (the reminder's recipients). */
export async function unfinishedMemberIds(db: Queryable, classId: number): Promise<number[]> {
  const { rows } = await allProgress(db, classId, true);
  return rows.map((r) => Number(r.memberId));
}
