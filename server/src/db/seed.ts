import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { allModules } from '../modules/index.ts';
import { declareNoticeKinds } from '../platform/notify/kinds.ts';
import type { Pii } from '../platform/pii/index.ts';
import { type Db, inTransaction } from './client.ts';

/** Seeds the demo when the database has no orgs yet; all or nothing, in one transaction. */
export async function seedIfEmpty(
  db: Db,
  config: Config,
  pii: Pii,
  scale: 'district' | 'city',
  log: (m: string) => void,
) {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from orgs`);
  if (rows[0].n > 0) return false;
  // a seed may send notices (platform/notify), which must be of a declared kind
  for (const m of allModules(config)) if (m.notices) declareNoticeKinds(m.notices);
  await inTransaction(db, async (tx) => {
    const demo: Record<string, number> = {};
    for (const m of allModules(config))
      await m.seed?.({ db: tx, pii, scale, dataDir: config.dataDir, log, demo });
  });
  // settle the fresh rows (visibility map, hint bits, statistics) so the first requests are not
  // the ones that pay for it while autovacuum catches up
  await db.execute(sql`vacuum analyze`);
  return true;
}
