import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type {
  HeartbeatAnswer,
  PendingCommand,
  Registered,
  TerminalSelf,
} from '../../../../contracts/kiosk/terminals.ts';
import { inTransaction } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { orgs } from '../../platform/tree/index.ts';
import { hashOf, newTerminalToken } from './codes.ts';
import { kioskCommands, kioskTerminals } from './schema.ts';

// What a terminal itself calls. It has no login session: it shows its token
// (`Authorization: Bearer <token>`), which the console can revoke.

const UNKNOWN_TERMINAL = {
  zh: '终端未注册或已停用，请在终端上重新输入注册码',
  en: 'This terminal is not registered or has been revoked; enter a registration code on it',
};
const BAD_CODE = {
  zh: '注册码无效或已过期，请向区委组织部重新获取',
  en: 'The registration code is wrong or has expired; ask the department for a new one',
};

/** The token a request shows, or null. */
export function tokenOf(authorization: string | undefined): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '');
  return m ? m[1] : null;
}

/** A refused terminal request: audited (no actor: the address and what was tried), then 401. */
async function refuse(ctx: Ctx, attempt: string, text = UNKNOWN_TERMINAL): Promise<never> {
  await recordAudit(ctx.db, ctx, {
    action: 'kiosk.terminal_refused',
    targetType: 'kiosk_terminal',
    actorId: null,
    actorName: null,
    after: { attempt },
  });
  throw new AppError(401, 'terminal_unknown', text);
}

const terminalLabel = (t: { id: number; name: string }) => `终端「${t.name}」#${t.id}`;

/** 终端注册: the kiosk keys in its one-time code and receives its token (the code is then spent). */
export async function registerTerminal(ctx: Ctx, code: string): Promise<Registered> {
  const now = ctx.now();
  const token = newTerminalToken();
  const registered = await inTransaction(ctx.db, async (tx) => {
    const [t] = await tx
      .update(kioskTerminals)
      .set({
        tokenHash: hashOf(token),
        registeredAt: now,
        codeHash: null,
        codeExpiresAt: null,
        lastSeenAt: now,
        screen: 'home',
      })
      .where(
        and(
          eq(kioskTerminals.codeHash, hashOf(code)),
          gt(kioskTerminals.codeExpiresAt, now),
          isNull(kioskTerminals.revokedAt),
        ),
      )
      .returning();
    if (!t) return null;
    const [org] = await tx
      .select({ name: orgs.name, path: orgs.path })
      .from(orgs)
      .where(eq(orgs.id, t.orgId));
    await recordAudit(tx, ctx, {
      action: 'kiosk.terminal_registered',
      targetType: 'kiosk_terminal',
      targetId: t.id,
      orgId: t.orgId,
      orgPath: org.path,
      actorId: null,
      actorName: terminalLabel(t),
      after: { registeredAt: now.toISOString() },
    });
    return { t, orgName: org.name };
  });
  if (!registered) return refuse(ctx, 'register', BAD_CODE);
  return { token, terminal: selfOf(registered.t, registered.orgName) };
}

const selfOf = (t: typeof kioskTerminals.$inferSelect, orgName: string): TerminalSelf => ({
  id: String(t.id),
  name: t.name,
  place: t.place,
  orgId: String(t.orgId),
  orgName,
  idleSeconds: t.idleSeconds,
});

/** Who the token belongs to (the kiosk reads its name, org and idle time when it starts). */
export async function terminalSelf(ctx: Ctx, token: string | null): Promise<TerminalSelf> {
  if (!token) return refuse(ctx, 'self');
  const [r] = await ctx.db
    .select({ t: kioskTerminals, orgName: orgs.name })
    .from(kioskTerminals)
    .innerJoin(orgs, eq(orgs.id, kioskTerminals.orgId))
    .where(and(eq(kioskTerminals.tokenHash, hashOf(token)), isNull(kioskTerminals.revokedAt)));
  if (!r) return refuse(ctx, 'self');
  return selfOf(r.t, r.orgName);
}

type Beat = {
  id: number;
  idle_seconds: number;
  cid: number | null;
  kind: PendingCommand['kind'] | null;
  text: string | null;
};

