import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { JobContext } from '../module.ts';
import { fileStore, newFileKey } from './index.ts';
import { type FileUse, ORPHANED_FILES_JOB, removeOrphanedFiles } from './orphans.ts';

// A module's record naming its files, made for this test in this file's own database.
const probeFiles = pgTable('probe_files', { key: text('key').notNull(), thumb: text('thumb') });

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ dataDir: fs.mkdtempSync('/tmp/hongyun-orphans-test-') });
  await query(env, 'create table probe_files (key text not null, thumb text)');
});
afterAll(async () => {
  await env?.close();
  if (env) fs.rmSync(env.config.dataDir, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const job = (now = new Date()): JobContext => ({
  db: env.database.db,
  config: env.config,
  pii: env.pii,
  now: () => now,
  log: () => {},
});

/** A file written `hoursAgo` hours ago, as an upload leaves it. */
async function fileOf(prefix: string, hoursAgo: number, now = new Date()) {
  const store = fileStore(env.config);
  const at = new Date(now.getTime() - hoursAgo * HOUR);
  const key = newFileKey(prefix, 'bin', at);
  await store.put(key, Buffer.from(key));
  await fs.promises.utimes(store.pathOf(key), at, at);
  return key;
}
const exists = (key: string) => fileStore(env.config).exists(key);

describe('the nightly sweep of orphaned files (files no record names, a day after they were written)', () => {
  it('is a recurring job of the platform, registered with the app', () => {
    const files = env.modules.find((m) => m.name === 'files');
    expect(files?.jobs?.map((j) => j.name)).toEqual([ORPHANED_FILES_JOB]);
  });

  it('removes a file a day old that no record names; keeps a named one, a fresh one and prefixes nobody declared', async () => {
    const named = await fileOf('probe', 30);
    const namedThumb = await fileOf('probe', 30);
    const orphan = await fileOf('probe', 25);
    const fresh = await fileOf('probe', 2);
    const undeclared = await fileOf('probe-other', 48);
    await query(env, 'insert into probe_files (key, thumb) values ($1, $2)', [named, namedThumb]);
    const uses: FileUse[] = [{ prefix: 'probe', keptIn: [probeFiles.key, probeFiles.thumb] }];

    expect(await removeOrphanedFiles(job(), uses)).toEqual({ unsavedFiles: 0, removed: 1 });
    expect(await exists(orphan)).toBe(false);
    for (const kept of [named, namedThumb, fresh, undeclared]) expect(await exists(kept), kept).toBe(true);
    // a second run finds nothing more
    expect(await removeOrphanedFiles(job(), uses)).toEqual({ unsavedFiles: 0, removed: 0 });
  });

  it('a write that failed half-way leaves a .part beside the key: it goes too', async () => {
    const store = fileStore(env.config);
    const key = newFileKey('probe', 'bin');
    const part = `${key}.0a1b2c3d4e5f.part`;
    await store.put(part, Buffer.from('half'));
    const long = new Date(Date.now() - 30 * HOUR);
    await fs.promises.utimes(store.pathOf(part), long, long);
    await removeOrphanedFiles(job(), [{ prefix: 'probe', keptIn: [probeFiles.key] }]);
    expect(await exists(part)).toBe(false);
  });

  it('a module’s unsaved uploads lose their records first, then their files, whatever month they were made in', async () => {
    const now = new Date();
    // made more than a month ago: its folder is older than the sweep walks, the record names it
    const old = await fileOf('probe', 24 * 40, now);
    const thumb = await fileOf('probe', 24 * 40, now);
    await query(env, 'insert into probe_files (key, thumb) values ($1, $2)', [old, thumb]);
    const windows: { since: Date; before: Date }[] = [];
    const uses: FileUse[] = [
      {
        prefix: 'probe',
        keptIn: [probeFiles.key, probeFiles.thumb],
        unsaved: async (db, w) => {
          windows.push(w);
          const { rows } = await db.execute<{ key: string; thumb: string }>(
            sql`delete from probe_files where key = ${old} returning key, thumb`,
          );
          return rows.flatMap((r) => [r.key, r.thumb]);
        },
      },
    ];
    expect(await removeOrphanedFiles(job(now), uses)).toEqual({ unsavedFiles: 2, removed: 2 });
    expect(windows).toEqual([
      { since: new Date(now.getTime() - (24 + 31 * 24) * HOUR), before: new Date(now.getTime() - 24 * HOUR) },
    ]);
    expect(await exists(old)).toBe(false);
    expect(await exists(thumb)).toBe(false);
  });

  it('walks only the month folders of the last month: a stray file of a year ago is left alone', async () => {
    const yearOld = await fileOf('probe', 24 * 365);
    await removeOrphanedFiles(job(), [{ prefix: 'probe', keptIn: [probeFiles.key] }]);
    expect(await exists(yearOld)).toBe(true);
  });
});
