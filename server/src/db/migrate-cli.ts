import { loadConfig } from '../config.ts';
import { applyMigrations } from './migrate.ts';
import { openDatabase } from './open.ts';

/** `npm run migrate`: apply committed migrations to the configured database, nothing else. */
const database = await openDatabase(loadConfig());
try {
  await applyMigrations(database.db);
  console.log('[migrate] 迁移已应用');
} finally {
  await database.shutdown();
}
