import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { fileStore } from '../../../platform/files/index.ts';
import type { JobContext } from '../../../platform/module.ts';
import { memberImports } from '../schema.ts';

/**
 * The life of an import row, shared by its worker (import-job.ts) and the clean-up job
 * (cleanup.ts): who may work on it, when it is finished, what happens to its files.
 */

/**
 * Days an import's error workbook is kept after the import finished: long enough to correct the
 * file over a week, short enough that a copy of a branch's rows does not lie on disk for good.
 * IMPORT_ERRORS_KEEP_DAYS (config.importErrorsKeepDays), 7 by default.
 */
export const keepDays = (config: Config) => config.importErrorsKeepDays;

/** pg_try_advisory_lock(hashtext(LOCK), id): one worker per import at a time (ids past 2^31 wrap, harmlessly rare). */
const LOCK = 'hongyun.members.import';
const LOCK_ARGS = 'hashtext($1), ($2::bigint % 2147483647)::int';
/** An import that will change nothing more: written, refused, or its preview discarded. */
export const FINISHED = ['done', 'failed', 'cancelled'];
export const unfinished = (id: number) =>
  and(eq(memberImports.id, id), notInArray(memberImports.status, FINISHED));

/** `fn` while holding the import's lock, or undefined at once when someone else holds it. */
export async function withImportLock<T>(db: Db, id: number, fn: () => Promise<T>): Promise<T | undefined> {
  const lock = await db.$client.connect();
  try {
    const { rows } = await lock.query<{ ok: boolean }>(`select pg_try_advisory_lock(${LOCK_ARGS}) as ok`, [
      LOCK,
      id,
    ]);
    if (!rows[0].ok) return undefined;
    try {
      return await fn();
    } finally {
      await lock.query(`select pg_advisory_unlock(${LOCK_ARGS})`, [LOCK, id]);
    }
  } finally {
    lock.release();
  }
}

/** The upload of a finished import goes; `file_path` '' then says so (the column is not nullable). */
export async function removeUpload(job: Pick<JobContext, 'db' | 'config' | 'log'>, id: number, key: string) {
  if (!key) return;
  try {
    await fileStore(job.config).remove(key);
    await job.db
      .update(memberImports)
      .set({ filePath: '' })
      .where(and(eq(memberImports.id, id), inArray(memberImports.status, FINISHED)));
  } catch (err) {
    // the cleanup job tries again
    job.log('could not delete an import upload', { importId: id, err: String(err) });
  }
}
