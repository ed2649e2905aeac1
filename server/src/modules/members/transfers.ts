import { and, type Column, count, desc, eq, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type {
  CreateTransfer,
  DecideTransfer,
  RegisterIncoming,
  Transfer,
  TransferListQuery,
  TransferMonthly,
} from '../../../../contracts/members.ts';
import { inTransaction, type Queryable, type Tx } from '../../db/client.ts';
import { type Actor, authorize, scopePaths } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, conflict, fieldError, notFound, type Text } from '../../platform/http/errors.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { maskIdNumber } from '../../platform/pii/index.ts';
import { orgs } from '../orgs/schema.ts';
import { findOrg } from '../orgs/service.ts';
import { type MemberRow, members, transfers } from './schema.ts';
import {
  branchFor,
  changesBetween,
  inputOf,
  duplicateIdError,
  invalid,
  memberColumns,
  recordHistory,
} from './service.ts';
import { checkMember, shanghaiToday } from './validate.ts';

/**
 * 组织关系转接. A letter (介绍信) with a number, a validity and the month the dues are paid to:
 * - internal: to a branch of this deployment; the receiving side accepts (the record moves then,
 *   and only then) or returns it with a reason;
 * - outgoing: to an org outside the deployment, letter only; the sending side completes it with
 *   the same accept route once the receipt (回执) is back, and the member leaves the deployment
 *   (members.left_at), or records that the outside org returned it;
 * - incoming: a member arriving from outside, registered by the receiving branch, accepted at once.
 * The sending side may cancel a letter while it is pending.
 */

type TransferRow = typeof transfers.$inferSelect;
type Input<T extends z.ZodType> = z.infer<T>;

