import type { Command, SendCommand } from '../../../../contracts/kiosk/terminals.ts';
import { inTransaction } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict } from '../../platform/http/errors.ts';
import { kioskCommands } from './schema.ts';
import { presentCommand, terminalFor } from './terminals.ts';

/**
 * 远程指令: the console tells one terminal to reload, show a notice or go back to its home. The
 * kiosk picks it up at its next poll (every 10 s) or heartbeat and acknowledges it.
 */
export async function sendCommand(ctx: Ctx, terminalId: number, input: SendCommand): Promise<Command> {
  const { row, orgPath } = await terminalFor(ctx, terminalId, {
    action: 'kiosk.command_refused',
    after: { kind: input.kind },
  });
  if (row.revokedAt)
    throw conflict('terminal_revoked', {
      zh: '该终端已停用，不能下发指令',
      en: 'This terminal has been revoked; it takes no commands',
    });
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const [c] = await tx
      .insert(kioskCommands)
      .values({
        terminalId,
        kind: input.kind,
        text: input.kind === 'notice' ? input.text : '',
        createdBy: actor.userId,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'kiosk.command_sent',
      targetType: 'kiosk_terminal',
      targetId: terminalId,
      orgId: row.orgId,
      orgPath,
      after: { command: c.id, kind: c.kind, text: c.text },
    });
    return presentCommand(c, actor.displayName);
  });
}
