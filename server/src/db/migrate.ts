import path from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { projectRoot } from '../config.ts';
import type { Db } from './client.ts';

export const migrationsFolder = path.join(projectRoot, 'server/migrations');

/** Applies the committed SQL migrations; concurrent starters wait on drizzle's advisory-free table lock. */
export async function applyMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