const TRANSFER: Text = { zh: '组织关系转接', en: 'Transfer' };
const ADMITTED: readonly string[] = ['probationary', 'full'];

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function presentTransfer(t: TransferRow, memberName: string, today: string): Transfer {
  return {
    id: String(t.id),
    kind: t.kind as Transfer['kind'],
    status: t.status as Transfer['status'],
    memberId: String(t.memberId),
    memberName,
    fromOrgId: t.fromOrgId == null ? null : String(t.fromOrgId),
    fromOrgName: t.fromOrgName,
    toOrgId: t.toOrgId == null ? null : String(t.toOrgId),
    toOrgName: t.toOrgName,
    letterNo: t.letterNo,
    issuedOn: t.issuedOn,
    validUntil: t.validUntil,
    overdue: isOverdue(t, today),
    duesPaidUntil: t.duesPaidUntil,
    reason: t.reason,
    returnReason: t.returnReason,
    decidedAt: t.decidedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}

/** Overdue: still pending after the letter's last valid day. */
const isOverdue = (t: Pick<TransferRow, 'status' | 'validUntil'>, today: string) =>
  t.status === 'pending' && t.validUntil < today;

async function mustOrg(db: Queryable, id: number) {
  const org = await findOrg(db, id);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  return org;
}

async function lockTransfer(tx: Tx, id: number) {
  const [t] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  if (!t) throw notFound(TRANSFER);
  return t;
}

async function lockMember(tx: Tx, id: number) {
  const [m] = await tx.select().from(members).where(eq(members.id, id)).for('update');
  return m as MemberRow | undefined;
}

const SIDE_TEXT = {
  receiving: (name: string): Text => ({
    zh: `只有接收党组织（${name}）及其上级党组织可以办理`,
    en: 'Only the receiving organization or its superiors may do this',
  }),
  sending: (name: string): Text => ({
    zh: `只有转出党组织（${name}）及其上级党组织可以办理`,
    en: 'Only the sending organization or its superiors may do this',
  }),
};

/** The side that decides: the receiving org for internal and incoming, the sending org for outgoing. */
async function authorizeDecider(tx: Tx, actor: Actor, t: TransferRow) {
  if (t.kind === 'outgoing') {
    const from = await mustOrg(tx, t.fromOrgId!);
    authorize(actor, 'member.manage', from.path, SIDE_TEXT.sending(from.name));
    return from;
  }
  const to = await mustOrg(tx, t.toOrgId!);
  authorize(actor, 'member.manage', to.path, SIDE_TEXT.receiving(to.name));
  return to;
}

/** A decision on a transfer that is no longer pending: said in words, 409. */
function notPending(t: TransferRow): AppError {
  const text: Record<string, Text> = {
    accepted: {
      zh: `该组织关系转接已办结（${t.toOrgName}已接收），不能重复办理`,
      en: 'This transfer has already been accepted',
    },
    returned: {
      zh: `该组织关系转接已被退回（理由：${t.returnReason ?? '未说明'}），不能再办理；如需转接，请转出党组织重新开具介绍信`,
      en: 'This transfer was returned; the sending organization must issue a new letter',
    },
    cancelled: {
      zh: '该组织关系转接已由转出党组织撤回，不能再办理',
      en: 'This transfer was cancelled by the sending organization',
    },
  };
  return conflict('transfer_not_pending', text[t.status] ?? text.accepted, { status: t.status });
}

export async function createTransfer(ctx: Ctx, input: Input<typeof CreateTransfer>): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const m = await lockMember(tx, Number(input.memberId));
    if (!m || m.leftAt)
      throw fieldError('memberId', {
        zh: '党员不存在或已转出本系统',
        en: 'no such member in this deployment',
      });
    const from = await mustOrg(tx, m.orgId);
    authorize(actor, 'member.manage', from.path);
    if (!ADMITTED.includes(m.status))
      throw fieldError('memberId', {
        zh: '组织关系介绍信只为党员（正式党员、预备党员）开具；入党申请人、积极分子和发展对象的培养材料另行移交',
        en: 'only full and probationary members have their organizational relationship transferred',
      });

    let toOrgId: number | null = null;
    let toOrgName: string;
    if (input.kind === 'internal') {
      // "to an org outside the deployment marked as internal": the field to fix is toOrgId
      if (!input.toOrgId)
        throw fieldError('toOrgId', {
          zh: '系统内转接须选择本系统内的接收党支部；接收党组织不在本系统内的，请选择“转出系统外”并填写其名称',
          en: 'an internal transfer names a branch of this deployment; use outgoing for an org outside it',
        });
      const to = await findOrg(tx, Number(input.toOrgId));
      if (!to)
        throw fieldError('toOrgId', {
          zh: '接收党组织不在本系统内；转往系统外请选择“转出系统外”并填写其名称',
          en: 'not an organization of this deployment; use outgoing for an org outside it',
        });
      if (to.kind !== 'branch')
        throw fieldError('toOrgId', {
          zh: `组织关系须转入党支部，“${to.name}”不是党支部`,
          en: 'the receiving organization must be a branch',
        });
      if (to.id === from.id)
        throw fieldError('toOrgId', {
          zh: '接收党支部就是该党员现在所在的党支部',
          en: 'the member already belongs to this branch',
        });
      toOrgId = to.id;
      toOrgName = to.name;
    } else {
      if (input.toOrgId)
        throw fieldError('toOrgId', {
          zh: '转出系统外只填写接收党组织名称；接收党组织在本系统内的，请选择“系统内转接”',
          en: 'an outgoing transfer names the receiving org by toOrgName only; use internal for this deployment',
        });
      if (!input.toOrgName)
        throw fieldError('toOrgName', {
          zh: '转出系统外须填写接收党组织名称',
          en: 'required for a transfer out of the deployment',
        });
      toOrgName = input.toOrgName;
    }

    const [open] = await tx
      .select()
      .from(transfers)
      .where(and(eq(transfers.memberId, m.id), eq(transfers.status, 'pending')));
    if (open)
      throw conflict('transfer_pending', {
        zh: `${m.name}已有一份待办理的组织关系介绍信（编号 ${open.letterNo}，转往${open.toOrgName}），请等待办理或先撤回`,
        en: 'This member already has a pending transfer; wait for it or cancel it first',
      });
    const [sameNo] = await tx
      .select({ id: transfers.id })
      .from(transfers)
      .where(
        and(
          eq(transfers.fromOrgId, from.id),
          eq(transfers.letterNo, input.letterNo),
          ne(transfers.status, 'cancelled'),
        ),
      );
    if (sameNo)
      throw new AppError(
        409,
        'duplicate_letter_no',
        {
          zh: `letterNo：介绍信编号 ${input.letterNo} 已在${from.name}使用过`,
          en: `letterNo: letter number ${input.letterNo} is already used by this organization`,
        },
        [{ path: 'letterNo', message: '介绍信编号已使用过', messageEn: 'already used' }],
      );

    const [row] = await tx
      .insert(transfers)
      .values({
        kind: input.kind,
        memberId: m.id,
        fromOrgId: from.id,
        fromOrgName: from.name,
        toOrgId,
        toOrgName,
        letterNo: input.letterNo,
        issuedOn: today,
        validUntil: addDays(today, input.validDays),
        duesPaidUntil: input.duesPaidUntil,
        reason: input.reason,
        createdBy: actor.userId,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.created',
      targetType: 'transfer',
      targetId: row.id,
      orgId: from.id,
      orgPath: from.path,
      after: {
        memberId: m.id,
        memberName: m.name,
        kind: row.kind,
        toOrgName,
        letterNo: row.letterNo,
        validUntil: row.validUntil,
      },
    });
    return presentTransfer(row, m.name, today);
  });
}

