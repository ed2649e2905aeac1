import path from 'node:path';
import type { Readable } from 'node:stream';
import { and, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { Id, type Page, type PageQuery } from '../../../../../contracts/common.ts';
import { IMPORT_STATUS_LABELS } from '../../../../../contracts/labels.ts';
import {
  type ImportJob,
  type ImportListQuery,
  ImportMode,
  type ImportPreviewRow,
} from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize, can } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { users } from '../../../platform/auth/schema.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { memberImports } from '../schema.ts';
import type { StoredPreview } from './import-job.ts';
import { removeUpload } from './import-state.ts';
import { inspectUpload } from './workbook.ts';

export const IMPORT_JOB = 'members-import';
export const MAX_FILE_MB = 20;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;
const IMPORT = { zh: '导入任务', en: 'Import' };

type ImportRow = typeof memberImports.$inferSelect;
/** An import with what its list and page show beside it: the org's name and path, who started it. */
type ImportHit = { imp: ImportRow; orgName: string; orgPath: string; createdByName: string | null };
/** The notes an import carries to the page; the rest are counted. */
const NOTES_SHOWN = 200;

/**
 * `mine`: the reader started it, or may see full ID numbers over its org (`mayDownloadErrors`):
 * only then the error workbook's link and the notes (they name rows of the upload). `starter`: the
 * reader started it, and so may confirm or discard it (`decider`).
 */
export function presentImport(hit: ImportHit, mine = true, starter = mine): ImportJob {
  const r = hit.imp;
  const preview = r.preview as StoredPreview | null;
  return {
    id: String(r.id),
    status: r.status as ImportJob['status'],
    mode: r.mode as ImportJob['mode'],
    orgId: String(r.orgId),
    orgName: hit.orgName,
    fileName: r.fileName,
    createdByName: hit.createdByName,
    total: r.total,
    processed: r.processed,
    errorCount: r.errorCount,
    createdCount: r.createdCount,
    updatedCount: r.updatedCount,
    errorWorkbookUrl: r.errorFilePath && mine ? `/api/v1/members/imports/${r.id}/errors` : null,
    message: r.message,
    notes: mine ? (preview?.notes ?? []).slice(0, NOTES_SHOWN) : [],
    noteCount: preview?.noteCount ?? 0,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    can: {
      confirm: r.status === 'previewed' && starter,
      cancel: r.status === 'previewed' && starter,
    },
  };
}

export const fileTooLarge = () =>
  new AppError(
    413,
    'file_too_large',
    {
      zh: `文件超过 ${MAX_FILE_MB} MB 上限，请分成几个文件分批导入`,
      en: `The file exceeds the ${MAX_FILE_MB} MB limit; split it and import in parts`,
    },
    [
      {
        path: 'file',
        message: `文件超过 ${MAX_FILE_MB} MB 上限`,
        messageEn: `larger than ${MAX_FILE_MB} MB`,
      },
    ],
  );

/** A name people recognise in the list and in the error workbook's name; never a path. */
function cleanFileName(raw: string | undefined): string {
  const base = path.basename((raw ?? '').replace(/\\/g, '/')).trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const safe = base.replace(/[\u0000-\u001f"]/g, '').slice(0, 200);
  return safe || '党员信息.xlsx';
}

/**
 * The upload: checked whole before anything is written (an .xlsx on the template, into an org the
 * actor manages), then stored, queued, and answered 202; the job validates and writes.
 */
export async function startImport(
  ctx: Ctx,
  form: { orgId?: string; mode?: string; file?: { fileName?: string; body: Buffer } },
): Promise<ImportJob> {
  const actor = actorOf(ctx);
  const mode = ImportMode.safeParse(form.mode ?? 'create');
  if (!mode.success)
    throw fieldError('mode', {
      zh: '导入方式须为“新增党员”（create）或“更新已有党员”（update）',
      en: 'must be create or update',
    });
  const orgId = Id.safeParse(form.orgId);
  if (!orgId.success)
    throw fieldError('orgId', {
      zh: '请选择要导入到的党组织（orgId）',
      en: 'choose the organization to import into',
    });
  const org = await findOrg(ctx.db, Number(orgId.data));
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'organization not found' });
  authorize(actor, 'member.manage', org.path);
  if (!form.file?.body.length)
    throw fieldError('file', { zh: '请选择要导入的 .xlsx 文件', en: 'attach the .xlsx file' });
  if (form.file.body.length > MAX_FILE_BYTES) throw fileTooLarge();
  await inspectUpload(form.file.body);

  const file = form.file;
  const fileName = cleanFileName(file.fileName);
  const store = fileStore(ctx.config);
  const key = newFileKey('member-imports', 'xlsx', ctx.now());
  await store.put(key, file.body);
  const row = await inTransaction(ctx.db, async (tx) => {
    const [created] = await tx
      .insert(memberImports)
      .values({
        orgId: org.id,
        createdBy: actor.userId,
        fileName,
        filePath: key,
        status: 'queued',
        mode: mode.data,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.import_started',
      targetType: 'member_import',
      targetId: created.id,
      orgId: org.id,
      orgPath: org.path,
      after: { fileName, mode: mode.data, bytes: file.body.length },
    });
    return created;
  }).catch(async (err) => {
    // no row points at the stored upload: it goes too
    await store.remove(key);
    throw err;
  });
  try {
    // after the commit: the job must find its row
    await ctx.jobs.send(IMPORT_JOB, { importId: row.id });
  } catch (err) {
    await ctx.db
      .update(memberImports)
      .set({
        status: 'failed',
        message: '无法排队处理，未导入任何数据；请稍后重试',
        finishedAt: ctx.now(),
        filePath: '',
      })
      .where(eq(memberImports.id, row.id));
    // no job will read it
    await store.remove(key);
    throw err;
  }
  return presentImport({ imp: row, orgName: org.name, orgPath: org.path, createdByName: actor.displayName });
}

