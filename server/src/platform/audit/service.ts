import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '../../../../contracts/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { scopePaths } from '../access/index.ts';
import { actorOf, type Ctx } from '../context.ts';
import { paginate } from '../http/pagination.ts';
import { maskPhone } from '../pii/index.ts';
import { auditLog } from './schema.ts';

export type AuditEvent = {
  action: string;
  targetType?: string;
  targetId?: string | number;
  orgId?: number | null;
  orgPath?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Who acted, when there is no signed-in actor yet (a login attempt names the account). */
  actorId?: number | null;
  actorName?: string | null;
};

/** Never written to the audit log, whatever a module passes. */
const SECRET = new Set([
  'passwordHash',
  'password',
  'tokenHash',
  'csrfToken',
  'phoneEnc',
  'phoneIndex',
  'idNumberEnc',
  'idNumberIndex',
  'homeAddressEnc',
]);
const MASKED: Record<string, (v: string) => string> = { phone: maskPhone };

function clean(row: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (SECRET.has(k)) continue;
    out[k] = typeof v === 'string' && MASKED[k] ? MASKED[k](v) : v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Keeps only what changed, so an entry reads as the edit that was made. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'updatedAt') continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * How an actor is named in the audit log and in records' histories: "姓名(username)". A study-card
 * account's username carries the card number (card + 12 digits), which is a credential: masked.
 */
export function actorLabel(actor: { displayName: string; username: string }): string {
  const name = /^card\d{12}$/.test(actor.username)
    ? `card${actor.username.slice(4, 7)}*****${actor.username.slice(-4)}`
    : actor.username;
  return `${actor.displayName}(${name})`;
}

/** The one audit call: inside the write's own transaction, so a rolled-back write leaves no entry. */
export async function recordAudit(db: Queryable, ctx: Ctx, e: AuditEvent): Promise<void> {
  const { before, after } = diff(clean(e.before), clean(e.after));
  await db.insert(auditLog).values({
    actorId: e.actorId !== undefined ? e.actorId : (ctx.actor?.userId ?? null),
    actorName: e.actorName !== undefined ? e.actorName : ctx.actor ? actorLabel(ctx.actor) : null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId == null ? null : String(e.targetId),
    orgId: e.orgId ?? null,
    orgPath: e.orgPath ?? null,
    before,
    after,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
  });
}

/**
 * How many times `actorId` did `action` since `since`: the audit log as a durable counter, shared
 * by every server process (bounds on how often something may be asked).
 */
export async function countActions(db: Queryable, actorId: number, action: string, since: Date) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action), gte(auditLog.at, since)));
  return n;
}

export async function listAudit(ctx: Ctx, q: AuditQuery) {
  const actor = actorOf(ctx);
  const scopes = scopePaths(actor, 'audit.view');
  const where: (SQL | undefined)[] = [
    or(
      ...scopes.map((p) => sql`${auditLog.orgPath} like ${`${p}%`}`),
      // entries tied to no org (a failed login for an unknown name) belong to the top of the tree
      scopes.some((p) => /^\/\d+\/$/.test(p)) ? sql`${auditLog.orgPath} is null` : undefined,
    ),
  ];
  if (q.action) where.push(ilike(auditLog.action, `${q.action}%`));
  if (q.actor) where.push(ilike(auditLog.actorName, `%${q.actor}%`));
  if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  if (q.orgId)
    where.push(sql`${auditLog.orgPath} like (select path from orgs where id = ${Number(q.orgId)}) || '%'`);
  const filter = and(...where);
  return paginate(q, {
    count: () => ctx.db.select({ n: count() }).from(auditLog).where(filter),
    rows: (limit, offset) =>
      ctx.db
        .select(AUDIT_COLUMNS)
        .from(auditLog)
        .where(filter)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)
        .offset(offset),
  });
}

const AUDIT_COLUMNS = {
  id: auditLog.id,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorName: auditLog.actorName,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  orgId: auditLog.orgId,
  orgName: sql<string | null>`(select name from orgs where orgs.id = ${auditLog.orgId})`,
  before: auditLog.before,
  after: auditLog.after,
  ip: auditLog.ip,
};
