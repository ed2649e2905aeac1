import { createHash, randomBytes, randomInt } from 'node:crypto';
import { REGISTRATION_CODE_HOURS } from '../../../../contracts/kiosk/terminals.ts';

/** Both the code and the token are random, so a fast hash is enough (and keeps a heartbeat cheap). */
export const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** A one-time registration code: 8 digits, keyed in on the kiosk's number pad. */
export function newRegistrationCode(now: Date) {
  const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return {
    code,
    codeHash: hashOf(code),
    codeExpiresAt: new Date(now.getTime() + REGISTRATION_CODE_HOURS * 3_600_000),
  };
}

/** The terminal's token, kept in the kiosk's localStorage; only its hash is stored. */
export const newTerminalToken = () => randomBytes(32).toString('base64url');
