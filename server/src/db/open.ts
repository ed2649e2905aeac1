import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { connect, type Database } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';

export type OpenedDatabase = Database & { url: string; shutdown: () => Promise<void> };

/** DATABASE_URL when given; otherwise the embedded PostgreSQL under dataDir/pg, database `hongyun`. */
export async function openDatabase(
  config: Config,
  opts: { poolSize?: number } = {},
): Promise<OpenedDatabase> {
  let url = config.databaseUrl;
  let stopCluster = async () => {};
  if (!url) {
    const cluster = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'pg'),
      passwordFile: path.join(config.dataDir, 'keys', 'pg-password'),
    });
    stopCluster = cluster.stop;
    await ensureDatabase(cluster.url('postgres'), 'hongyun');
    url = cluster.url('hongyun');
  }
  const database = connect(url, opts.poolSize);
  return {
    ...database,
    url,
    shutdown: async () => {
      await database.close();
      await stopCluster();
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
