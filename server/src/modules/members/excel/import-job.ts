import { PassThrough } from 'node:stream';
import { eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction, nextIds } from '../../../db/client.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import { actorLabel, recordAudit } from '../../../platform/audit/service.ts';
import { actorForUser } from '../../../platform/auth/sessions.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { noJobs } from '../../../platform/jobs/index.ts';
import type { JobContext } from '../../../platform/module.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { memberHistory, memberImports, members } from '../schema.ts';
import { changesBetween, memberColumns } from '../record/store.ts';
import { COL, COLUMNS, HEADERS, STATUS_ZH } from './columns.ts';
import { describeProblems, isBlankRow, parseRow, type RowInput, type RowProblem } from './rows.ts';
import { MAX_FILE_BYTES, MAX_FILE_MB } from './import.ts';
import { EXAMPLE } from './template.ts';
import { FINISHED, keepDays, removeUpload, unfinished, withImportLock } from './import-state.ts';
import {
  headerProblem,
  type MemberSheet,
  readMemberSheet,
  SheetRefused,
  TooManyRows,
  writeErrorWorkbook,
} from './workbook.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { DUPLICATES_ELSEWHERE_PER_DAY, withinDuplicateBound } from '../record/store.ts';

/** More rows than a town's members: split bigger files (and keep one transaction reasonable). */
export const MAX_ROWS = 200_000;
const BATCH = 1000;
const PROGRESS_EVERY = 2000;

/** A reason the whole import stops, said to the admin; nothing has been written. */
class Refusal extends Error {}

type Branch = { id: number; name: string; path: string };
type Valid = { row: number; input: RowInput; branch: Branch; idIndex: string };

/**
 * The worker of queue 'members-import': validates every row, then writes all of them in one
 * transaction, or none and an error workbook. Safe to run twice for the same import (pg-boss
 * retries a job that failed or outlived its expiry, while the first run may still be going):
 *
 * - each run holds a session advisory lock on the import, on a connection of its own, until it
 *   ends: a run that finds the lock held leaves the import to the one holding it (`busy`); a run
 *   whose process died released the lock with its connection, so a retry starts over;
 * - a finished import (done or failed) is left alone, and every status write is conditional on
 *   the import not being finished, so nothing turns a finished import into another state;
 * - only the final transaction writes members, and it rolls back if the import finished meanwhile.
 *
 * Once the import has finished, the uploaded workbook is deleted: this job was its only reader.
 */
export async function runMemberImport(job: JobContext, data: object): Promise<{ status: string }> {
  const id = Number((data as { importId?: unknown }).importId);
  if (!Number.isSafeInteger(id) || id <= 0) return { status: 'missing' };
  return (await withImportLock(job.db, id, () => runLocked(job, id))) ?? { status: 'busy' };
}

async function runLocked(job: JobContext, id: number): Promise<{ status: string }> {
  const [imp] = await job.db.select().from(memberImports).where(eq(memberImports.id, id));
  if (!imp) return { status: 'missing' };
  if (FINISHED.includes(imp.status)) return { status: imp.status };
  let result: { status: string };
  try {
    result = await processImport(job, imp);
  } catch (err) {
    const message =
      err instanceof Refusal
        ? err.message
        : (err as { code?: string }).code === '23505'
          ? '导入期间有相同身份证号的党员被登记，未导入任何数据；请重新导入'
          : '导入时发生内部错误，未导入任何数据；请稍后重试，或联系平台管理员';
    if (!(err instanceof Refusal)) job.log('member import failed', { importId: id, err: String(err) });
    await job.db
      .update(memberImports)
      .set({ status: 'failed', message, finishedAt: job.now() })
      .where(unfinished(id));
    result = { status: 'failed' };
  }
  await removeUpload(job, id, imp.filePath);
  return result;
}

const progress = (db: Db, id: number, set: Partial<typeof memberImports.$inferInsert>) =>
  db.update(memberImports).set(set).where(unfinished(id));

