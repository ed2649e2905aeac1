import { and, eq, inArray, isNotNull, lt, ne, notInArray } from 'drizzle-orm';
import { fileStore } from '../../../platform/files/index.ts';
import type { JobContext, JobDef } from '../../../platform/module.ts';
import { memberImports } from '../schema.ts';
import { FINISHED, keepDays, removeUpload, unfinished, withImportLock } from './import-state.ts';

export const IMPORT_FILES_JOB = 'members-import-files';

/** An import not finished a day after its upload lost its worker (its process died, its job expired). */
const ABANDONED_HOURS = 24;
const DAY = 86_400_000;

/**
 * The recurring clean-up of import files, once a night: error workbooks past their keeping
 * period, uploads of finished imports that the job could not delete, and imports that will never
 * finish (marked failed, their upload deleted). Safe to run anywhere and twice.
 */
export async function cleanImportFiles(job: JobContext) {
  const now = job.now().getTime();
  const store = fileStore(job.config);
  let errorWorkbooks = 0;
  const expired = await job.db
    .select({ id: memberImports.id, key: memberImports.errorFilePath })
    .from(memberImports)
    .where(
      and(
        isNotNull(memberImports.errorFilePath),
        lt(memberImports.finishedAt, new Date(now - keepDays(job.config) * DAY)),
      ),
    );
  for (const { id, key } of expired) {
    try {
      await store.remove(key!);
      await job.db
        .update(memberImports)
        .set({ errorFilePath: null })
        .where(and(eq(memberImports.id, id), eq(memberImports.errorFilePath, key!)));
      errorWorkbooks++;
    } catch (err) {
      job.log('could not delete an error workbook', { importId: id, err: String(err) });
    }
  }

  const leftovers = await job.db
    .select({ id: memberImports.id, key: memberImports.filePath })
    .from(memberImports)
    .where(and(inArray(memberImports.status, FINISHED), ne(memberImports.filePath, '')));
  for (const { id, key } of leftovers) await removeUpload(job, id, key);

  let abandoned = 0;
  const stuck = await job.db
    .select({ id: memberImports.id, key: memberImports.filePath, status: memberImports.status })
    .from(memberImports)
    .where(
      and(
        notInArray(memberImports.status, FINISHED),
        lt(memberImports.createdAt, new Date(now - ABANDONED_HOURS * 3_600_000)),
      ),
    );
  for (const { id, key, status } of stuck) {
    // a worker still at it holds the lock: it is left to finish
    const done = await withImportLock(job.db, id, async () => {
      const [row] = await job.db
        .update(memberImports)
        .set({
          status: 'failed',
          // a preview left unconfirmed for a day is stale: the records may have moved since
          message:
            status === 'previewed'
              ? '预览后超过 24 小时未确认，已作废，未导入任何数据；如仍需导入，请重新上传'
              : '导入未能完成（处理中断），未导入任何数据；请重新导入',
          finishedAt: job.now(),
        })
        .where(unfinished(id))
        .returning({ id: memberImports.id });
      if (row) await removeUpload(job, id, key);
      return !!row;
    });
    if (done) abandoned++;
  }
  return { errorWorkbooks, uploads: leftovers.length, abandoned };
}

export const importFilesJob: JobDef = { name: IMPORT_FILES_JOB, cron: '15 3 * * *', run: cleanImportFiles };
