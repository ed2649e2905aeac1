import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { activities, activityAttendees, activityFiles } from '../schema.ts';

export type ActivityRow = typeof activities.$inferSelect;
export type AttendeeRow = typeof activityAttendees.$inferSelect;
export type FileRow = typeof activityFiles.$inferSelect;

export const ACTIVITY = { zh: '组织生活活动', en: 'Activity' };

/** One activity (locked for the rest of the transaction with `lock`), 404 when there is none. */
export async function findActivity(db: Queryable, id: number, lock = false): Promise<ActivityRow> {
  const q = db.select().from(activities).where(eq(activities.id, id));
  const [a] = lock ? await q.for('update') : await q;
  if (!a) throw notFound(ACTIVITY);
  return a;
}

/**
 * The activity, after checking the actor holds `action` on its org: an admin of another town is
 * refused (403) as for any record outside their subtree.
 */
export async function activityFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const a = await findActivity(db, id, lock);
  authorize(actorOf(ctx), action, a.orgPath);
  return a;
}

export async function attendeesOf(db: Queryable, id: number): Promise<AttendeeRow[]> {
  return db
    .select()
    .from(activityAttendees)
    .where(eq(activityAttendees.activityId, id))
    .orderBy(sql`${activityAttendees.expected} desc`, asc(activityAttendees.memberId));
}

export async function filesOf(db: Queryable, id: number): Promise<FileRow[]> {
  return db
    .select()
    .from(activityFiles)
    .where(eq(activityFiles.activityId, id))
    .orderBy(asc(activityFiles.id));
}

export async function orgNameOf(db: Queryable, orgId: number): Promise<string> {
  const [o] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  return o?.name ?? '';
}

/**
 * Attendance figures of activities, computed in SQL by the rule of rules.ts `attendance`: due =
 * (expected or present) and not (approved leave and absent).
 */
export const ATTENDANCE_SQL = {
  expected: sql<number>`count(*) filter (where ${activityAttendees.expected})::int`,
  present: sql<number>`count(*) filter (where ${activityAttendees.signedInAt} is not null)::int`,
  leave: sql<number>`count(*) filter (where ${activityAttendees.leave} = 'approved' and ${activityAttendees.signedInAt} is null)::int`,
  due: sql<number>`count(*) filter (where (${activityAttendees.expected} or ${activityAttendees.signedInAt} is not null) and not (${activityAttendees.leave} is not distinct from 'approved' and ${activityAttendees.signedInAt} is null))::int`,
};
