import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { users } from '../../../platform/auth/schema.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';
import { stationSessions, stations, stationStaff } from '../schema.ts';

export type StationRow = typeof stations.$inferSelect;
export type StaffRow = { stationId: number; userId: number; kind: string; name: string; username: string };

export const STATION = { zh: '远程教育站点', en: 'Station' };

export async function findStation(db: Queryable, id: number, lock = false): Promise<StationRow> {
  const q = db.select().from(stations).where(eq(stations.id, id));
  const [s] = lock ? await q.for('update') : await q;
  if (!s) throw notFound(STATION);
  return s;
}

/** The station, after checking the actor holds `action` on its org (403 outside their subtree). */
export async function stationFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const s = await findStation(db, id, lock);
  authorize(actorOf(ctx), action, s.orgPath, {
    zh: '无权访问该站点：站点所在党组织不在您的管理范围内',
    en: 'Access denied: this station is outside your scope',
  });
  return s;
}

/** The managers and operators of the stations, with their names. */
export async function staffOf(db: Queryable, stationIds: readonly number[]): Promise<StaffRow[]> {
  if (!stationIds.length) return [];
  return db
    .select({
      stationId: stationStaff.stationId,
      userId: stationStaff.userId,
      kind: stationStaff.kind,
      name: users.displayName,
      username: users.username,
    })
    .from(stationStaff)
    .innerJoin(users, eq(users.id, stationStaff.userId))
    .where(inArray(stationStaff.stationId, [...stationIds]))
    .orderBy(asc(stationStaff.kind), asc(users.id));
}

/** Minutes played at each of the stations in a month (Asia/Shanghai). */
export async function monthMinutesOf(
  db: Queryable,
  stationIds: readonly number[],
  month: string,
): Promise<Map<number, number>> {
  if (!stationIds.length) return new Map();
  const { from, to } = shanghaiMonthRange(month);
  const rows = await db
    .select({ id: stationSessions.stationId, minutes: sql<number>`sum(${stationSessions.minutes})::int` })
    .from(stationSessions)
    .where(
      and(
        inArray(stationSessions.stationId, [...stationIds]),
        gte(stationSessions.startedAt, from),
        lt(stationSessions.startedAt, to),
        isNull(stationSessions.withdrawnAt),
      ),
    )
    .groupBy(stationSessions.stationId);
  return new Map(rows.map((r) => [r.id, r.minutes]));
}

export const thisMonth = (ctx: Ctx) => shanghaiMonth(ctx.now());
