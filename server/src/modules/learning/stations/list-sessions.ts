import type { Readable } from 'node:stream';
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  SessionListQuery,
  StationSession,
  StationSessionSummary,
} from '../../../../../contracts/learning/stations.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { users } from '../../../platform/auth/schema.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiMonthRange } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { stationSessionAttendees, stationSessions, stations } from '../schema.ts';
import { mayOperate } from './policy.ts';
import { presentSession } from './present.ts';
import { withdrawProblem } from './rules.ts';
import { staffOf } from './store.ts';

export const SESSION = { zh: '集中学习记录', en: 'Station session' };

const withdrawers = alias(users, 'withdrawers');

const sessionsWith = (db: Queryable) =>
  db
    .select({
      r: stationSessions,
      stationName: stations.name,
      orgId: stations.orgId,
      orgPath: stations.orgPath,
      orgName: orgs.name,
      recordedByName: users.displayName,
      withdrawnByName: withdrawers.displayName,
    })
    .from(stationSessions)
    .innerJoin(stations, eq(stations.id, stationSessions.stationId))
    .innerJoin(orgs, eq(orgs.id, stations.orgId))
    .leftJoin(users, eq(users.id, stationSessions.recordedBy))
    .leftJoin(withdrawers, eq(withdrawers.id, stationSessions.withdrawnBy));

/** What the actor may do with the session: its photo and withdrawing it are the operator's. */
async function abilities(
  ctx: Ctx,
  db: Queryable,
  x: { r: { stationId: number; startedAt: Date; withdrawnAt: Date | null }; orgPath: string },
) {
  const staff = await staffOf(db, [x.r.stationId]);
  const operate = mayOperate(
    ctx.actor,
    { orgPath: x.orgPath },
    staff.map((s) => s.userId),
  );
  return {
    photo: operate && !x.r.withdrawnAt,
    withdraw: operate && withdrawProblem(x.r, ctx.now()) === null,
  };
}

/** 集中学习记录: the sessions of the stations in scope (or of one org's, one station's), latest first. */
export async function listSessions(
  ctx: Ctx,
  q: z.infer<typeof SessionListQuery>,
): Promise<Page<StationSessionSummary>> {
  const scope = await listScope(ctx, 'station.view', q.orgId);
  const range = q.month ? shanghaiMonthRange(q.month) : null;
  const where = and(
    scope.covers(stations.orgPath),
    q.stationId ? eq(stationSessions.stationId, Number(q.stationId)) : undefined,
    range ? gte(stationSessions.startedAt, range.from) : undefined,
    range ? lt(stationSessions.startedAt, range.to) : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      sessionsWith(ctx.db)
        .where(where)
        .orderBy(desc(stationSessions.startedAt), desc(stationSessions.id))
        .limit(limit)
        .offset(offset),
    count: () =>
      ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(stationSessions)
        .innerJoin(stations, eq(stations.id, stationSessions.stationId))
        .where(where),
  });
  const items = [];
  for (const x of page.items) {
    const { attendees: _, ...s } = presentSession(x, [], { photo: false, withdraw: false });
    items.push(s);
  }
  return { ...page, items };
}

export async function sessionView(ctx: Ctx, db: Queryable, id: number): Promise<StationSession> {
  const [x] = await sessionsWith(db).where(eq(stationSessions.id, id));
  if (!x) throw notFound(SESSION);
  const attendees = await db
    .select({ memberId: stationSessionAttendees.memberId, name: stationSessionAttendees.name })
    .from(stationSessionAttendees)
    .where(eq(stationSessionAttendees.sessionId, id))
    .orderBy(asc(stationSessionAttendees.memberId));
  return presentSession(x, attendees, await abilities(ctx, db, x));
}

/** The session, after checking the actor may see its station. */
export async function sessionFor(ctx: Ctx, db: Queryable, id: number, action: string) {
  const [x] = await sessionsWith(db).where(eq(stationSessions.id, id));
  if (!x) throw notFound(SESSION);
  authorize(actorOf(ctx), action, x.orgPath, {
    zh: '无权访问该集中学习记录：站点不在您的管理范围内',
    en: 'Access denied: this session’s station is outside your scope',
  });
  return x;
}

export async function readSession(ctx: Ctx, id: number): Promise<StationSession> {
  await sessionFor(ctx, ctx.db, id, 'station.view');
  return sessionView(ctx, ctx.db, id);
}

export async function readSessionPhoto(
  ctx: Ctx,
  id: number,
  size: 'thumb' | 'full' = 'full',
): Promise<Readable> {
  const x = await sessionFor(ctx, ctx.db, id, 'station.view');
  const key = size === 'thumb' ? x.r.photoThumbKey : x.r.photoKey;
  if (!key) throw notFound({ zh: '照片', en: 'Photo' });
  return fileStore(ctx.config).get(key);
}