const pending = (rows: Beat[]): PendingCommand[] =>
  rows.filter((r) => r.cid != null).map((r) => ({ id: String(r.cid), kind: r.kind!, text: r.text ?? '' }));

/**
 * 心跳: once a minute, what the terminal shows. One statement — an UPDATE by the token's hash (a
 * unique index; last_seen_at and screen are not indexed, so the update is HOT) joined with the
 * terminal's pending commands (a partial index) — so 10,000 terminals a minute stay cheap and the
 * answer carries the commands waiting for it.
 */
export async function heartbeat(ctx: Ctx, token: string | null, screen: string): Promise<HeartbeatAnswer> {
  if (!token) return refuse(ctx, 'heartbeat');
  // Its commit does not wait for the disk (synchronous_commit off for this statement alone, as an
  // exam's start): 10,000 terminals a minute would otherwise be a flush each, and a heartbeat lost
  // with the machine is harmless (the next comes a minute later). Prepared once per connection.
  const { rows } = await ctx.db.$client.query<Beat>({
    name: 'kiosk_heartbeat',
    text: `with t as (
             update kiosk_terminals k set last_seen_at = $1, screen = $2
               from (select set_config('synchronous_commit', 'off', true)) as async
              where k.token_hash = $3 and k.revoked_at is null
             returning k.id, k.idle_seconds)
           select t.id, t.idle_seconds, c.id as cid, c.kind, c.text
             from t left join kiosk_commands c on c.terminal_id = t.id and c.state = 'pending'
            order by c.id`,
    values: [ctx.now().toISOString(), screen, hashOf(token)],
  });
  if (!rows.length) return refuse(ctx, 'heartbeat');
  return { commands: pending(rows), idleSeconds: rows[0].idle_seconds };
}

/**
 * The cheap poll between heartbeats (every 10 s): a read of the pending commands. A refused poll
 * is answered 401 but not audited: the heartbeat a minute later records the refusal, and a revoked
 * screen polling six times a minute would otherwise fill the log.
 */
export async function pollCommands(ctx: Ctx, token: string | null): Promise<{ commands: PendingCommand[] }> {
  if (!token) throw new AppError(401, 'terminal_unknown', UNKNOWN_TERMINAL);
  const { rows } = await ctx.db.execute<Beat>(sql`
    select t.id, t.idle_seconds, c.id as cid, c.kind, c.text
      from kiosk_terminals t
      left join kiosk_commands c on c.terminal_id = t.id and c.state = 'pending'
     where t.token_hash = ${hashOf(token)} and t.revoked_at is null
     order by c.id`);
  if (!rows.length) throw new AppError(401, 'terminal_unknown', UNKNOWN_TERMINAL);
  return { commands: pending(rows) };
}

/** The kiosk carried out a command: it is marked acknowledged (once; a second ack is a no-op). */
export async function ackCommand(ctx: Ctx, token: string | null, commandId: number): Promise<{ ok: true }> {
  if (!token) return refuse(ctx, 'ack');
  const [t] = await ctx.db
    .select({
      id: kioskTerminals.id,
      name: kioskTerminals.name,
      orgId: kioskTerminals.orgId,
      path: orgs.path,
    })
    .from(kioskTerminals)
    .innerJoin(orgs, eq(orgs.id, kioskTerminals.orgId))
    .where(and(eq(kioskTerminals.tokenHash, hashOf(token)), isNull(kioskTerminals.revokedAt)));
  if (!t) return refuse(ctx, 'ack');
  const now = ctx.now();
  await inTransaction(ctx.db, async (tx) => {
    const [c] = await tx
      .select()
      .from(kioskCommands)
      .where(and(eq(kioskCommands.id, commandId), eq(kioskCommands.terminalId, t.id)))
      .for('update');
    if (!c) throw notFound({ zh: '指令', en: 'Command' });
    if (c.state === 'acked') return;
    await tx.update(kioskCommands).set({ state: 'acked', ackedAt: now }).where(eq(kioskCommands.id, c.id));
    await recordAudit(tx, ctx, {
      action: 'kiosk.command_acked',
      targetType: 'kiosk_terminal',
      targetId: t.id,
      orgId: t.orgId,
      orgPath: t.path,
      actorId: null,
      actorName: terminalLabel(t),
      after: { command: c.id, kind: c.kind },
    });
  });
  return { ok: true };
}
