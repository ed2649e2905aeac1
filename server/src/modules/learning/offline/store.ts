import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client.ts';
import { authorize, policyFor } from '../../../platform/access/index.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { ancestorIds, orgs } from '../../../platform/tree/index.ts';
import { offlineStudies, offlineStudyAttendees, offlineStudyEvents, offlineStudyPhotos } from '../schema.ts';
import { approverOrgOf } from './rules.ts';

export type StudyRow = typeof offlineStudies.$inferSelect;

export const OFFLINE = { zh: '线下学习', en: 'Offline study' };

const approverOrg = alias(orgs, 'approver_org');
const decider = alias(users, 'decider');

/** What a list shows beside the row: the org's name, the approving org's, who decided, how many came. */
export const studyColumns = {
  s: offlineStudies,
  orgName: orgs.name,
  approverOrgName: approverOrg.name,
  decidedByName: decider.displayName,
  attendeeCount: sql<number>`(select count(*)::int from ${offlineStudyAttendees} a where a.study_id = ${offlineStudies.id})`,
};
export type StudyListRow = {
  s: StudyRow;
  orgName: string;
  approverOrgName: string | null;
  decidedByName: string | null;
  attendeeCount: number;
};

export function studiesWith(db: Queryable) {
  return db
    .select(studyColumns)
    .from(offlineStudies)
    .innerJoin(orgs, eq(orgs.id, offlineStudies.orgId))
    .leftJoin(approverOrg, eq(approverOrg.id, offlineStudies.approverOrgId))
    .leftJoin(decider, eq(decider.id, offlineStudies.decidedBy));
}

/** One session (locked for the rest of the transaction with `lock`), 404 when there is none. */
export async function findStudy(db: Queryable, id: number, lock = false): Promise<StudyRow> {
  const q = db.select().from(offlineStudies).where(eq(offlineStudies.id, id));
  const [s] = lock ? await q.for('update') : await q;
  if (!s) throw notFound(OFFLINE);
  return s;
}

/** The session, after checking the actor holds `action` on its org (403 outside their subtree). */
export async function studyFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const s = await findStudy(db, id, lock);
  authorize(actorOf(ctx), action, s.orgPath, {
    zh: '无权访问该线下学习：登记的党组织不在您的管理范围内',
    en: 'Access denied: this session’s org is outside your scope',
  });
  return s;
}

export async function attendeesOf(db: Queryable, id: number) {
  return db
    .select({ memberId: offlineStudyAttendees.memberId, name: offlineStudyAttendees.name })
    .from(offlineStudyAttendees)
    .where(eq(offlineStudyAttendees.studyId, id))
    .orderBy(asc(offlineStudyAttendees.memberId));
}

export async function photosOf(db: Queryable, id: number) {
  return db
    .select()
    .from(offlineStudyPhotos)
    .where(eq(offlineStudyPhotos.studyId, id))
    .orderBy(asc(offlineStudyPhotos.id));
}

export async function eventsOf(db: Queryable, id: number) {
  return db
    .select()
    .from(offlineStudyEvents)
    .where(eq(offlineStudyEvents.studyId, id))
    .orderBy(asc(offlineStudyEvents.at), asc(offlineStudyEvents.id));
}

/**
 * The org asked to approve a session of the org at `orgPath`: the nearest org above it where an
 * account holds a role that approves (offline_study.approve). Null at the top of the tree, or when
 * no org above has one.
 */
export async function approverOrgFor(db: Queryable, orgPath: string) {
  const ids = ancestorIds(orgPath);
  if (!ids.length) return null;
  const rows = await db
    .select({
      id: orgs.id,
      name: orgs.name,
      path: orgs.path,
      hasApprovers: sql<boolean>`exists (select 1 from ${roleGrants} g where g.org_id = ${orgs.id}
        and g.role = any(${sql.param([...policyFor('offline_study.approve').roles])}::text[]))`,
    })
    .from(orgs)
    .where(inArray(orgs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return approverOrgOf(ids.flatMap((i) => (byId.has(i) ? [byId.get(i)!] : [])));
}

/** Whose names the history shows. */
export async function userName(db: Queryable, id: number | null): Promise<string | null> {
  if (id == null) return null;
  const [u] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return u?.name ?? null;
}
