import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CourseCategory,
  EditCategory,
  WriteCategory,
} from '../../../../../contracts/learning/library.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { courseCategories, courses } from '../schema.ts';

const CATEGORY = { zh: '课件分类', en: 'Category' };

/**
 * 课件分类: a heading and its topics, set by the department for the whole library (a course is
 * filed under a topic or a heading). Two levels: a member on a phone picks a heading, then a topic.
 */
export async function listCategories(db: Queryable): Promise<{ items: CourseCategory[] }> {
  const { rows } = await db.execute<{
    id: string;
    parent_id: string | null;
    name: string;
    sort_order: number;
    n: number;
  }>(sql`
    select c.id, c.parent_id, c.name, c.sort_order,
           (select count(*) from courses k where k.category_id = c.id and k.status = 'published')::int as n
      from course_categories c
     order by coalesce(c.parent_id, c.id), c.parent_id nulls first, c.sort_order, c.id`);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      parentId: r.parent_id ? String(r.parent_id) : null,
      name: r.name,
      sortOrder: r.sort_order,
      courseCount: r.n,
    })),
  };
}

async function sameName(db: Queryable, parentId: number | null, name: string, except = 0) {
  const [c] = await db
    .select({ id: courseCategories.id })
    .from(courseCategories)
    .where(
      sql`coalesce(${courseCategories.parentId}, 0) = ${parentId ?? 0} and ${courseCategories.name} = ${name} and ${courseCategories.id} <> ${except}`,
    );
  if (c)
    throw fieldError('name', { zh: `已有名为“${name}”的分类`, en: `there is already a category "${name}"` });
}

export async function createCategory(ctx: Ctx, input: z.output<typeof WriteCategory>) {
  await inTransaction(ctx.db, async (tx) => {
    const parentId = input.parentId ? Number(input.parentId) : null;
    if (parentId) {
      const [p] = await tx.select().from(courseCategories).where(eq(courseCategories.id, parentId));
      if (!p) throw fieldError('parentId', { zh: '没有这个上级分类', en: 'no such parent category' });
      if (p.parentId)
        throw fieldError('parentId', {
          zh: '分类只有两级：请选一个顶级分类作为上级',
          en: 'categories have two levels: pick a top-level one',
        });
    }
    await sameName(tx, parentId, input.name);
    const [c] = await tx
      .insert(courseCategories)
      .values({ name: input.name, parentId, sortOrder: input.sortOrder, createdAt: ctx.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'course.category_created',
      targetType: 'course_category',
      targetId: c.id,
      after: { name: c.name, parentId },
    });
  });
  return listCategories(ctx.db);
}

export async function editCategory(ctx: Ctx, id: number, input: z.output<typeof EditCategory>) {
  await inTransaction(ctx.db, async (tx) => {
    const [c] = await tx.select().from(courseCategories).where(eq(courseCategories.id, id)).for('update');
    if (!c) throw notFound(CATEGORY);
    if (input.name !== undefined) await sameName(tx, c.parentId, input.name, id);
    const [after] = await tx
      .update(courseCategories)
      .set({ name: input.name ?? c.name, sortOrder: input.sortOrder ?? c.sortOrder })
      .where(eq(courseCategories.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'course.category_edited',
      targetType: 'course_category',
      targetId: id,
      before: { name: c.name, sortOrder: c.sortOrder },
      after: { name: after.name, sortOrder: after.sortOrder },
    });
  });
  return listCategories(ctx.db);
}

/** Only an empty category goes: no course filed under it, no topic below it. */
export async function removeCategory(ctx: Ctx, id: number) {
  await inTransaction(ctx.db, async (tx) => {
    const [c] = await tx.select().from(courseCategories).where(eq(courseCategories.id, id)).for('update');
    if (!c) throw notFound(CATEGORY);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(courses)
      .where(eq(courses.categoryId, id));
    const [{ k }] = await tx
      .select({ k: sql<number>`count(*)::int` })
      .from(courseCategories)
      .where(eq(courseCategories.parentId, id));
    if (n > 0 || k > 0)
      throw conflict('category_in_use', {
        zh: `该分类下还有 ${n} 个课件、${k} 个子分类，不能删除`,
        en: `the category still holds ${n} courses and ${k} sub-categories`,
      });
    await tx.delete(courseCategories).where(eq(courseCategories.id, id));
    await recordAudit(tx, ctx, {
      action: 'course.category_removed',
      targetType: 'course_category',
      targetId: id,
      before: { name: c.name, parentId: c.parentId },
    });
  });
  return listCategories(ctx.db);
}
