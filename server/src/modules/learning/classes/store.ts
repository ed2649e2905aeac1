import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { courses, onlineClassCourses, onlineClasses } from '../schema.ts';
import { foldPendingStudy } from '../study/fold.ts';

export type ClassRow = typeof onlineClasses.$inferSelect;
export type PlanRow = { classId: number; id: number; title: string; kind: string };

export const CLASS = { zh: '网上班级', en: 'Online class' };

export async function findClass(db: Queryable, id: number, lock = false): Promise<ClassRow> {
  const q = db.select().from(onlineClasses).where(eq(onlineClasses.id, id));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound(CLASS);
  return c;
}

/** The class, after checking the actor holds `action` on the org that runs it (403 outside their subtree). */
export async function classFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const c = await findClass(db, id, lock);
  authorize(actorOf(ctx), action, c.orgPath, {
    zh: '无权访问该班级：举办班级的党组织不在您的管理范围内',
    en: 'Access denied: this class is outside your scope',
  });
  return c;
}

/** The plans of the classes, courses in their order. */
export async function plansOf(db: Queryable, classIds: readonly number[]): Promise<PlanRow[]> {
  if (!classIds.length) return [];
  return db
    .select({
      classId: onlineClassCourses.classId,
      id: courses.id,
      title: courses.title,
      kind: courses.kind,
    })
    .from(onlineClassCourses)
    .innerJoin(courses, eq(courses.id, onlineClassCourses.courseId))
    .where(inArray(onlineClassCourses.classId, [...classIds]))
    .orderBy(asc(onlineClassCourses.classId), asc(onlineClassCourses.position));
}

/**
 * Members of each class who finished every course of its plan (course_progress.finished_at set for
 * all of them), read at the time of asking (their study not yet folded into it first).
 */
export async function finishedCounts(
  db: Queryable,
  classIds: readonly number[],
): Promise<Map<number, number>> {
  if (!classIds.length) return new Map();
  await foldPendingStudy(db, { classIds: classIds.map(Number) });
  const { rows } = await db.execute<{ class_id: number; n: number }>(sql`
    with plan as (
      select class_id, count(*)::int as total from online_class_courses
       where class_id = any(${sql.param(classIds.map(Number))}::int8[]) group by class_id),
    done as (
      select m.class_id, m.member_id, count(*)::int as done
        from online_class_members m
        join online_class_courses cc on cc.class_id = m.class_id
        join course_progress cp on cp.member_id = m.member_id and cp.course_id = cc.course_id
                               and cp.finished_at is not null
       where m.class_id = any(${sql.param(classIds.map(Number))}::int8[])
       group by m.class_id, m.member_id)
    select d.class_id, count(*)::int as n from done d join plan p on p.class_id = d.class_id
     where d.done >= p.total group by d.class_id`);
  return new Map(rows.map((r) => [Number(r.class_id), Number(r.n)]));
}
