import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from './access/index.ts';
import type { Lang } from './http/errors.ts';
import type { JobQueue } from './jobs/index.ts';
import type { Pii } from './pii/index.ts';

/** What every domain operation receives: where to read and write, who acts, from where, and when. */
export type Ctx = {
  db: Db;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  lang: Lang;
  now: () => Date;
  pii: Pii;
  config: Config;
  jobs: JobQueue;
};

/** Services that run for a signed-in user only call this to get the actor. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('operation requires an authenticated actor');
  return ctx.actor;
}
