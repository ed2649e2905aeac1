import { and, count, desc, eq } from 'drizzle-orm';
import type { Page, PageQuery } from '../../../../../contracts/common.ts';
import type { CreateTrip, Trip } from '../../../../../contracts/members/index.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { authorize, can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { memberTrips } from '../schema.ts';
import { tripProblems } from './rules.ts';
import { invalid, loadMember, recordHistory } from './store.ts';

/**
 * 出国（境）: a member's trips abroad, kept with the record and listed on the member page: recorded
 * (possibly before departure, once approved), ended when the member is back, removed when entered
 * by mistake. Each step is audited and written to the record's history in words.
 */
const TRIP = { zh: '出国（境）记录', en: 'Trip abroad' };
type Row = typeof memberTrips.$inferSelect;

const inWords = (t: Pick<Row, 'destination' | 'purpose' | 'leftOn' | 'returnedOn'>) =>
  `${t.destination}，${t.purpose}（${t.leftOn} 至 ${t.returnedOn ?? '未归'}）`;

function present(r: Row, manage: boolean): Trip {
  return {
    id: String(r.id),
    memberId: String(r.memberId),
    destination: r.destination,
    purpose: r.purpose,
    leftOn: r.leftOn,
    returnedOn: r.returnedOn,
    approvedBy: r.approvedBy,
    recordedAt: r.createdAt.toISOString(),
    can: { end: manage && !r.returnedOn, remove: manage },
  };
}

const audited = (r: Row) => ({
  id: r.id,
  destination: r.destination,
  purpose: r.purpose,
  leftOn: r.leftOn,
  returnedOn: r.returnedOn,
  approvedBy: r.approvedBy,
});

export async function listTrips(ctx: Ctx, memberId: number, page: PageQuery): Promise<Page<Trip>> {
  const { orgPath } = await loadMember(ctx.db, memberId, { leftParty: true });
  const actor = actorOf(ctx);
  authorize(actor, 'member.view', orgPath);
  const manage = can(actor, 'member.manage', orgPath);
  const where = eq(memberTrips.memberId, memberId);
  const result = await paginate(page, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(memberTrips)
        .where(where)
        .orderBy(desc(memberTrips.leftOn), desc(memberTrips.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: count() }).from(memberTrips).where(where),
  });
  return { ...result, items: result.items.map((r) => present(r, manage)) };
}

export async function addTrip(ctx: Ctx, memberId: number, input: CreateTrip): Promise<Trip> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await loadMember(tx, memberId);
    authorize(actor, 'member.manage', orgPath);
    const problems = tripProblems(input, m, shanghaiToday(ctx.now()));
    if (problems.length) throw invalid(problems);
    const [row] = await tx
      .insert(memberTrips)
      .values({ memberId, ...input, recordedBy: actor.userId, createdAt: ctx.now() })
      .returning();
    await recordHistory(tx, ctx, memberId, 'trip', { trips: [null, inWords(row)] });
    await recordAudit(tx, ctx, {
      action: 'member.trip_added',
      targetType: 'member',
      targetId: memberId,
      orgId: m.orgId,
      orgPath,
      after: audited(row),
    });
    return present(row, true);
  });
}

async function lockedTrip(tx: Tx, memberId: number, id: number) {
  const [row] = await tx
    .select()
    .from(memberTrips)
    .where(and(eq(memberTrips.id, id), eq(memberTrips.memberId, memberId)))
    .for('update');
  if (!row) throw notFound(TRIP);
  return row;
}

/** The member is back: the trip ends on `returnedOn`. */
export async function endTrip(ctx: Ctx, memberId: number, tripId: number, returnedOn: string): Promise<Trip> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await loadMember(tx, memberId);
    authorize(actor, 'member.manage', orgPath);
    const trip = await lockedTrip(tx, memberId, tripId);
    if (trip.returnedOn)
      throw conflict('trip_ended', {
        zh: `该次出国（境）已于 ${trip.returnedOn} 回国（境），无需再登记`,
        en: `This trip already ended on ${trip.returnedOn}`,
      });
    const problems = tripProblems({ leftOn: trip.leftOn, returnedOn }, m, shanghaiToday(ctx.now()));
    if (problems.length) throw invalid(problems);
    const [row] = await tx
      .update(memberTrips)
      .set({ returnedOn })
      .where(eq(memberTrips.id, tripId))
      .returning();
    await recordHistory(tx, ctx, memberId, 'trip', { trips: [inWords(trip), inWords(row)] });
    await recordAudit(tx, ctx, {
      action: 'member.trip_ended',
      targetType: 'member',
      targetId: memberId,
      orgId: m.orgId,
      orgPath,
      before: { id: trip.id, returnedOn: null },
      after: { id: trip.id, returnedOn },
    });
    return present(row, true);
  });
}

/** A trip recorded by mistake goes; what it said stays in the history and the audit log. */
export async function removeTrip(ctx: Ctx, memberId: number, tripId: number) {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await loadMember(tx, memberId);
    authorize(actor, 'member.manage', orgPath);
    const trip = await lockedTrip(tx, memberId, tripId);
    await tx.delete(memberTrips).where(eq(memberTrips.id, tripId));
    await recordHistory(tx, ctx, memberId, 'trip', { trips: [inWords(trip), null] });
    await recordAudit(tx, ctx, {
      action: 'member.trip_removed',
      targetType: 'member',
      targetId: memberId,
      orgId: m.orgId,
      orgPath,
      before: audited(trip),
    });
    return { ok: true as const };
  });
}
