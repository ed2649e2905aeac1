import type { TestEnv } from '../../../test/harness.ts';
import { query } from '../../../test/harness.ts';
import { hashOf, newRegistrationCode, newTerminalToken } from './codes.ts';

/** A terminal of `orgId` made straight in the database: registered (with its token) or waiting for its code. */
export async function makeTerminal(
  env: TestEnv,
  orgId: number,
  opts: { registered?: boolean; revoked?: boolean } = {},
) {
  const token = newTerminalToken();
  const { code, codeHash, codeExpiresAt } = newRegistrationCode(new Date());
  const registered = opts.registered ?? true;
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into kiosk_terminals (org_id, name, place, token_hash, registered_at, code_hash, code_expires_at, revoked_at)
     values ($1, '测试终端', '测试地点', $2, $3, $4, $5, $6) returning id`,
    [
      orgId,
      registered ? hashOf(token) : null,
      registered ? new Date() : null,
      registered ? null : codeHash,
      registered ? null : codeExpiresAt,
      opts.revoked ? new Date() : null,
    ],
  );
  return { terminalId: Number(id), token, code };
}

/** A pending command of a terminal. */
export async function makeCommand(env: TestEnv, terminalId: number, kind = 'home') {
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into kiosk_commands (terminal_id, kind) values ($1, $2) returning id`,
    [terminalId, kind],
  );
  return Number(id);
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
