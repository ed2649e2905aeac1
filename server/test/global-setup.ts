import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/client.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { ensureDatabase } from '../src/db/open.ts';
import { seedIfEmpty } from '../src/db/seed.ts';
import { createPii } from '../src/platform/pii/index.ts';
import { TEMPLATE, TEST_DATA_KEY } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One throw-away PostgreSQL for the whole run (or TEST_DATABASE_URL's server), with a template
 * database holding the migrations and the demo district; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  let dir: string | undefined;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-test-'));
    const cluster = await startEmbeddedPostgres({
      dir: path.join(dir, 'pg'),
      passwordFile: path.join(dir, 'pg-password'),
      ephemeral: true,
      preferredPort: 0,
    });
    adminUrl = cluster.url('postgres');
    stop = cluster.stop;
  }
  const base = new URL(adminUrl);
  await dropIfExists(adminUrl, TEMPLATE);
  await ensureDatabase(adminUrl, TEMPLATE);
  base.pathname = `/${TEMPLATE}`;
  const template = connect(base.toString(), 2);
  await applyMigrations(template.db);
  await seedIfEmpty(template.db, loadConfig(), createPii(TEST_DATA_KEY), 'district', () => {});
  await template.close();
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

async function dropIfExists(adminUrl: string, name: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
  await c.end();
}
