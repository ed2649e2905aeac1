import { and, asc, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type { ClassListQuery, OnlineClass } from '../../../../../contracts/learning/classes.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { searchQuery, searchRank } from '../../../platform/search/index.ts';
import { attendeeCandidates } from '../attendees.ts';
import { ancestorPaths } from '../library/rules.ts';
import { courses, onlineClasses, onlineClassMembers } from '../schema.ts';
import { presentClass } from './present.ts';
import { CLASS, type ClassRow, classFor, finishedCounts, plansOf } from './store.ts';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

async function present(ctx: Ctx, db: Queryable, rows: ClassRow[]): Promise<OnlineClass[]> {
  const ids = rows.map((r) => r.id);
  const orgIds = [...new Set(rows.flatMap((r) => [r.orgId, ...(r.cohortOrgId ? [r.cohortOrgId] : [])]))];
  // one after the other: `db` may be a transaction's one connection
  const names = orgIds.length
    ? new Map(
        (await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds))).map(
          (o) => [o.id, o.name],
        ),
      )
    : new Map<number, string>();
  const plans = await plansOf(db, ids);
  const finished = await finishedCounts(db, ids);
  return rows.map((r) =>
    presentClass(
      ctx.actor,
      r,
      {
        orgName: names.get(r.orgId) ?? '',
        cohortOrgName: r.cohortOrgId ? (names.get(r.cohortOrgId) ?? '') : null,
      },
      plans,
      finished.get(r.id) ?? 0,
    ),
  );
}

/** 网上班级: the classes run by orgs of the caller's scope (or of one org's subtree), newest deadline first. */
export async function listClasses(ctx: Ctx, q: z.infer<typeof ClassListQuery>): Promise<Page<OnlineClass>> {
  const scope = await listScope(ctx, 'class.view', q.orgId);
  const where = and(
    scope.covers(onlineClasses.orgPath),
    q.q ? ilike(onlineClasses.name, `%${escapeLike(q.q)}%`) : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(onlineClasses)
        .where(where)
        .orderBy(desc(onlineClasses.deadline), desc(onlineClasses.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(onlineClasses).where(where),
  });
  return { ...page, items: await present(ctx, ctx.db, page.items) };
}

export async function readClassIn(ctx: Ctx, db: Queryable, id: number): Promise<OnlineClass> {
  const [row] = await db.select().from(onlineClasses).where(eq(onlineClasses.id, id));
  if (!row) throw notFound(CLASS);
  return (await present(ctx, db, [row]))[0];
}

export async function readClass(ctx: Ctx, id: number): Promise<OnlineClass> {
  await classFor(ctx, ctx.db, id, 'class.view');
  return readClassIn(ctx, ctx.db, id);
}

/** The members of the class's cohort, by org and name (the drawer shows the picked ones). */
export async function classMembers(ctx: Ctx, id: number) {
  await classFor(ctx, ctx.db, id, 'class.view');
  const rows = await ctx.db
    .select({ memberId: onlineClassMembers.memberId, name: onlineClassMembers.name })
    .from(onlineClassMembers)
    .where(eq(onlineClassMembers.classId, id))
    .orderBy(asc(onlineClassMembers.orgPath), asc(onlineClassMembers.name))
    .limit(5000);
  return { items: rows.map((r) => ({ memberId: String(r.memberId), name: r.name })) };
}

/** Members of an org's subtree the caller may put in a class, for picking one by one. */
export async function classPeople(ctx: Ctx, orgId: number) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'class.manage', org.path);
  return attendeeCandidates(ctx.db, org.path);
}

/**
 * What a class of the org may plan: courses published to the org or one above it (open to every
 * member of its subtree), matching the words typed (platform/search), else the newest. Courses the
 * org's towns below published for themselves are not offered: they are not open to the whole cohort.
 */
export async function classCourses(ctx: Ctx, orgId: number, typed?: string) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'class.manage', org.path);
  const words = typed ? searchQuery(typed) : null;
  if (typed && !words) return { items: [] };
  const rows = await ctx.db
    .select({ id: courses.id, kind: courses.kind, title: courses.title })
    .from(courses)
    .where(
      and(
        eq(courses.status, 'published'),
        inArray(courses.scopePath, ancestorPaths(org.path)),
        words ? sql`${courses.search} @@ ${words}` : undefined,
      ),
    )
    .orderBy(
      ...(words ? [desc(searchRank(courses.search, words))] : []),
      desc(courses.publishedAt),
      desc(courses.id),
    )
    .limit(20);
  return { items: rows.map((r) => ({ ...r, id: String(r.id) })) };
}
