import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_GROUP_LABELS,
  type AuditActions,
  type AuditQuery,
} from '../../../../contracts/audit.ts';
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

/** The entries the actor may read: those of the orgs in their audit.view scope. */
function inScope(ctx: Ctx): SQL | undefined {
  const scopes = scopePaths(actorOf(ctx), 'audit.view');
  return or(
    ...scopes.map((p) => sql`${auditLog.orgPath} like ${`${p}%`}`),
    // entries tied to no org (a failed login for an unknown name) belong to the top of the tree
    scopes.some((p) => /^\/\d+\/$/.test(p)) ? sql`${auditLog.orgPath} is null` : undefined,
  );
}

export async function listAudit(ctx: Ctx, q: AuditQuery) {
  const where: (SQL | undefined)[] = [inScope(ctx)];
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

/**
 * The filter's choices: the actions the log holds in the actor's scope, grouped by what comes
 * before the first dot and labelled (contracts/audit.ts). Read from the log rather than written
 * into the page, so an action a module starts to record can be filtered on at once — the page's
 * own list had fallen behind by some thirty actions. One index probe per distinct action (a loose
 * index scan on audit_action_idx), not a pass over the whole log.
 */
export async function listAuditActions(ctx: Ctx): Promise<AuditActions> {
  const scope = inScope(ctx) ?? sql`false`;
  const rows = await ctx.db.execute<{ action: string }>(sql`
    with recursive seen(action) as (
      (select action from audit_log where ${scope} order by action limit 1)
      union all
      select (select action from audit_log where action > seen.action and ${scope} order by action limit 1)
      from seen where seen.action is not null
    )
    select action from seen where action is not null`);
  const groups = new Map<string, AuditActions['groups'][number]>();
  for (const { action } of rows.rows) {
    const group = action.split('.')[0];
    let g = groups.get(group);
    if (!g) {
      g = { group, label: AUDIT_GROUP_LABELS[group] ?? null, actions: [] };
      groups.set(group, g);
    }
    g.actions.push({ action, label: AUDIT_ACTION_LABELS[action] ?? null });
  }
  // the groups and the actions in each in the order the labels are written (the order work is done), unlabelled last
  const rank = (order: string[], k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const groupOrder = Object.keys(AUDIT_GROUP_LABELS);
  const actionOrder = Object.keys(AUDIT_ACTION_LABELS);
  return {
    groups: [...groups.values()]
      .sort((a, b) => rank(groupOrder, a.group) - rank(groupOrder, b.group) || a.group.localeCompare(b.group))
      .map((g) => ({
        ...g,
        actions: g.actions.sort(
          (a, b) =>
            rank(actionOrder, a.action) - rank(actionOrder, b.action) || a.action.localeCompare(b.action),
        ),
      })),
  };
}