/** The stored upload, whole (the zip's directory is at its end), and never more than an upload may be. */
async function storedUpload(job: JobContext, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await fileStore(job.config).get(key)) {
    size += (chunk as Buffer).length;
    if (size > MAX_FILE_BYTES) throw new Refusal(`文件超过 ${MAX_FILE_MB} MB 上限，未导入任何数据`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function processImport(job: JobContext, imp: typeof memberImports.$inferSelect) {
  const actor = await actorForUser(job.db, imp.createdBy);
  if (!actor) throw new Refusal('发起导入的账号已停用，未导入任何数据');
  const [org] = await job.db.select().from(orgs).where(eq(orgs.id, imp.orgId));
  if (!org || !can(actor, 'member.manage', org.path))
    throw new Refusal(`您已无权维护“${org?.name ?? '该党组织'}”的党员信息，未导入任何数据`);
  const ctx: Ctx = {
    db: job.db,
    actor,
    ip: null,
    userAgent: null,
    lang: 'zh',
    now: job.now,
    pii: job.pii,
    config: job.config,
    jobs: noJobs,
  };
  await progress(job.db, imp.id, { status: 'validating', processed: 0, errorCount: 0, message: null });

  let sheet: MemberSheet | null;
  try {
    // the zip is checked again and read in a bounded worker here too: the job must not trust a
    // file only because the upload request let it through (a stored file outlives a code change)
    sheet = await readMemberSheet(await storedUpload(job, imp.filePath), { maxRows: MAX_ROWS });
  } catch (err) {
    if (err instanceof Refusal) throw err;
    if (err instanceof TooManyRows)
      throw new Refusal(
        `文件超过 ${MAX_ROWS.toLocaleString('en')} 行，请分成几个文件分批导入；未导入任何数据`,
      );
    if (err instanceof SheetRefused)
      throw new Refusal(`${err.refusal.zh.replace(/[。；]$/, '')}；未导入任何数据`);
    // the server's own failure (the upload gone, the reader not starting): logged, said as internal
    throw err;
  }
  const problem = sheet ? headerProblem(sheet.header) : '文件中没有工作表';
  if (!sheet || problem) throw new Refusal(problem ?? '文件中没有工作表');
  const rows = sheet.rows.filter(
    (r) =>
      !isBlankRow(r.values, COLUMNS.length) &&
      // the template's example row, left in
      String(r.values[COL.idNumber] ?? '').trim() !== EXAMPLE.idNumber,
  );
  if (!rows.length) throw new Refusal('文件中没有党员数据：请从“党员信息”表第 2 行起逐行填写');
  await progress(job.db, imp.id, { total: rows.length });

  const branches = await branchResolver(job.db, actor, org);
  const today = shanghaiToday(job.now());
  const problems = new Map<number, RowProblem[]>();
  const add = (row: number, p: RowProblem) => {
    const list = problems.get(row);
    if (list) list.push(p);
    else problems.set(row, [p]);
  };
  const valid: Valid[] = [];
  const byId = new Map<string, { rows: number[]; idIndex: string; idNumber: string }>();
  const elsewhere: { rows: number[]; idNumber: string }[] = [];
  let done = 0;
  for (const r of rows) {
    const { input, problems: found } = parseRow(r.values, today);
    for (const p of found) add(r.number, p);
    const branch = input.orgRef ? branches.resolve(input.orgRef, r.number) : null;
    if (branch && 'problem' in branch) add(r.number, { field: '所在党支部', text: branch.problem });
    let idIndex = '';
    if (input.idNumber.length === 18) {
      const seen = byId.get(input.idNumber);
      if (seen) seen.rows.push(r.number);
      else
        byId.set(input.idNumber, {
          rows: [r.number],
          idIndex: job.pii.blindIndex('id', input.idNumber),
          idNumber: input.idNumber,
        });
      idIndex = byId.get(input.idNumber)!.idIndex;
    }
    if (!found.length && branch && !('problem' in branch))
      valid.push({ row: r.number, input, branch, idIndex });
    else if (!problems.has(r.number) && !branches.isPending(r.number))
      add(r.number, { field: '所在党支部', text: '请核对' });
    if (++done % PROGRESS_EVERY === 0) await progress(job.db, imp.id, { processed: done });
  }
  await branches.explainUnresolved((row, text) => add(row, { field: '所在党支部', text }));

  const ids = [...byId.values()];
  for (const { rows: at } of ids) {
    if (at.length < 2) continue;
    for (const n of at)
      add(n, {
        field: '身份证号',
        text: `在本文件中重复出现（第 ${at.join('、')} 行），同一人只能登记一次`,
      });
  }
  // records already on file, found by the blind index, a batch at a time
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const hits = await job.db
      .select({ idx: members.idNumberIndex, orgName: orgs.name, orgPath: orgs.path, leftAt: members.leftAt })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(
        inArray(
          members.idNumberIndex,
          batch.map((v) => v.idIndex),
        ),
      );
    if (!hits.length) continue;
    const byIndex = new Map(hits.map((h) => [h.idx, h]));
    for (const v of batch) {
      const hit = byIndex.get(v.idIndex);
      if (!hit) continue;
      // on record where the importer cannot see: say no more than that, and count it (below)
      if (!hit.leftAt && !can(actor, 'member.view', hit.orgPath)) {
        elsewhere.push({ rows: v.rows, idNumber: v.idNumber });
        continue;
      }
      const where = hit.leftAt ? '（该党员已转出本平台，记录仍保留）' : `在“${hit.orgName}”`;
      for (const n of v.rows) add(n, { field: '身份证号', text: `已登记${where}，同一人不能重复登记` });
    }
  }
  if (elsewhere.length) {
    // the same daily bound as the record form: the import must not be a way round it
    const within = await withinDuplicateBound(
      ctx,
      elsewhere.map((e) => e.idNumber),
      { type: 'member_import', id: imp.id },
    );
    if (!within)
      throw new Refusal(
        `本文件中有身份证号已在您管理范围之外登记，超过每天可核对的次数（${DUPLICATES_ELSEWHERE_PER_DAY} 次），未导入任何数据；请联系上级党组织核实后再导入`,
      );
    for (const e of elsewhere)
      for (const n of e.rows)
        add(n, { field: '身份证号', text: '已在本系统其他党组织登记，同一人不能重复登记' });
  }
  await progress(job.db, imp.id, { processed: rows.length });

  if (problems.size) return failWithErrorWorkbook(ctx, imp, org, sheet, problems, rows.length);
  return writeAll(ctx, imp, org, valid);
}

/** Branches by 党组织代码 or full name, inside the import's org; what is not found is explained after the pass. */
async function branchResolver(db: Db, actor: Actor, org: typeof orgs.$inferSelect) {
  const inside = await db
    .select({ id: orgs.id, name: orgs.name, code: orgs.code, kind: orgs.kind, path: orgs.path })
    .from(orgs)
    .where(like(orgs.path, `${org.path}%`));
  const byCode = new Map(inside.map((o) => [o.code.toUpperCase(), o]));
  const byName = new Map<string, typeof inside>();
  for (const o of inside) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  const unresolved = new Map<string, number[]>();
  const pending = new Set<number>();
  return {
    resolve(ref: string, row: number): Branch | { problem: string } | null {
      const named = byName.get(ref);
      const hit = byCode.get(ref.toUpperCase()) ?? (named?.length === 1 ? named[0] : undefined);
      if (!hit && named && named.length > 1)
        return { problem: `有 ${named.length} 个党组织名为“${ref}”，请改填党组织代码` };
      if (!hit) {
        unresolved.set(ref, [...(unresolved.get(ref) ?? []), row]);
        pending.add(row);
        return null;
      }
      if (hit.kind !== 'branch') return { problem: `“${hit.name}”不是党支部，党员须编入党支部` };
      return { id: hit.id, name: hit.name, path: hit.path };
    },
    isPending: (row: number) => pending.has(row),
    /** Refs not in the import's subtree: elsewhere in the scope, outside it, or nowhere. */
    async explainUnresolved(add: (row: number, text: string) => void) {
      if (!unresolved.size) return;
      const refs = [...unresolved.keys()];
      const found = await db
        .select({ name: orgs.name, code: orgs.code, path: orgs.path })
        .from(orgs)
        .where(
          or(
            inArray(orgs.name, refs),
            inArray(
              sql`upper(${orgs.code})`,
              refs.map((r) => r.toUpperCase()),
            ),
          ),
        );
      for (const [ref, rows] of unresolved) {
        const o = found.find((f) => f.code.toUpperCase() === ref.toUpperCase() || f.name === ref);
        const text = !o
          ? `找不到党组织代码或全称为“${ref}”的党支部，请对照“党支部代码”表填写`
          : can(actor, 'member.manage', o.path)
            ? `“${o.name}”不在本次导入所选的“${org.name}”之下，请在导入时选择其上级党组织，或分开导入`
            : `“${ref}”不在您的管理范围内，不能导入到该党组织`;
        for (const row of rows) add(row, text);
      }
    },
  };
}

async function failWithErrorWorkbook(
  ctx: Ctx,
  imp: typeof memberImports.$inferSelect,
  org: typeof orgs.$inferSelect,
  sheet: MemberSheet,
  problems: Map<number, RowProblem[]>,
  total: number,
) {
  const order = (p: RowProblem) => {
    const i = HEADERS.indexOf(p.field);
    return i < 0 ? HEADERS.length : i;
  };
  const texts = new Map<number, string>();
  for (const [row, list] of problems)
    texts.set(row, describeProblems([...list].sort((a, b) => order(a) - order(b))));
  const key = newFileKey('member-imports', 'xlsx', ctx.now());
  const out = new PassThrough();
  await Promise.all([
    writeErrorWorkbook(sheet, texts, out, ctx.config.importErrorsKeepDays),
    fileStore(ctx.config).put(key, out),
  ]);
  const message =
    `共 ${total} 行，其中 ${problems.size} 行有错误，未导入任何数据。请下载错误说明表，按其中的行号和“错误说明”在原文件中改正后重新导入` +
    `（错误说明表中的身份证号、手机号只显示部分数字，保留 ${keepDays(ctx.config)} 天）。`;
  const recorded = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(memberImports)
      .set({
        status: 'failed',
        errorCount: problems.size,
        errorFilePath: key,
        message,
        processed: total,
        finishedAt: ctx.now(),
      })
      .where(unfinished(imp.id))
      .returning({ id: memberImports.id });
    if (!row) return false;
    await recordAudit(tx, ctx, {
      action: 'member.import_failed',
      targetType: 'member_import',
      targetId: imp.id,
      orgId: org.id,
      orgPath: org.path,
      after: { fileName: imp.fileName, rows: total, badRows: problems.size },
    });
    return true;
  });
  // finished meanwhile: no row points at this workbook
  if (!recorded) await fileStore(ctx.config).remove(key);
  return { status: 'failed' };
}