/**
 * Internal: the receiving org accepts and the record moves to it. Outgoing: the sending org
 * completes it when the receipt is back, and the member leaves the deployment.
 */
export async function acceptTransfer(ctx: Ctx, id: number): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    const decider = await authorizeDecider(tx, actor, t);
    if (t.status !== 'pending') throw notPending(t);
    // a letter is good until its last valid day; after that the member needs a new one
    if (t.kind === 'internal' && t.validUntil < today)
      throw conflict('transfer_expired', {
        zh: `介绍信已过有效期（${t.validUntil}），不能接收；请退回，或由转出党组织撤回后重新开具`,
        en: `The letter expired on ${t.validUntil}; return it or have it reissued`,
      });
    const m = await lockMember(tx, t.memberId);
    if (!m || m.leftAt || m.orgId !== t.fromOrgId)
      throw conflict('transfer_stale', {
        zh: '该党员已不在转出党组织，这份介绍信已失效，请退回',
        en: 'The member is no longer in the sending organization; return the letter',
      });
    const now = ctx.now();
    if (t.kind === 'internal') {
      await tx
        .update(members)
        .set({ orgId: t.toOrgId!, recordUpdatedAt: now, updatedAt: now })
        .where(eq(members.id, m.id));
      await recordHistory(tx, ctx, m.id, 'transfer', {
        orgId: [String(t.fromOrgId), String(t.toOrgId)],
        orgName: [t.fromOrgName, t.toOrgName],
      });
    } else {
      await tx.update(members).set({ leftAt: now, updatedAt: now }).where(eq(members.id, m.id));
      await recordHistory(tx, ctx, m.id, 'transfer', {
        leftAt: [null, now.toISOString()],
        orgName: [t.fromOrgName, t.toOrgName],
      });
    }
    const [row] = await tx
      .update(transfers)
      .set({ status: 'accepted', decidedBy: actor.userId, decidedAt: now })
      .where(eq(transfers.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.accepted',
      targetType: 'transfer',
      targetId: id,
      orgId: decider.id,
      orgPath: decider.path,
      before: { status: 'pending' },
      after: { status: 'accepted', memberId: m.id, memberName: m.name, kind: t.kind },
    });
    return presentTransfer(row, m.name, today);
  });
}

