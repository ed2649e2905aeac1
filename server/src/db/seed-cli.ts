import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { createPii, loadDataKey } from '../platform/pii/index.ts';
import { applyMigrations } from './migrate.ts';
import { openDatabase } from './open.ts';
import { seedIfEmpty } from './seed.ts';

/**
 * `npm run seed -- [--scale district|city] [--reset]`: demo data into the configured database
 * (DATA_DIR's embedded one by default). --reset empties the database first.
 */
const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'district' }, reset: { type: 'boolean', default: false } },
});
if (values.scale !== 'district' && values.scale !== 'city') {
  console.error('--scale 只能是 district（区，约 2,000 个党组织）或 city（市，约 25,000 个）');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config);
try {
  if (values.reset) {
    await database.db.execute(
      sql.raw(
        'drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; create schema public',
      ),
    );
  }
  await applyMigrations(database.db);
  const pii = createPii(loadDataKey(config.dataKey, config.dataDir));
  const t0 = Date.now();
  const seeded = await seedIfEmpty(database.db, config, pii, values.scale, (m) => console.log(`[seed] ${m}`));
  console.log(
    seeded
      ? `[seed] 完成，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`
      : '[seed] 数据库已有数据，未改动（加 --reset 清空重建）',
  );
} finally {
  await database.shutdown();
}
