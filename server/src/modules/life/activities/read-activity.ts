import { inArray } from 'drizzle-orm';
import type { Activity } from '../../../../../contracts/life/activities.ts';
import type { Queryable } from '../../../db/client.ts';
import { users } from '../../../platform/auth/schema.ts';
import type { Ctx } from '../../../platform/context.ts';
import { presentActivity } from './present.ts';
import { type ActivityRow, activityFor, attendeesOf, filesOf, orgNameOf } from './store.ts';

/** Display names of accounts, for "planned by" and "leave decided by". */
export async function accountNames(db: Queryable, ids: (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((i): i is number => i != null))];
  if (!want.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The activity as its page shows it, read in `db` (the caller's transaction after a write). */
export async function activityView(ctx: Ctx, db: Queryable, a: ActivityRow): Promise<Activity> {
  // one after another: inside a transaction the three share one connection, which runs one query
  // at a time (overlapping them is deprecated in pg 8 and refused in pg 9)
  const attendees = await attendeesOf(db, a.id);
  const files = await filesOf(db, a.id);
  const orgName = await orgNameOf(db, a.orgId);
  const names = await accountNames(db, [a.plannedBy, ...attendees.map((r) => r.leaveDecidedBy)]);
  return presentActivity(a, { orgName, attendees, files, names, actor: ctx.actor, now: ctx.now() });
}

export async function readActivity(ctx: Ctx, id: number): Promise<Activity> {
  const a = await activityFor(ctx, ctx.db, id, 'activity.view');
  return activityView(ctx, ctx.db, a);
}
