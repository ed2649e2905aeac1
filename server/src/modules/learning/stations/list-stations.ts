import { and, asc, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  StaffCandidates,
  Station,
  StationCourses,
  StationListQuery,
  StationPeople,
} from '../../../../../contracts/learning/stations.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { searchQuery, searchRank } from '../../../platform/search/index.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { attendeeCandidates } from '../attendees.ts';
import { ancestorPaths } from '../library/rules.ts';
import { courses, stations, stationStaff } from '../schema.ts';
import { authorizeOperate } from './policy.ts';
import { presentStation } from './present.ts';
import { monthMinutesOf, STATION, type StationRow, staffOf, stationFor, thisMonth } from './store.ts';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

async function present(ctx: Ctx, db: Queryable, rows: { s: StationRow; orgName: string }[]) {
  const ids = rows.map((r) => r.s.id);
  // one after the other: `db` may be a transaction's one connection
  const staff = await staffOf(db, ids);
  const minutes = await monthMinutesOf(db, ids, thisMonth(ctx));
  return rows.map((r) => presentStation(ctx.actor, r.s, r.orgName, staff, minutes.get(r.s.id) ?? 0));
}

const withOrg = (db: Queryable) =>
  db.select({ s: stations, orgName: orgs.name }).from(stations).innerJoin(orgs, eq(orgs.id, stations.orgId));

/** 站点名录: the stations of the caller's scope (or of one org's subtree), by org, by name. */
export async function listStations(ctx: Ctx, q: z.infer<typeof StationListQuery>): Promise<Page<Station>> {
  const scope = await listScope(ctx, 'station.view', q.orgId);
  const where = and(
    scope.covers(stations.orgPath),
    q.q ? ilike(stations.name, `%${escapeLike(q.q)}%`) : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      withOrg(ctx.db)
        .where(where)
        // by the path's ids as numbers, so /1/2/ comes before /1/10/ (as text it would not)
        .orderBy(
          sql`string_to_array(trim(both '/' from ${stations.orgPath}), '/')::int8[]`,
          asc(stations.name),
        )
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(stations).where(where),
  });
  return { ...page, items: await present(ctx, ctx.db, page.items) };
}

export async function readStationIn(ctx: Ctx, db: Queryable, id: number): Promise<Station> {
  const [row] = await withOrg(db).where(eq(stations.id, id));
  if (!row) throw notFound(STATION);
  return (await present(ctx, db, [row]))[0];
}

export async function readStation(ctx: Ctx, id: number): Promise<Station> {
  await stationFor(ctx, ctx.db, id, 'station.view');
  return readStationIn(ctx, ctx.db, id);
}

/**
 * 我的站点: the stations the caller is a manager or operator of — what the operator's session form
 * offers first. An admin is listed on none as a rule and picks from the registry.
 */
export async function myStations(ctx: Ctx): Promise<{ items: Station[] }> {
  const actor = actorOf(ctx);
  const rows = await withOrg(ctx.db)
    .where(
      and(
        eq(stations.active, true),
        inArray(
          stations.id,
          ctx.db
            .select({ id: stationStaff.stationId })
            .from(stationStaff)
            .where(eq(stationStaff.userId, actor.userId)),
        ),
      ),
    )
    .orderBy(asc(stations.name));
  return { items: (await present(ctx, ctx.db, rows)).filter((s) => s.can.operate) };
}

/** Accounts that may be made staff of a station of the org: station_manager grants covering it. */
export async function staffCandidates(ctx: Ctx, orgId: number): Promise<z.infer<typeof StaffCandidates>> {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'station.manage', org.path);
  const rows = await ctx.db
    .selectDistinct({ userId: users.id, name: users.displayName, username: users.username })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.role, 'station_manager'),
        eq(users.disabled, false),
        sql`${org.path} like ${orgs.path} || '%'`,
      ),
    )
    .orderBy(users.id)
    .limit(500);
  return { items: rows.map((r) => ({ userId: String(r.userId), name: r.name, username: r.username })) };
}

async function operatedStation(ctx: Ctx, id: number) {
  const s = await stationFor(ctx, ctx.db, id, 'station.operate');
  const staff = await staffOf(ctx.db, [id]);
  authorizeOperate(
    actorOf(ctx),
    s,
    staff.map((x) => x.userId),
  );
  return s;
}

/** The members the station serves, for the attendee list: its org's subtree, those who take part. */
export async function stationPeople(ctx: Ctx, id: number): Promise<StationPeople> {
  const s = await operatedStation(ctx, id);
  return attendeeCandidates(ctx.db, s.orgPath);
}

/**
 * What the operator may play from the library: courses published to the station's org or one above
 * it (those its members may study), matching the words typed (platform/search), else the newest.
 */
export async function stationCourses(
  ctx: Ctx,
  id: number,
  typed?: string,
): Promise<z.infer<typeof StationCourses>> {
  const s = await operatedStation(ctx, id);
  const words = typed ? searchQuery(typed) : null;
  if (typed && !words) return { items: [] };
  const rows = await ctx.db
    .select({
      id: courses.id,
      kind: courses.kind,
      title: courses.title,
      durationSeconds: courses.durationSeconds,
    })
    .from(courses)
    .where(
      and(
        eq(courses.status, 'published'),
        inArray(courses.scopePath, ancestorPaths(s.orgPath)),
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

export { operatedStation };
