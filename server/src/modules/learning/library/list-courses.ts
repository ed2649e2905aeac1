import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type { CourseListQuery, CourseSummary } from '../../../../../contracts/learning/library.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { searchQuery } from '../../../platform/search/index.ts';
import { courses } from '../schema.ts';
import { presentCourseSummary } from './present.ts';
import { managesCourse, pageOfCourses } from './store.ts';

/**
 * 课件库 (admins): the courses their subtree published — drafts, published, withdrawn — newest
 * first, or, with words, best match first (platform/search).
 */
export async function listCourses(
  ctx: Ctx,
  q: z.infer<typeof CourseListQuery>,
): Promise<Page<CourseSummary>> {
  const scope = await listScope(ctx, 'course.manage', q.orgId);
  const words = q.q ? searchQuery(q.q) : null;
  const filters: SQL[] = [scope.covers(courses.orgPath)];
  if (q.kind) filters.push(eq(courses.kind, q.kind));
  if (q.status) filters.push(eq(courses.status, q.status));
  if (q.categoryId) filters.push(eq(courses.categoryId, Number(q.categoryId)));
  if (q.tag) filters.push(sql`${courses.tags} @> array[${q.tag}]::text[]`);
  if (q.q && !words) filters.push(sql`false`);
  const page = await pageOfCourses(ctx.db, q, filters, words, courses.createdAt);
  const { names, ...rest } = page;
  return {
    ...rest,
    items: page.items.map((c) => presentCourseSummary(c, names, managesCourse(ctx, c))),
  };
}