/** Every row passed: all members in one transaction, a history entry each, one audit entry. */
async function writeAll(
  ctx: Ctx,
  imp: typeof memberImports.$inferSelect,
  org: typeof orgs.$inferSelect,
  valid: Valid[],
) {
  await progress(ctx.db, imp.id, { status: 'writing', processed: 0 });
  const actorId = ctx.actor!.userId;
  const actorName = actorLabel(ctx.actor!);
  const now = ctx.now();
  const byStatus: Record<string, number> = {};
  await inTransaction(ctx.db, async (tx) => {
    for (let i = 0; i < valid.length; i += BATCH) {
      const batch = valid.slice(i, i + BATCH);
      const ids = await nextIds(tx, 'members', batch.length);
      const created = await tx
        .insert(members)
        .values(
          batch.map((v, n) => ({
            id: ids[n],
            ...memberColumns(ctx.pii, v.input, ids[n]),
            orgId: v.branch.id,
            recordUpdatedAt: now,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: members.id, idx: members.idNumberIndex });
      const idOf = new Map(created.map((c) => [c.idx, c.id]));
      await tx.insert(memberHistory).values(
        batch.map((v) => {
          const { orgRef: _ref, ...fields } = v.input;
          return {
            memberId: idOf.get(v.idIndex)!,
            at: now,
            actorId,
            actorName,
            source: 'import',
            changes: changesBetween(null, { ...fields, orgId: String(v.branch.id) } as typeof fields),
          };
        }),
      );
      for (const v of batch)
        byStatus[STATUS_ZH[v.input.status]] = (byStatus[STATUS_ZH[v.input.status]] ?? 0) + 1;
      // progress is written outside the transaction, so the page polling it sees it move
      await progress(ctx.db, imp.id, { processed: Math.min(valid.length, i + BATCH) });
    }
    await recordAudit(tx, ctx, {
      action: 'member.imported',
      targetType: 'member_import',
      targetId: imp.id,
      orgId: org.id,
      orgPath: org.path,
      after: { fileName: imp.fileName, imported: valid.length, byStatus },
    });
    const [finished] = await tx
      .update(memberImports)
      .set({
        status: 'done',
        processed: valid.length,
        message: `已导入 ${valid.length} 名党员`,
        finishedAt: ctx.now(),
      })
      .where(unfinished(imp.id))
      .returning({ id: memberImports.id });
    // finished meanwhile (the clean-up job gave it up): its outcome stands, and nothing is written
    if (!finished) throw new Refusal('导入已结束，未导入任何数据');
  });
  return { status: 'done' };
}
