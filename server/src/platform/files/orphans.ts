import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { JobContext, JobDef, ModuleManifest } from '../module.ts';
import { addMonthsToMonth } from '../time.ts';
import { fileStore } from './index.ts';

/**
 * Files a module keeps in the store, declared in its manifest (`files`): the prefix its keys are
 * made under (newFileKey's first argument) and the columns of its records that name them. A
 * prefix no module declares is never swept: its owner keeps its files its own way (member imports).
 */
export type FileUse = {
  prefix: string;
  /** The columns holding keys made under `prefix`: a file named in none of them is an orphan. */
  keptIn: PgColumn[];
  /**
   * Deletes the records of uploads nobody saved — a picture uploaded while writing a post that was
   * never saved — made in [since, before); returns their files' keys for the sweep to remove.
   */
  unsaved?: (db: Db, window: { since: Date; before: Date }) => Promise<string[]>;
};

/**
 * A file is an orphan a day after it was written: an upload is written before the record that
 * names it (a failed transaction leaves a file, never a record without its file: images.ts), and
 * someone writing a post saves it within the day.
 */
export const ORPHAN_AFTER_HOURS = 24;

/**
 * How far back a run looks: uploads of the last 31 days, and the files in the month folders of
 * their keys (newFileKey groups keys by month). Running nightly, a run sees each orphan about
 * thirty times; what older folders still hold was swept when they were recent, so a run never
 * walks the whole store (a city's pictures).
 */
export const LOOK_BACK_DAYS = 31;

const HOUR = 3_600_000;
/** Keys looked up at a time: each table that names files is read once per batch. */
const BATCH = 20_000;

/** The month folders (newFileKey: `prefix/YYYY-MM/…`, the UTC month) from `since` to `now`. */
function monthsOfKeys(since: Date, now: Date): string[] {
  const out = [since.toISOString().slice(0, 7)];
  while (out.at(-1)! < now.toISOString().slice(0, 7)) out.push(addMonthsToMonth(out.at(-1)!, 1));
  return out;
}

/**
 * The clean-up of orphaned files: first each module's unsaved uploads (their records, then their
 * files), then every file under a declared prefix that is older than a day and named by no record
 * (a file whose transaction failed, a record deleted without its file). Safe to run anywhere and
 * twice: a file still named is never removed, and a record is deleted before its file.
 */
export async function removeOrphanedFiles(job: JobContext, uses: readonly FileUse[]) {
  const now = job.now();
  const before = new Date(now.getTime() - ORPHAN_AFTER_HOURS * HOUR);
  const since = new Date(before.getTime() - LOOK_BACK_DAYS * 24 * HOUR);
  const store = fileStore(job.config);
  let unsavedFiles = 0;
  let removed = 0;
  for (const use of uses) {
    const freed = use.unsaved ? await use.unsaved(job.db, { since, before }) : [];
    unsavedFiles += freed.length;
    const candidates = new Set(freed);
    for (const month of monthsOfKeys(since, now))
      for await (const f of store.list(`${use.prefix}/${month}`))
        if (f.modifiedAt.getTime() < before.getTime()) candidates.add(f.key);
    const keys = [...candidates];
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      const named = await namedKeys(job.db, use.keptIn, batch);
      for (const key of batch) {
        if (named.has(key)) continue;
        try {
          await store.remove(key);
          removed++;
        } catch (err) {
          job.log('could not remove an orphaned file', { key, err: String(err) });
        }
      }
    }
  }
  return { unsavedFiles, removed };
}

/** Which of `keys` a record names: one join per column, each table read once for the whole batch. */
async function namedKeys(db: Db, columns: readonly PgColumn[], keys: string[]): Promise<Set<string>> {
  if (!columns.length || !keys.length) return new Set();
  const parts: SQL[] = columns.map(
    (c) =>
      sql`select k.key from k join ${sql.identifier(getTableName(c.table))} t on t.${sql.identifier(c.name)} = k.key`,
  );
  const { rows } = await db.execute<{ key: string }>(sql`
    with k(key) as (select unnest(${sql.param(keys)}::text[]))
    ${sql.join(parts, sql` union `)}`);
  return new Set(rows.map((r) => r.key));
}

export const ORPHANED_FILES_JOB = 'files-orphans';

/**
 * The platform's file clean-up, over what every module declared. Nightly, after the import
 * clean-up (members-import-files, 03:15).
 */
export function filesModule(modules: readonly ModuleManifest[]): ModuleManifest {
  const uses = modules.flatMap((m) => m.files ?? []);
  const job: JobDef = {
    name: ORPHANED_FILES_JOB,
    cron: '45 3 * * *',
    run: (ctx) => removeOrphanedFiles(ctx, uses),
  };
  return { name: 'files', policies: [], jobs: [job] };
}
