import { and, asc, desc, eq, gte, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type {
  OfflineListQuery,
  OfflinePeople,
  OfflineStudy,
  OfflineStudySummary,
} from '../../../../../contracts/learning/offline.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize, policyFor } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { findOrg, inSubtree } from '../../../platform/tree/index.ts';
import { attendeeCandidates } from '../attendees.ts';
import { requirementSettings } from '../requirements/settings.ts';
import { offlineStudies } from '../schema.ts';
import { presentStudy, presentSummary } from './present.ts';
import { attendeesOf, eventsOf, photosOf, type StudyRow, studiesWith, userName } from './store.ts';

/** Minutes per class hour, for showing minutes as 学时 (the requirement's setting). */
export const classHourMinutesOf = async (db: Queryable) =>
  (await getSetting(db, requirementSettings)).classHourMinutes;

/**
 * 线下学习 in three lists. `mine`: what the caller's orgs have to fix — returned ones first, then
 * drafts. `approve`: submitted sessions of orgs strictly below an org where the caller approves,
 * not submitted by the caller, oldest first so none waits at the bottom. `all`: everything in the
 * caller's scope, latest day first, by state and days.
 */
export async function listStudies(ctx: Ctx, q: OfflineListQuery): Promise<Page<OfflineStudySummary>> {
  const actor = actorOf(ctx);
  const where: (SQL | undefined)[] = [];
  let order: SQL[];
  if (q.box === 'mine') {
    const scope = await listScope(ctx, 'offline_study.record', q.orgId);
    where.push(
      scope.covers(offlineStudies.orgPath),
      q.state ? eq(offlineStudies.state, q.state) : inArray(offlineStudies.state, ['draft', 'returned']),
    );
    order = [
      sql`${offlineStudies.state} = 'returned' desc`,
      desc(offlineStudies.updatedAt),
      desc(offlineStudies.id),
    ];
  } else if (q.box === 'approve') {
    const scope = await listScope(ctx, 'offline_study.approve', q.orgId);
    const roles = policyFor('offline_study.approve').roles;
    // strictly below one of the caller's approving grants: a grant on the org itself is its own
    const above = actor.grants
      .filter((g) => roles.includes(g.role))
      .map((g) => and(inSubtree(offlineStudies.orgPath, g.orgPath), ne(offlineStudies.orgPath, g.orgPath)));
    where.push(
      scope.covers(offlineStudies.orgPath),
      above.length ? or(...above) : sql`false`,
      eq(offlineStudies.state, 'submitted'),
      sql`${offlineStudies.submittedBy} is distinct from ${actor.userId}`,
    );
    order = [asc(offlineStudies.submittedAt), asc(offlineStudies.id)];
  } else {
    const scope = await listScope(ctx, 'offline_study.view', q.orgId);
    where.push(scope.covers(offlineStudies.orgPath), q.state ? eq(offlineStudies.state, q.state) : undefined);
    order = [desc(offlineStudies.studiedOn), desc(offlineStudies.id)];
  }
  if (q.from) where.push(gte(offlineStudies.studiedOn, q.from));
  if (q.to) where.push(lte(offlineStudies.studiedOn, q.to));
  const filter = and(...where);
  const [page, minutes] = await Promise.all([
    paginate(q, {
      rows: (limit, offset) =>
        studiesWith(ctx.db)
          .where(filter)
          .orderBy(...order)
          .limit(limit)
          .offset(offset),
      count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(offlineStudies).where(filter),
    }),
    classHourMinutesOf(ctx.db),
  ]);
  return { ...page, items: page.items.map((x) => presentSummary(ctx.actor, x, minutes)) };
}

/** One session in full, as its drawer shows it. */
export async function studyView(ctx: Ctx, db: Queryable, s: Pick<StudyRow, 'id'>): Promise<OfflineStudy> {
  const [x] = await studiesWith(db).where(eq(offlineStudies.id, s.id));
  // one after the other: `db` may be a transaction's one connection
  const attendees = await attendeesOf(db, s.id);
  const photos = await photosOf(db, s.id);
  const events = await eventsOf(db, s.id);
  const recordedBy = await userName(db, x.s.recordedBy);
  const minutes = await classHourMinutesOf(db);
  return presentStudy(ctx.actor, x, minutes, { recordedBy, attendees, photos, events });
}

export async function readStudy(ctx: Ctx, id: number): Promise<OfflineStudy> {
  const [x] = await studiesWith(ctx.db).where(eq(offlineStudies.id, id));
  if (!x) throw notFound({ zh: '线下学习', en: 'Offline study' });
  authorize(actorOf(ctx), 'offline_study.view', x.s.orgPath, {
    zh: '无权查看该线下学习：登记的党组织不在您的管理范围内',
    en: 'You may not read this session: its org is outside your scope',
  });
  return studyView(ctx, ctx.db, x.s);
}

/** Who may be named as attending a session of the org: its subtree's members who take part. */
export async function offlinePeople(ctx: Ctx, orgId: number): Promise<OfflinePeople> {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'offline_study.record', org.path);
  return attendeeCandidates(ctx.db, org.path);
}