const importColumns = {
  imp: memberImports,
  orgName: orgs.name,
  orgPath: orgs.path,
  createdByName: users.displayName,
};

/** An import, to whoever may manage (import into) its org. */
async function loadImport(ctx: Pick<Ctx, 'db' | 'actor'>, id: number): Promise<ImportHit> {
  const [hit] = await ctx.db
    .select(importColumns)
    .from(memberImports)
    .innerJoin(orgs, eq(orgs.id, memberImports.orgId))
    .leftJoin(users, eq(users.id, memberImports.createdBy))
    .where(eq(memberImports.id, id));
  if (!hit) throw notFound(IMPORT);
  authorize(actorOf(ctx as Ctx), 'member.manage', hit.orgPath);
  return hit;
}

/**
 * Past imports into the orgs the caller manages (or `orgId`'s subtree), newest first: who, when,
 * what file, how many created, updated and refused, and how it ended.
 */
export async function listImports(ctx: Ctx, q: z.infer<typeof ImportListQuery>): Promise<Page<ImportJob>> {
  const scope = await listScope(ctx, 'member.manage', q.orgId);
  const where = scope.covers(orgs.path);
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select(importColumns)
        .from(memberImports)
        .innerJoin(orgs, eq(orgs.id, memberImports.orgId))
        .leftJoin(users, eq(users.id, memberImports.createdBy))
        .where(where)
        .orderBy(desc(memberImports.createdAt), desc(memberImports.id))
        .limit(limit)
        .offset(offset),
    count: () =>
      ctx.db
        .select({ n: count() })
        .from(memberImports)
        .innerJoin(orgs, eq(orgs.id, memberImports.orgId))
        .where(where),
  });
  return { ...page, items: page.items.map((hit) => present(ctx, hit)) };
}

