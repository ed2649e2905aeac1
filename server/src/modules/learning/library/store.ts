import { type AnyColumn, and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PageQuery } from '../../../../../contracts/common.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize, can } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { searchRank } from '../../../platform/search/index.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { memberOfUser } from '../../members/index.ts';
import { courseCategories, courseFiles, courses } from '../schema.ts';

export type CourseRow = typeof courses.$inferSelect;
export type CourseFileRow = typeof courseFiles.$inferSelect;

export const COURSE = { zh: '课件', en: 'Course' };

/** One course (locked for the rest of the transaction with `lock`), 404 when there is none. */
export async function findCourse(db: Queryable, id: number, lock = false): Promise<CourseRow> {
  const q = db.select().from(courses).where(eq(courses.id, id));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound(COURSE);
  return c;
}

/** The course, after checking the actor manages its publisher (an admin of another town: 403). */
export async function courseFor(ctx: Ctx, db: Queryable, id: number, lock = false): Promise<CourseRow> {
  const c = await findCourse(db, id, lock);
  authorize(actorOf(ctx), 'course.manage', c.orgPath);
  return c;
}

export const managesCourse = (ctx: Ctx, c: { orgPath: string }) =>
  !!ctx.actor && can(ctx.actor, 'course.manage', c.orgPath);

export async function fileOf(db: Queryable, fileId: number | null): Promise<CourseFileRow | null> {
  if (!fileId) return null;
  const [f] = await db.select().from(courseFiles).where(eq(courseFiles.id, fileId));
  return f ?? null;
}

/** Names of orgs and categories, for presenting a page of courses in two queries. */
export async function namesOf(db: Queryable, orgIds: number[], categoryIds: number[]) {
  const [o, c] = await Promise.all([
    orgIds.length
      ? db
          .select({ id: orgs.id, name: orgs.name })
          .from(orgs)
          .where(inArray(orgs.id, [...new Set(orgIds)]))
      : [],
    categoryIds.length
      ? db
          .select({ id: courseCategories.id, name: courseCategories.name })
          .from(courseCategories)
          .where(inArray(courseCategories.id, [...new Set(categoryIds)]))
      : [],
  ]);
  return {
    org: new Map(o.map((r) => [r.id, r.name])),
    category: new Map(c.map((r) => [r.id, r.name])),
  };
}

/**
 * Where the one who studies belongs: their member record's org; a login without one (an admin
 * trying the member app) studies as of the org their account belongs to.
 */
export async function learnerPathOf(ctx: Ctx): Promise<string | null> {
  const actor = actorOf(ctx);
  const me = await memberOfUser(ctx.db, actor.userId);
  if (me) return me.orgPath;
  const home = actor.session?.homeOrgId;
  if (home) return (await findOrg(ctx.db, home))?.path ?? null;
  return actor.grants[0]?.orgPath ?? null;
}

/**
 * One page of courses matching `filters`: with search words, best match first, else newest first
 * by `newest` (the admin's list by creation, the member's by publication); ties by id.
 */
export async function pageOfCourses(
  db: Queryable,
  q: PageQuery,
  filters: SQL[],
  words: SQL | null,
  newest: AnyColumn,
) {
  const where = and(...filters, ...(words ? [sql`${courses.search} @@ ${words}`] : []));
  const order = [...(words ? [desc(searchRank(courses.search, words))] : []), desc(newest), desc(courses.id)];
  // the page's ids and the count in one narrow pass (a window over the matches: each match is
  // checked once, not again for the total, and no wide row is carried through the sort), then the
  // page's ten rows
  const page = await paginate(q, {
    rows: async (limit, offset) => {
      const top = await db
        .select({ id: courses.id, total: sql<number>`count(*) over ()` })
        .from(courses)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset);
      if (!top.length) return [];
      const rows = await db
        .select()
        .from(courses)
        .where(
          inArray(
            courses.id,
            top.map((t) => t.id),
          ),
        );
      const byId = new Map(rows.map((c) => [c.id, c]));
      return top.flatMap((t) => {
        const course = byId.get(t.id);
        return course ? [{ course, total: t.total }] : [];
      });
    },
    count: () => db.select({ n: sql<number>`count(*)::int` }).from(courses).where(where),
    totalIn: (r) => Number(r.total),
  });
  return { ...page, items: page.items.map((r) => r.course) };
}
