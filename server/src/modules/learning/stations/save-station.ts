import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { SaveStation, Station } from '../../../../../contracts/learning/stations.ts';
import { inTransaction, type Queryable, type Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { stations, stationStaff } from '../schema.ts';
import { readStationIn } from './list-stations.ts';
import { staffProblem } from './rules.ts';
import { stationFor } from './store.ts';

/**
 * The accounts that may be made a station's staff: those holding station_manager on the station's
 * org or one above it (so their grant covers the station). Of the ids given, the ones that do not.
 */
async function staffOutside(db: Queryable, orgPath: string, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        inArray(roleGrants.userId, [...ids]),
        eq(roleGrants.role, 'station_manager'),
        eq(users.disabled, false),
        sql`${orgPath} like ${orgs.path} || '%'`,
      ),
    );
  const ok = new Set(rows.map((r) => r.userId));
  return ids.filter((id) => !ok.has(id));
}

async function checkedStaff(db: Queryable, orgPath: string, input: SaveStation) {
  const twice = staffProblem(input.managerIds, input.operatorIds);
  if (twice)
    throw fieldError('operatorIds', {
      zh: `同一账号（编号 ${twice}）只能担任一种站点角色`,
      en: `account ${twice} is named twice`,
    });
  for (const field of ['managerIds', 'operatorIds'] as const) {
    const stray = await staffOutside(db, orgPath, input[field].map(Number));
    if (stray.length)
      throw fieldError(field, {
        zh: `账号（编号 ${stray.slice(0, 5).join('、')}）没有该站点所在党组织的“站点管理员”角色，请先在账号管理中授予`,
        en: `account(s) ${stray.slice(0, 5).join(', ')} hold no station_manager role covering this station`,
      });
  }
}

async function writeStaff(tx: Tx, stationId: number, input: SaveStation) {
  await tx.delete(stationStaff).where(eq(stationStaff.stationId, stationId));
  const rows = [
    ...input.managerIds.map((u) => ({ stationId, userId: Number(u), kind: 'manager' })),
    ...input.operatorIds.map((u) => ({ stationId, userId: Number(u), kind: 'operator' })),
  ];
  if (rows.length) await tx.insert(stationStaff).values(rows);
}

async function nameTaken(db: Queryable, orgId: number, name: string, except?: number) {
  const [hit] = await db
    .select({ id: stations.id })
    .from(stations)
    .where(
      and(eq(stations.orgId, orgId), eq(stations.name, name), except ? ne(stations.id, except) : undefined),
    );
  if (hit)
    throw conflict(
      'station_name_taken',
      { zh: 'name：该党组织已有同名站点', en: 'name: this org already has a station of that name' },
      [{ path: 'name', message: '该党组织已有同名站点', messageEn: 'a station of that name exists' }],
    );
}

/** 新建站点: the village (or community) org it serves, its name and address, its managers and operators. */
export async function createStation(ctx: Ctx, input: SaveStation): Promise<Station> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'station.manage', org.path);
  if (org.kind === 'group')
    throw fieldError('orgId', {
      zh: '站点须设在村（社区）党组织，不能设在党小组',
      en: 'choose the village’s org, not a group',
    });
  await checkedStaff(ctx.db, org.path, input);
  return inTransaction(ctx.db, async (tx) => {
    await nameTaken(tx, org.id, input.name);
    const now = ctx.now();
    const [s] = await tx
      .insert(stations)
      .values({
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        address: input.address,
        active: input.active,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeStaff(tx, s.id, input);
    await recordAudit(tx, ctx, {
      action: 'station.created',
      targetType: 'station',
      targetId: s.id,
      orgId: org.id,
      orgPath: org.path,
      after: { name: s.name, address: s.address, managers: input.managerIds, operators: input.operatorIds },
    });
    return readStationIn(ctx, tx, s.id);
  });
}

/** 修改站点: the same fields; a station moves to another org of the caller's scope only by being made anew. */
export async function editStation(ctx: Ctx, id: number, input: SaveStation): Promise<Station> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await stationFor(ctx, tx, id, 'station.manage', true);
    if (Number(input.orgId) !== before.orgId)
      throw fieldError('orgId', {
        zh: '站点所在党组织不能修改，请新建站点',
        en: 'a station’s org cannot change; register a new one',
      });
    await checkedStaff(tx, before.orgPath, input);
    await nameTaken(tx, before.orgId, input.name, id);
    const staffBefore = await tx
      .select({ userId: stationStaff.userId, kind: stationStaff.kind })
      .from(stationStaff)
      .where(eq(stationStaff.stationId, id));
    const [s] = await tx
      .update(stations)
      .set({ name: input.name, address: input.address, active: input.active, updatedAt: ctx.now() })
      .where(eq(stations.id, id))
      .returning();
    await writeStaff(tx, id, input);
    const ids = (kind: string) => staffBefore.filter((x) => x.kind === kind).map((x) => String(x.userId));
    await recordAudit(tx, ctx, {
      action: 'station.edited',
      targetType: 'station',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: {
        name: before.name,
        address: before.address,
        active: before.active,
        managers: ids('manager'),
        operators: ids('operator'),
      },
      after: {
        name: s.name,
        address: s.address,
        active: s.active,
        managers: input.managerIds,
        operators: input.operatorIds,
      },
    });
    return readStationIn(ctx, tx, id);
  });
}