/** The receiving side sends the letter back with a reason (for outgoing, the sending side records it). */
export async function returnTransfer(
  ctx: Ctx,
  id: number,
  input: Input<typeof DecideTransfer>,
): Promise<Transfer> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    const decider = await authorizeDecider(tx, actor, t);
    if (t.status !== 'pending') throw notPending(t);
    if (!input.reason)
      throw fieldError('reason', { zh: '退回须说明理由', en: 'say why the letter is returned' });
    return decide(tx, ctx, t, 'returned', input.reason, decider);
  });
}

/** The sending side withdraws a letter that is still pending. */
export async function cancelTransfer(
  ctx: Ctx,
  id: number,
  input: Input<typeof DecideTransfer> | null | undefined,
): Promise<Transfer> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const t = await lockTransfer(tx, id);
    let sender: { id: number; path: string };
    if (t.fromOrgId == null) {
      // incoming: there is no sending org here; the receiving side owns the record
      const to = await mustOrg(tx, t.toOrgId!);
      authorize(actor, 'member.manage', to.path, SIDE_TEXT.receiving(to.name));
      sender = to;
    } else {
      const from = await mustOrg(tx, t.fromOrgId);
      authorize(actor, 'member.manage', from.path, SIDE_TEXT.sending(from.name));
      sender = from;
    }
    if (t.status !== 'pending') throw notPending(t);
    return decide(tx, ctx, t, 'cancelled', input?.reason ?? null, sender);
  });
}

async function decide(
  tx: Tx,
  ctx: Ctx,
  t: TransferRow,
  status: 'returned' | 'cancelled',
  reason: string | null,
  org: { id: number; path: string },
) {
  const now = ctx.now();
  const [row] = await tx
    .update(transfers)
    .set({ status, returnReason: reason, decidedBy: ctx.actor!.userId, decidedAt: now })
    .where(eq(transfers.id, t.id))
    .returning();
  const [{ name }] = await tx.select({ name: members.name }).from(members).where(eq(members.id, t.memberId));
  await recordAudit(tx, ctx, {
    action: `transfer.${status}`,
    targetType: 'transfer',
    targetId: t.id,
    orgId: org.id,
    orgPath: org.path,
    before: { status: 'pending' },
    after: { status, reason, memberId: t.memberId, memberName: name },
  });
  return presentTransfer(row, name, shanghaiToday(now));
}

/**
 * A member arriving from outside the deployment with a letter: the receiving branch registers the
 * record (the same checks as creating one) and the transfer, accepted at once. Someone who once
 * left the deployment and comes back gets their old record back, so their history stays one.
 */
export async function registerIncoming(ctx: Ctx, input: Input<typeof RegisterIncoming>): Promise<Transfer> {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  const { fromOrgName, letterNo, duesPaidUntil, reason, orgId, ...member } = input;
  const problems = checkMember(member, today);
  if (problems.length) throw invalid(problems);
  if (!ADMITTED.includes(member.status))
    throw fieldError('status', {
      zh: '组织关系介绍信只为党员（正式党员、预备党员）开具',
      en: 'only full and probationary members come with a transfer letter',
    });
  return inTransaction(ctx.db, async (tx) => {
    const org = await branchFor(tx, actor, Number(orgId));
    const [known] = await tx
      .select()
      .from(members)
      .where(eq(members.idNumberIndex, ctx.pii.blindIndex('id', member.idNumber)))
      .for('update');
    if (known && !known.leftAt) throw (await duplicateIdError(tx, actor, ctx.pii, member.idNumber))!;
    const now = ctx.now();
    const columns = {
      ...memberColumns(ctx.pii, member),
      orgId: org.id,
      recordUpdatedAt: now,
      updatedAt: now,
    };
    let row: MemberRow;
    if (known) {
      [row] = await tx
        .update(members)
        .set({ ...columns, leftAt: null })
        .where(eq(members.id, known.id))
        .returning();
      await recordHistory(tx, ctx, row.id, 'transfer', {
        leftAt: [known.leftAt!.toISOString(), null],
        orgId: [String(known.orgId), String(org.id)],
        orgName: [fromOrgName, org.name],
        ...changesBetween(inputOf(ctx.pii, known), member),
      });
    } else {
      [row] = await tx
        .insert(members)
        .values({ ...columns, createdAt: now })
        .returning();
      await recordHistory(tx, ctx, row.id, 'transfer', {
        orgName: [fromOrgName, org.name],
        ...changesBetween(null, member),
      });
      await recordAudit(tx, ctx, {
        action: 'member.created',
        targetType: 'member',
        targetId: row.id,
        orgId: org.id,
        orgPath: org.path,
        after: { name: row.name, status: row.status, idNumber: maskIdNumber(member.idNumber) },
      });
    }
    const [t] = await tx
      .insert(transfers)
      .values({
        kind: 'incoming',
        status: 'accepted',
        memberId: row.id,
        fromOrgId: null,
        fromOrgName,
        toOrgId: org.id,
        toOrgName: org.name,
        letterNo,
        // the letter's own date is on paper; the record keeps the day it was registered
        issuedOn: today,
        validUntil: today,
        duesPaidUntil,
        reason,
        createdBy: actor.userId,
        decidedBy: actor.userId,
        decidedAt: now,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'transfer.incoming_registered',
      targetType: 'transfer',
      targetId: t.id,
      orgId: org.id,
      orgPath: org.path,
      after: { memberId: row.id, memberName: row.name, fromOrgName, letterNo, returning: !!known },
    });
    return presentTransfer(t, row.name, today);
  });
}

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');

