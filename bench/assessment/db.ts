import fs from 'node:fs';
import path from 'node:path';
import { connect, type Database } from '../../server/src/db/client.ts';

/**
 * A second connection to a running server's embedded PostgreSQL (its data dir's postmaster.pid
 * names the port, keys/pg-password the password): the benchmark tops up the month and times the
 * indicators in-process while the server keeps serving.
 */
export function connectToDataDir(dataDir: string, poolSize = 4): Database {
  const pid = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(pid[3]);
  const password = fs.readFileSync(path.join(dataDir, 'keys', 'pg-password'), 'utf8').trim();
  return connect(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/hongyun`, poolSize);
}
