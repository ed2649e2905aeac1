import { and, count, desc, eq, sql } from 'drizzle-orm';
import {
  type Command,
  type CreateTerminal,
  TERMINAL_OFFLINE_AFTER_MS,
  type Terminal,
  type TerminalCode,
  type TerminalListQuery,
} from '../../../../contracts/kiosk/terminals.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { authorize, can } from '../../platform/access/index.ts';
import { listScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { findOrg, orgs } from '../../platform/tree/index.ts';
import { newRegistrationCode } from './codes.ts';
import { type KioskTerminalRow, kioskCommands, kioskTerminals } from './schema.ts';
import { users } from '../../platform/auth/schema.ts';

const TERMINAL = { zh: '触摸屏终端', en: 'Kiosk terminal' };
const ORG = { zh: '党组织', en: 'Organization' };

type Row = KioskTerminalRow & { orgName: string; pending: number };

export function presentTerminal(t: Row, now: Date): Terminal {
  return {
    id: String(t.id),
    orgId: String(t.orgId),
    orgName: t.orgName,
    name: t.name,
    place: t.place,
    idleSeconds: t.idleSeconds,
    status: t.revokedAt ? 'revoked' : t.tokenHash ? 'active' : 'waiting',
    online:
      !t.revokedAt && !!t.lastSeenAt && now.getTime() - t.lastSeenAt.getTime() <= TERMINAL_OFFLINE_AFTER_MS,
    lastSeenAt: t.lastSeenAt?.toISOString() ?? null,
    screen: t.screen,
    registeredAt: t.registeredAt?.toISOString() ?? null,
    pendingCommands: t.pending,
  };
}

const pendingCount = sql<number>`(select count(*)::int from kiosk_commands c
  where c.terminal_id = ${kioskTerminals.id} and c.state = 'pending')`;
const columns = { t: kioskTerminals, orgName: orgs.name, orgPath: orgs.path, pending: pendingCount };

async function readTerminal(db: Queryable, id: number) {
  const [r] = await db
    .select(columns)
    .from(kioskTerminals)
    .innerJoin(orgs, eq(orgs.id, kioskTerminals.orgId))
    .where(eq(kioskTerminals.id, id));
  return r ? { row: { ...r.t, orgName: r.orgName, pending: r.pending }, orgPath: r.orgPath } : null;
}

const OUTSIDE = {
  zh: '无权操作该终端：终端所属党组织不在您的管理范围内',
  en: 'Access denied: this terminal belongs to an organization outside your scope',
};

/**
 * The terminal when the actor manages its org; 403 outside their scope, as every module refuses a
 * record of another subtree. `auditRefusal` names the audit action a refusal leaves (issue 17: a
 * command to a terminal outside the admin's scope is refused and audited); without it the request
 * log keeps the refusal and nothing is written.
 */
export async function terminalFor(ctx: Ctx, id: number, auditRefusal?: { action: string; after: object }) {
  const found = await readTerminal(ctx.db, id);
  if (!found) throw notFound(TERMINAL);
  const actor = actorOf(ctx);
  if (auditRefusal && !can(actor, 'kiosk.manage', found.orgPath))
    await recordAudit(ctx.db, ctx, {
      action: auditRefusal.action,
      targetType: 'kiosk_terminal',
      targetId: id,
      orgId: found.row.orgId,
      orgPath: found.orgPath,
      after: { ...auditRefusal.after, reason: 'outside_scope' },
    });
  authorize(actor, 'kiosk.manage', found.orgPath, OUTSIDE);
  return found;
}

/** The terminals in the actor's scope (or under the org asked for), with their online state. */
export async function listTerminals(ctx: Ctx, q: TerminalListQuery) {
  const scope = await listScope(ctx, 'kiosk.manage', q.orgId);
  const where = scope.covers(orgs.path);
  const now = ctx.now();
  return paginate(q, {
    rows: async (limit, offset) => {
      const rows = await ctx.db
        .select(columns)
        .from(kioskTerminals)
        .innerJoin(orgs, eq(orgs.id, kioskTerminals.orgId))
        .where(where)
        .orderBy(orgs.path, kioskTerminals.id)
        .limit(limit)
        .offset(offset);
      return rows.map((r) => presentTerminal({ ...r.t, orgName: r.orgName, pending: r.pending }, now));
    },
    count: () =>
      ctx.db
        .select({ n: count() })
        .from(kioskTerminals)
        .innerJoin(orgs, eq(orgs.id, kioskTerminals.orgId))
        .where(where),
  });
}

/** 登记终端: a new terminal under an org in scope, and its one-time registration code. */
export async function createTerminal(ctx: Ctx, input: CreateTerminal): Promise<TerminalCode> {
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound(ORG);
  authorize(actorOf(ctx), 'kiosk.manage', org.path, {
    zh: '无权登记终端：该党组织不在您的管理范围内',
    en: 'Access denied: this organization is outside your scope',
  });
  const now = ctx.now();
  const { code, codeHash, codeExpiresAt } = newRegistrationCode(now);
  return inTransaction(ctx.db, async (tx) => {
    const [t] = await tx
      .insert(kioskTerminals)
      .values({
        orgId: org.id,
        name: input.name,
        place: input.place,
        idleSeconds: input.idleSeconds,
        codeHash,
        codeExpiresAt,
        createdBy: actorOf(ctx).userId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'kiosk.terminal_created',
      targetType: 'kiosk_terminal',
      targetId: t.id,
      orgId: org.id,
      orgPath: org.path,
      after: { name: t.name, place: t.place, idleSeconds: t.idleSeconds },
    });
    return {
      terminal: presentTerminal({ ...t, orgName: org.name, pending: 0 }, now),
      code,
      codeExpiresAt: codeExpiresAt.toISOString(),
    };
  });
}

/**
 * 重新发放注册码: a replaced or wiped screen registers again. The old token stops working at once
 * (a stolen screen cannot keep heartbeating as this terminal).
 */
export async function reissueCode(ctx: Ctx, id: number): Promise<TerminalCode> {
  const { row, orgPath } = await terminalFor(ctx, id);
  const now = ctx.now();
  const { code, codeHash, codeExpiresAt } = newRegistrationCode(now);
  return inTransaction(ctx.db, async (tx) => {
    const [t] = await tx
      .update(kioskTerminals)
      .set({ codeHash, codeExpiresAt, tokenHash: null, registeredAt: null, revokedAt: null })
      .where(eq(kioskTerminals.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'kiosk.code_reissued',
      targetType: 'kiosk_terminal',
      targetId: id,
      orgId: row.orgId,
      orgPath,
      after: { name: t.name },
    });
    return {
      terminal: presentTerminal({ ...t, orgName: row.orgName, pending: row.pending }, now),
      code,
      codeExpiresAt: codeExpiresAt.toISOString(),
    };
  });
}

/** 停用终端: its token and any code are refused from now on. */
export async function revokeTerminal(ctx: Ctx, id: number): Promise<Terminal> {
  const { row, orgPath } = await terminalFor(ctx, id);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const [t] = await tx
      .update(kioskTerminals)
      .set({ revokedAt: now, codeHash: null, codeExpiresAt: null })
      .where(eq(kioskTerminals.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'kiosk.terminal_revoked',
      targetType: 'kiosk_terminal',
      targetId: id,
      orgId: row.orgId,
      orgPath,
      before: { revoked: !!row.revokedAt },
      after: { revoked: true },
    });
    return presentTerminal({ ...t, orgName: row.orgName, pending: row.pending }, now);
  });
}

/** The commands sent to a terminal, newest first (the last 50). */
export async function listCommands(ctx: Ctx, id: number): Promise<{ items: Command[] }> {
  await terminalFor(ctx, id);
  const rows = await ctx.db
    .select({ c: kioskCommands, by: users.displayName })
    .from(kioskCommands)
    .leftJoin(users, eq(users.id, kioskCommands.createdBy))
    .where(and(eq(kioskCommands.terminalId, id)))
    .orderBy(desc(kioskCommands.id))
    .limit(50);
  return { items: rows.map((r) => presentCommand(r.c, r.by)) };
}

export function presentCommand(c: typeof kioskCommands.$inferSelect, by: string | null): Command {
  return {
    id: String(c.id),
    kind: c.kind,
    text: c.text,
    state: c.state,
    createdAt: c.createdAt.toISOString(),
    createdBy: by,
    ackedAt: c.ackedAt?.toISOString() ?? null,
  };
}
