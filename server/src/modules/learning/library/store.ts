import { type AnyColumn, and, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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
/** A course as a list shows it: no body, no search keys (the long columns, kept out of line). */
export type CourseListRow = Omit<CourseRow, 'body' | 'search' | 'headSearch'>;
const { body: _body, search: _search, headSearch: _head, ...listColumns } = getTableColumns(courses);
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
/** The names a course is shown with: orgs (who published it, to whom) and categories, by id. */
export type Names = { org: Map<number, string>; category: Map<number, string> };

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

/** How many of the best head matches are ranked again on the whole document. */
const RERANKED = 100;

/**
 * A page of courses (ids first, then the page's rows). Without words: newest first, the ids and
 * the count in one narrow windowed pass. With words, best match first in two tiers: the courses
 * whose head (title, tags and their synonyms: `head_search`, a few hundred bytes in the row) matches,
 * ranked on the head, the first RERANKED of them then on the whole document; then the rest of the
 * matches, ranked on the whole document. So a page of a common word
 * ranks a few hundred small vectors instead of thousands of whole ones (each compressed out of
 * line): 三会一课 among a city's 18,000 courses 91 → 14 ms (docs/SCALE.md). The head's lexemes are
 * all in the whole's, so a head match is a match; a course whose head is not yet indexed (the
 * job's, after an upgrade) ranks with the rest.
 */
export async function pageOfCourses(
  db: Queryable,
  q: PageQuery,
  filters: SQL[],
  words: SQL | null,
  newest: AnyColumn,
): Promise<{ items: CourseListRow[]; names: Names; total: number; page: number; pageSize: number }> {
  const limit = q.pageSize;
  const offset = (q.page - 1) * q.pageSize;
  // the page's rows with the names a list shows (who published it, to whom, its category): one statement
  const rowsOf = async (ids: number[]) => {
    if (!ids.length) return { rows: [], names: { org: new Map(), category: new Map() } };
    const scopeOrg = alias(orgs, 'scope_org');
    const found = await db
      .select({
        ...listColumns,
        orgName: orgs.name,
        scopeOrgName: scopeOrg.name,
        categoryName: courseCategories.name,
      })
      .from(courses)
      .leftJoin(orgs, eq(orgs.id, courses.orgId))
      .leftJoin(scopeOrg, eq(scopeOrg.id, courses.scopeOrgId))
      .leftJoin(courseCategories, eq(courseCategories.id, courses.categoryId))
      .where(inArray(courses.id, ids));
    const names: Names = { org: new Map(), category: new Map() };
    const byId = new Map<number, CourseListRow>();
    for (const { orgName, scopeOrgName, categoryName, ...c } of found) {
      if (orgName !== null) names.org.set(c.orgId, orgName);
      if (scopeOrgName !== null) names.org.set(c.scopeOrgId, scopeOrgName);
      if (categoryName !== null && c.categoryId !== null) names.category.set(c.categoryId, categoryName);
      byId.set(c.id, c);
    }
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), names };
  };
  if (!words) {
    const where = and(...filters);
    const page = await paginate(q, {
      rows: (l, o) =>
        db
          .select({ id: courses.id, total: sql<number>`count(*) over ()` })
          .from(courses)
          .where(where)
          .orderBy(desc(newest), desc(courses.id))
          .limit(l)
          .offset(o),
      count: () => db.select({ n: sql<number>`count(*)::int` }).from(courses).where(where),
      totalIn: (r) => Number(r.total),
    });
    const { rows, names } = await rowsOf(page.items.map((r) => r.id));
    return { ...page, items: rows, names };
  }
  const where = and(...filters, sql`${courses.search} @@ ${words}`);
  const inHead = sql`${courses.headSearch} @@ ${words}`;
  // one pass over the matches: how many, how many by their head, and the head tier's part of the
  // page: ranked on the head, its first RERANKED ranked again on the whole document (the summary
  // and body then count too, for a few dozen vectors only), the rest of the tier in the head's order
  const [counted] = await db
    .execute<{ total: number; in_head: number; ids: string[] }>(sql`
    with hit as materialized (
      select ${courses.id} as id, ${courses.headSearch} as head, ${newest} as newest, ${inHead} as in_head
        from ${courses} where ${where}),
    ranked as (
      select id, newest, row_number() over (order by ${searchRank(sql`head`, words)} desc, newest desc, id desc) as n
        from hit where in_head)
    select (select count(*)::int from hit) as total,
           (select count(*)::int from ranked) as in_head,
           array(select r.id from ranked r
                  order by r.n > ${RERANKED}::int,
                           case when r.n <= ${RERANKED}::int
                                then (select ${searchRank(sql`w.search`, words)} from ${courses} w where w.id = r.id) end
                             desc nulls last,
                           case when r.n <= ${RERANKED}::int then 0 else r.n end, r.newest desc, r.id desc
                  limit ${limit}::int offset ${offset}::int) as ids`)
    .then((r) => r.rows);
  const total = Number(counted.total);
  const head = Number(counted.in_head);
  const ids = counted.ids.map(Number);
  // the rest of the page from the other matches, ranked on the whole document
  if (ids.length < limit && total > head) {
    const rest = await db
      .select({ id: courses.id })
      .from(courses)
      .where(and(where, sql`not (${inHead})`))
      .orderBy(desc(searchRank(courses.search, words)), desc(newest), desc(courses.id))
      .limit(limit - ids.length)
      .offset(Math.max(0, offset - head));
    ids.push(...rest.map((r) => r.id));
  }
  const { rows, names } = await rowsOf(ids);
  return { items: rows, names, total, page: q.page, pageSize: q.pageSize };
}
