import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';

// int8 (counts, bigserial ids) as numbers: ids stay far below 2^53 and counts are small.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export type Database = { db: Db; pool: pg.Pool; close: () => Promise<void> };

export function connect(url: string, max = 20): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    // SSD storage: with the default 4.0 the planner prefers scanning all 680,000 members to 115
    // index look-ups for a town's branches (measured 155 ms against 3 ms; docs/SCALE.md)
    options: '-c random_page_cost=1.1',
  });
  pool.on('error', (err) => console.error('[db] idle client error', err.message));
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

/** The one transaction helper: every write runs in exactly one transaction. */
export function inTransaction<T>(db: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (db as Db).transaction(fn);
}

/**
 * `n` fresh ids of `table`'s bigserial, before the rows exist: values that are encrypted bound to
 * their row (platform/pii `bind`) need the row's id when they are written.
 */
export async function nextIds(db: Queryable, table: string, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const { rows } = await db.execute<{ id: number }>(
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int8 as id from generate_series(1, ${n})`,
  );
  return rows.map((r) => Number(r.id));
}
