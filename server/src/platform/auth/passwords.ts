import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's 19 MiB / 2 passes / 1 lane. @node-rs/argon2 runs on libuv's thread pool,
// so hashing never blocks the event loop that serves other requests.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * At most (cores - 1) hashes at once: a burst of logins (the morning of a district-wide exam)
 * then queues for its own core instead of taking every core from the requests already being
 * served. Measured in bench/foundation.ts: browsing p99 during logins.
 */
const MAX_CONCURRENT = Math.max(1, os.availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // a finishing hash hands its slot straight to the next in line, so the limit is never exceeded
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, OPTIONS));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(stored, password));
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
