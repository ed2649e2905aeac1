import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's 19 MiB / 2 passes / 1 lane. @node-rs/argon2 runs on libuv's thread pool,
// so hashing never blocks the event loop that serves other requests.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spend the same time on an unknown account as on a known one, so timing does not reveal names. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hashPassword('hongyun-timing-equaliser');
  await verifyPassword(await dummy, password);
}
