import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/open.ts';
import { recommendHitRates } from './learning/recommend.ts';

/**
 * The recommendations' hit rates alone, on the demo database of DATA_DIR (stopped: this opens it):
 * `DATA_DIR=data node bench/recommend-only.ts` (or a running one's DATABASE_URL). bench/learning.ts runs the same on the city.
 */
const database = await openDatabase(
  loadConfig({ DATA_DIR: process.env.DATA_DIR ?? 'data', DATABASE_URL: process.env.DATABASE_URL }),
);
try {
  console.log(JSON.stringify(await recommendHitRates(database.db), null, 2));
} finally {
  await database.shutdown();
}
