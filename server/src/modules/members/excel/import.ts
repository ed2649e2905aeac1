import path from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { Id } from '../../../../../contracts/common.ts';
import type { ImportJob } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize, can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { AppError, fieldError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { memberImports } from '../schema.ts';
import { inspectUpload } from './workbook.ts';

export const IMPORT_JOB = 'members-import';
export const MAX_FILE_MB = 20;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;
const IMPORT = { zh: '导入任务', en: 'Import' };

type ImportRow = typeof memberImports.$inferSelect;

/** `mayDownload`: whether the reader may have the error workbook (`mayDownloadErrors`); the link is hidden otherwise. */
export function presentImport(r: ImportRow, mayDownload = true): ImportJob {
  return {
    id: String(r.id),
    status: r.status as ImportJob['status'],
    fileName: r.fileName,
    total: r.total,
    processed: r.processed,
    errorCount: r.errorCount,
    errorWorkbookUrl: r.errorFilePath && mayDownload ? `/api/v1/members/imports/${r.id}/errors` : null,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
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
  form: { orgId?: string; file?: { fileName?: string; body: Buffer } },
): Promise<ImportJob> {
  const actor = actorOf(ctx);
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
      .values({ orgId: org.id, createdBy: actor.userId, fileName, filePath: key, status: 'queued' })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.import_started',
      targetType: 'member_import',
      targetId: created.id,
      orgId: org.id,
      orgPath: org.path,
      after: { fileName, bytes: file.body.length },
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
  return presentImport(row);
}

/** An import, to whoever may manage (import into) its org. */
async function loadImport(ctx: Ctx, id: number) {
  const [hit] = await ctx.db
    .select({ imp: memberImports, orgPath: orgs.path })
    .from(memberImports)
    .innerJoin(orgs, eq(orgs.id, memberImports.orgId))
    .where(eq(memberImports.id, id));
  if (!hit) throw notFound(IMPORT);
  authorize(actorOf(ctx), 'member.manage', hit.orgPath);
  return hit;
}

/**
 * Who may have an import's error workbook: the one who uploaded it (the rows are theirs), or
 * whoever may see full ID numbers over its org. It echoes every row of the upload, so another
 * manager of the branch (who may follow the import's progress) does not get it.
 */
function mayDownloadErrors(ctx: Ctx, hit: { imp: ImportRow; orgPath: string }): boolean {
  const actor = actorOf(ctx);
  return hit.imp.createdBy === actor.userId || can(actor, 'member.reveal_pii', hit.orgPath);
}

export async function getImport(ctx: Ctx, id: number): Promise<ImportJob> {
  const hit = await loadImport(ctx, id);
  return presentImport(hit.imp, mayDownloadErrors(ctx, hit));
}

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