/** The subtrees a list covers: the org asked for (in scope), or all of the actor's scope. */
async function scopeOf(ctx: Ctx, orgId: string | undefined): Promise<string[]> {
  const actor = actorOf(ctx);
  if (!orgId) return scopePaths(actor, 'member.view');
  const org = await mustOrg(ctx.db, Number(orgId));
  authorize(actor, 'member.view', org.path);
  return [org.path];
}

const under = (col: Column, paths: string[]): SQL =>
  paths.length ? or(...paths.map((p) => like(col, `${p}%`)))! : sql`false`;

/** Letters sent from the scope ('out') or addressed to it ('in'), newest first. */
export async function listTransfers(ctx: Ctx, q: Input<typeof TransferListQuery>) {
  const today = shanghaiToday(ctx.now());
  const paths = await scopeOf(ctx, q.orgId);
  const side = q.side === 'in' ? toOrg : fromOrg;
  const overdue = and(eq(transfers.status, 'pending'), sql`${transfers.validUntil} < ${today}`)!;
  const where = and(
    under(side.path, paths),
    q.status ? eq(transfers.status, q.status) : undefined,
    q.overdue === 'true' ? overdue : q.overdue === 'false' ? sql`not (${overdue})` : undefined,
  );
  const joinOn = q.side === 'in' ? eq(toOrg.id, transfers.toOrgId) : eq(fromOrg.id, transfers.fromOrgId);
  const page = await paginate(q, {
    count: () => ctx.db.select({ n: count() }).from(transfers).innerJoin(side, joinOn).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select({ t: transfers, memberName: members.name })
        .from(transfers)
        .innerJoin(side, joinOn)
        .innerJoin(members, eq(members.id, transfers.memberId))
        .where(where)
        .orderBy(desc(transfers.createdAt), desc(transfers.id))
        .limit(limit)
        .offset(offset),
  });
  return { ...page, items: page.items.map((r) => presentTransfer(r.t, r.memberName, today)) };
}

/** The twelve months ending with the current one (Asia/Shanghai), oldest first. */
export function lastTwelveMonths(today: string): string[] {
  const [y, m] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 12 + i, 1));
    return d.toISOString().slice(0, 7);
  });
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
  const paths = await scopeOf(ctx, q.orgId);
  const months = lastTwelveMonths(shanghaiToday(ctx.now()));
  const start = `${months[0]}-01`;
  const fromIn = under(fromOrg.path, paths);
  const toIn = under(toOrg.path, paths);
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
