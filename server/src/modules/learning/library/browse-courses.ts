import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  LearnerCourse,
  LearnerCourseQuery,
  LearnerCourseSummary,
} from '../../../../../contracts/learning/library.ts';
import { TtlCache } from '../../../platform/cache.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { searchQuery } from '../../../platform/search/index.ts';
import { courseCategories, courses } from '../schema.ts';
import { presentLearnerCourse, presentLearnerSummary } from './present.ts';
import { ancestorPaths } from './rules.ts';
import {
  COURSE,
  type CourseRow,
  fileOf,
  findCourse,
  learnerPathOf,
  namesOf,
  pageOfCourses,
} from './store.ts';
import { findVisibleCourse } from './visible.ts';

/**
 * 学习 (member app): the published courses open to the member — published to their org or one
 * above it — by category (a heading takes in its topics) and kind, newest first, or, with words,
 * best match first (platform/search: the words ANDed, title and tags weighing most).
 */
export async function browseCourses(
  ctx: Ctx,
  q: z.infer<typeof LearnerCourseQuery>,
): Promise<Page<LearnerCourseSummary>> {
  const path = await keptLearnerPath(ctx);
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  if (!path) return empty;
  const words = q.q ? searchQuery(q.q) : null;
  if (q.q && !words) return empty;
  const filters: SQL[] = [eq(courses.status, 'published'), inArray(courses.scopePath, ancestorPaths(path))];
  if (q.kind) filters.push(eq(courses.kind, q.kind));
  if (q.categoryId) {
    const id = Number(q.categoryId);
    filters.push(
      inArray(
        courses.categoryId,
        ctx.db
          .select({ id: courseCategories.id })
          .from(courseCategories)
          .where(sql`${courseCategories.id} = ${id} or ${courseCategories.parentId} = ${id}`),
      ),
    );
  }
  const page = await pageOfCourses(ctx.db, q, filters, words, courses.publishedAt);
  const { names, ...rest } = page;
  return { ...rest, items: rest.items.map((c) => presentLearnerSummary(c, names)) };
}

/**
 * Where the searcher belongs, kept 10 s in this process: the route keeps the login session as long
 * (routes.ts `sessionKeptMs`), and a member moved to another org sees the old scope's list at most
 * that much longer (opening a course checks the scope afresh, visibleCourseFor).
 */
const learnerPaths = new TtlCache<number, string | null>(100_000, 10_000);
async function keptLearnerPath(ctx: Ctx): Promise<string | null> {
  const userId = actorOf(ctx).userId;
  const kept = learnerPaths.get(userId);
  if (kept !== undefined) return kept;
  const path = await learnerPathOf(ctx);
  learnerPaths.set(userId, path);
  return path;
}

/** A course the member studies (404 when it is not open to them: a draft, withdrawn, another scope's). */
export async function visibleCourseFor(ctx: Ctx, id: number): Promise<CourseRow> {
  const path = await learnerPathOf(ctx);
  if (!path || !(await findVisibleCourse(ctx.db, id, path))) throw notFound(COURSE);
  return findCourse(ctx.db, id);
}

export async function readLearnerCourse(ctx: Ctx, id: number): Promise<LearnerCourse> {
  const c = await visibleCourseFor(ctx, id);
  const [file, names] = await Promise.all([
    fileOf(ctx.db, c.fileId),
    namesOf(ctx.db, [c.orgId], c.categoryId ? [c.categoryId] : []),
  ]);
  return presentLearnerCourse(c, file, names);
}