/** The preview's rows, a page at a time, each change as [field, before, after] (personal data masked). */
export async function importPreview(ctx: Ctx, id: number, page: PageQuery): Promise<Page<ImportPreviewRow>> {
  const hit = await loadImport(ctx, id);
  if (!mayDownloadErrors(ctx, hit))
    throw forbidden({
      zh: '导入预览只能由发起这次导入的人，或有权查看完整身份证号的管理员查看',
      en: 'Only the person who started this import, or an admin allowed to see full ID numbers, may see its preview',
    });
  const rows = (hit.imp.preview as StoredPreview | null)?.rows ?? [];
  const from = (page.page - 1) * page.pageSize;
  return {
    items: rows.slice(from, from + page.pageSize).map((r) => ({
      row: r.row,
      memberId: String(r.memberId),
      name: r.name,
      orgName: r.orgName,
      changes: Object.entries(r.changes).map(([field, [before, after]]) => ({ field, before, after })),
    })),
    total: rows.length,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** Only the one who started an update import decides it: the job writes with their rights. */
function decider(ctx: Ctx, hit: ImportHit) {
  if (hit.imp.createdBy !== actorOf(ctx).userId)
    throw forbidden({
      zh: '只有发起这次导入的人可以确认或放弃它',
      en: 'Only the person who started this import may confirm or discard it',
    });
  if (hit.imp.status !== 'previewed')
    throw conflict('import_not_previewed', {
      zh: `这次导入现在是“${IMPORT_STATUS_LABELS[hit.imp.status as ImportJob['status']]?.zh ?? hit.imp.status}”，不在待确认状态`,
      en: `This import is ${IMPORT_STATUS_LABELS[hit.imp.status as ImportJob['status']]?.en ?? hit.imp.status}, not awaiting confirmation`,
    });
}

/**
 * Confirms an update import after its preview: queued to write, in one transaction, exactly the
 * changes shown (import-job.ts checks that no record moved since), or nothing.
 */
export async function confirmImport(ctx: Ctx, id: number): Promise<ImportJob> {
  const hit = await loadImport(ctx, id);
  decider(ctx, hit);
  const row = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(memberImports)
      .set({ status: 'confirmed', message: '已确认，正在排队写入' })
      .where(and(eq(memberImports.id, id), eq(memberImports.status, 'previewed')))
      .returning();
    if (!row)
      throw conflict('import_not_previewed', {
        zh: '这次导入已不在待确认状态',
        en: 'no longer awaiting confirmation',
      });
    await recordAudit(tx, ctx, {
      action: 'member.import_confirmed',
      targetType: 'member_import',
      targetId: id,
      orgId: row.orgId,
      orgPath: hit.orgPath,
      after: { fileName: row.fileName, toCreate: row.createdCount, toUpdate: row.updatedCount },
    });
    return row;
  });
  try {
    await ctx.jobs.send(IMPORT_JOB, { importId: id });
  } catch (err) {
    // nothing was written: the preview stands, to be confirmed again
    await ctx.db
      .update(memberImports)
      .set({ status: 'previewed', message: '无法排队写入，未写入任何数据；请稍后再确认' })
      .where(and(eq(memberImports.id, id), eq(memberImports.status, 'confirmed')));
    throw err;
  }
  return presentImport({ ...hit, imp: row });
}

/** Discards an update import after its preview: nothing is written, the upload goes. */
export async function cancelImport(ctx: Ctx, id: number): Promise<ImportJob> {
  const hit = await loadImport(ctx, id);
  decider(ctx, hit);
  const row = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(memberImports)
      .set({ status: 'cancelled', message: '已放弃，未写入任何数据', finishedAt: ctx.now() })
      .where(and(eq(memberImports.id, id), eq(memberImports.status, 'previewed')))
      .returning();
    if (!row)
      throw conflict('import_not_previewed', {
        zh: '这次导入已不在待确认状态',
        en: 'no longer awaiting confirmation',
      });
    await recordAudit(tx, ctx, {
      action: 'member.import_cancelled',
      targetType: 'member_import',
      targetId: id,
      orgId: row.orgId,
      orgPath: hit.orgPath,
      after: { fileName: row.fileName },
    });
    return row;
  });
  await removeUpload({ db: ctx.db, config: ctx.config, log: () => {} }, id, row.filePath);
  return presentImport({ ...hit, imp: row });
}

/**
 * Who may have an import's error workbook: the one who uploaded it (the rows are theirs), or
 * whoever may see full ID numbers over its org. It echoes every row of the upload, so another
 * manager of the branch (who may follow the import's progress) does not get it.
 */
function mayDownloadErrors(ctx: Ctx, hit: ImportHit): boolean {
  const actor = actorOf(ctx);
  return hit.imp.createdBy === actor.userId || can(actor, 'member.reveal_pii', hit.orgPath);
}

export async function getImport(ctx: Ctx, id: number): Promise<ImportJob> {
  return present(ctx, await loadImport(ctx, id));
}

/** An import as `ctx`'s actor may see it. */
const present = (ctx: Ctx, hit: ImportHit) =>
  presentImport(hit, mayDownloadErrors(ctx, hit), hit.imp.createdBy === actorOf(ctx).userId);

export async function importErrorWorkbook(
  ctx: Ctx,
  id: number,
): Promise<{ fileName: string; body: Readable }> {
  const hit = await loadImport(ctx, id);
  const imp = hit.imp;
  if (imp.errorFilePath && !mayDownloadErrors(ctx, hit))
    throw forbidden({
      zh: '错误说明表只能由发起这次导入的人，或有权查看完整身份证号的管理员下载',
      en: 'Only the person who started this import, or an admin allowed to see full ID numbers, may download its error workbook',
    });
  if (!imp.errorFilePath)
    throw new AppError(404, 'not_found', {
      zh: '该导入没有错误说明表（没有出错、尚未检查完，或已超过保留期限被删除）',
      en: 'This import has no error workbook (no errors, not checked yet, or deleted after its keeping period)',
    });
  const base = imp.fileName.replace(/\.xlsx$/i, '');
  return {
    fileName: `${base}-错误说明.xlsx`,
    body: await fileStore(ctx.config).get(imp.errorFilePath),
  };
}
