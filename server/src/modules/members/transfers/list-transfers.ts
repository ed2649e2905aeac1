import { and, count, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { TransferListQuery, TransferMonthly } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { inSubtrees, orgs } from '../../../platform/tree/index.ts';
import { members, transfers } from '../schema.ts';
import { monthsEndingWith, shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { presentTransfer } from './present.ts';
import { transferAbilities } from './policy.ts';

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');

/** Letters sent from the scope ('out') or addressed to it ('in'), newest first. */
export async function listTransfers(ctx: Ctx, q: z.infer<typeof TransferListQuery>) {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  const { paths } = await listScope(ctx, 'member.view', q.orgId);
  const side = q.side === 'in' ? toOrg : fromOrg;
  const overdue = and(eq(transfers.status, 'pending'), sql`${transfers.validUntil} < ${today}`)!;
  // 回执: taken in, not yet recorded (the partial index transfers_receipt_idx), and past its due day
  const receiptOpen = and(
    eq(transfers.status, 'accepted'),
    isNotNull(transfers.receiptDueOn),
    isNull(transfers.receiptOn),
  )!;
  const receipt = {
    open: receiptOpen,
    overdue: and(receiptOpen, sql`${transfers.receiptDueOn} < ${today}`),
    done: isNotNull(transfers.receiptOn),
  };
  const where = and(
    inSubtrees(paths, side.path),
    q.status ? eq(transfers.status, q.status) : undefined,
    q.overdue === 'true' ? overdue : q.overdue === 'false' ? sql`not (${overdue})` : undefined,
    q.receipt ? receipt[q.receipt] : undefined,
    q.memberId ? eq(transfers.memberId, Number(q.memberId)) : undefined,
  );
  const joinOn = q.side === 'in' ? eq(toOrg.id, transfers.toOrgId) : eq(fromOrg.id, transfers.fromOrgId);
  const other = q.side === 'in' ? fromOrg : toOrg;
  const otherOn = q.side === 'in' ? eq(fromOrg.id, transfers.fromOrgId) : eq(toOrg.id, transfers.toOrgId);
  const page = await paginate(q, {
    count: () => ctx.db.select({ n: count() }).from(transfers).innerJoin(side, joinOn).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select({
          t: transfers,
          memberName: members.name,
          fromPath: fromOrg.path,
          toPath: toOrg.path,
        })
        .from(transfers)
        .innerJoin(side, joinOn)
        .leftJoin(other, otherOn)
        .innerJoin(members, eq(members.id, transfers.memberId))
        .where(where)
        .orderBy(desc(transfers.createdAt), desc(transfers.id))
        .limit(limit)
        .offset(offset),
  });
  return {
    ...page,
    items: page.items.map((r) =>
      presentTransfer(
        r.t,
        r.memberName,
        today,
        transferAbilities(actor, { ...r.t, fromPath: r.fromPath, toPath: r.toPath }),
      ),
    ),
  };
}

/**
 * Per month of the last twelve: letters issued from the scope (out), letters addressed to it or
 * arrivals registered in it (in), and transfers touching it that were completed (accepted).
 * An internal transfer inside the scope counts on both sides, as each org's own books have it.
 */
export async function monthlyTransfers(
  ctx: Ctx,
  q: { orgId?: string },
): Promise<z.infer<typeof TransferMonthly>> {
  const { paths } = await listScope(ctx, 'member.view', q.orgId);
  const months = monthsEndingWith(shanghaiMonth(ctx.now()), 12);
  const start = `${months[0]}-01`;
  const fromIn = inSubtrees(paths, fromOrg.path);
  const toIn = inSubtrees(paths, toOrg.path);
  const issuedMonth = sql<string>`to_char(${transfers.issuedOn}, 'YYYY-MM')`;
  const decidedMonth = sql<string>`to_char(${transfers.decidedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const [issued, accepted] = await Promise.all([
    ctx.db
      .select({
        month: issuedMonth,
        out: sql<number>`count(*) filter (where ${transfers.kind} <> 'incoming' and ${fromIn})::int`,
        in: sql<number>`count(*) filter (where ${transfers.kind} <> 'outgoing' and ${toIn})::int`,
      })
      .from(transfers)
      .leftJoin(fromOrg, eq(fromOrg.id, transfers.fromOrgId))
      .leftJoin(toOrg, eq(toOrg.id, transfers.toOrgId))
      .where(and(sql`${transfers.issuedOn} >= ${start}`, or(fromIn, toIn)))
      .groupBy(issuedMonth),
    ctx.db
      .select({ month: decidedMonth, n: sql<number>`count(*)::int` })
      .from(transfers)
      .leftJoin(fromOrg, eq(fromOrg.id, transfers.fromOrgId))
      .leftJoin(toOrg, eq(toOrg.id, transfers.toOrgId))
      .where(
        and(
          eq(transfers.status, 'accepted'),
          sql`${transfers.decidedAt} >= (${start}::date)::timestamp at time zone 'Asia/Shanghai'`,
          or(fromIn, toIn),
        ),
      )
      .groupBy(decidedMonth),
  ]);
  const byIssued = new Map(issued.map((r) => [r.month, r]));
  const byAccepted = new Map(accepted.map((r) => [r.month, r.n]));
  return {
    items: months.map((month) => ({
      month,
      out: byIssued.get(month)?.out ?? 0,
      in: byIssued.get(month)?.in ?? 0,
      accepted: byAccepted.get(month) ?? 0,
    })),
  };
}
