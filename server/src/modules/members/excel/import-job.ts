import { PassThrough } from 'node:stream';
import { eq, getTableColumns, inArray, like, or, sql } from 'drizzle-orm';
import type { ImportNote } from '../../../../../contracts/members/index.ts';
import type { Db, Queryable } from '../../../db/client.ts';
import { inTransaction, nextIds } from '../../../db/client.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import { actorLabel, recordAudit } from '../../../platform/audit/service.ts';
import { actorForUser } from '../../../platform/auth/sessions.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { noJobs } from '../../../platform/jobs/index.ts';
import type { JobContext } from '../../../platform/module.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import type { DuesBasis } from '../../../../../contracts/members/index.ts';
import {
  basisProblem,
  type DuesCategory,
  duesBase,
  duesFromMonth,
  type DuesTerms,
  type RecalcWindow,
  standardChangeProblem,
} from '../dues/rules.ts';
import { keepStandardHistory, readDuesTerms, readRecalcWindow } from '../dues/standards.ts';
import { ADMITTED, type MemberInput } from '../record/rules.ts';
import {
  type Changes,
  changesBetween,
  DUPLICATES_ELSEWHERE_PER_DAY,
  inputOf,
  memberColumns,
  withinDuplicateBound,
} from '../record/store.ts';
import { duesStandards, type MemberRow, memberHistory, memberImports, members } from '../schema.ts';
import { COL, COLUMNS, HEADERS, LABELS, STATUS_ZH } from './columns.ts';
import { MAX_FILE_BYTES, MAX_FILE_MB } from './import.ts';
import { FINISHED, keepDays, removeUpload, unfinished, withImportLock } from './import-state.ts';
import {
  checkRecord,
  describeProblems,
  isBlankRow,
  type ParsedCells,
  parseCells,
  type RowInput,
  type RowProblem,
} from './rows.ts';
import { branchOption, EXAMPLE } from './template.ts';
import {
  headerProblem,
  type MemberSheet,
  readMemberSheet,
  SheetRefused,
  TooManyRows,
  writeErrorWorkbook,
} from './workbook.ts';

/** More rows than a town's members: split bigger files (and keep one transaction reasonable). */
export const MAX_ROWS = 200_000;
const BATCH = 1000;
const PROGRESS_EVERY = 2000;
/** Notes kept with an import (the page shows them): enough to see what happened, bounded. */
const MAX_NOTES = 1000;

/** A reason the whole import stops, said to the admin; nothing has been written. */
class Refusal extends Error {}

type Branch = { id: number; name: string; path: string };
type Row = { row: number; cells: ParsedCells; branch: Branch | null; idIndex: string };
type Valid = Row & { branch: Branch };
/** A record on file that a row of an update import would change. */
type Update = {
  row: number;
  existing: MemberRow;
  orgName: string;
  after: MemberInput;
  changes: Changes;
  /** The dues fields changed: the standard is computed again and its history follows (dues/). */
  duesChanged: boolean;
};
type Plan = {
  creates: Valid[];
  updates: Update[];
  unchanged: number;
  notes: ImportNote[];
  noteCount: number;
};

/**
 * What an update import shows before it writes (member_imports.preview), and the versions of the
 * records it was made on: confirming writes exactly this, or nothing if a record moved since.
 */
export type StoredPreview = {
  notes: ImportNote[];
  noteCount: number;
  unchanged: number;
  rows: { row: number; memberId: number; version: number; name: string; orgName: string; changes: Changes }[];
};

/**
 * The worker of queue 'members-import': validates every row, then writes all of them in one
 * transaction, or none and an error workbook. An update import (mode 'update') stops after the
 * validation with a preview of every change (status 'previewed'); once someone confirms it
 * (status 'confirmed'), the same job runs again over the stored upload and writes, in one
 * transaction, exactly what the preview showed — or nothing, when a record changed meanwhile.
 * Safe to run twice for the same import (pg-boss retries a job that failed or outlived its
 * expiry, while the first run may still be going):
 *
 * - each run holds a session advisory lock on the import, on a connection of its own, until it
 *   ends: a run that finds the lock held leaves the import to the one holding it (`busy`); a run
 *   whose process died released the lock with its connection, so a retry starts over;
 * - a finished import (done, failed or cancelled) and one waiting for confirmation are left alone,
 *   and every status write is conditional on the import not being finished;
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
  if (FINISHED.includes(imp.status) || imp.status === 'previewed') return { status: imp.status };
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
  // a preview waits for its confirmation, which reads the upload again
  if (result.status !== 'previewed') await removeUpload(job, id, imp.filePath);
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

/** The fields of a record an import row carries (the branch and the dues start are not record fields). */
const RECORD_FIELDS = (input: RowInput) => {
  const { orgRef: _ref, duesPaidUntil: _paid, ...fields } = input;
  return Object.keys(fields) as (keyof MemberInput)[];
};

/**
 * The record an update row makes: the stored record with the row's filled-in cells over it. A cell
 * left blank keeps what is on file (an update file often carries only the columns being corrected);
 * a cell that failed keeps it too, so the record's rules speak only of what the row says.
 */
function merged(before: MemberInput, cells: ParsedCells): MemberInput {
  const after: Record<string, unknown> = { ...before };
  for (const k of RECORD_FIELDS(cells.input))
    if (cells.given.has(k) && !cells.failed.has(k)) after[k] = cells.input[k];
  // the place a mobile member works follows the flag: no longer mobile, no place
  if (cells.given.has('mobile') && !cells.input.mobile) after.mobileLocation = null;
  return after as MemberInput;
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
  const confirmed = imp.status === 'confirmed';
  await progress(job.db, imp.id, {
    status: confirmed ? 'writing' : 'validating',
    processed: 0,
    errorCount: 0,
    message: null,
  });

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
  const notes: ImportNote[] = [];
  let noteCount = 0;
  const parsed: Row[] = [];
  const byId = new Map<string, { rows: number[]; idIndex: string; idNumber: string }>();
  const elsewhere: { rows: number[]; idNumber: string }[] = [];
  let done = 0;
  for (const r of rows) {
    const cells = parseCells(r.values);
    for (const p of cells.problems) add(r.number, p);
    for (const n of cells.notes) {
      if (notes.length < MAX_NOTES) notes.push({ row: r.number, ...n });
      noteCount++;
    }
    const branch = cells.input.orgRef ? branches.resolve(cells.input.orgRef, r.number) : null;
    if (branch && 'problem' in branch) add(r.number, { field: '所在党支部', text: branch.problem });
    let idIndex = '';
    if (cells.input.idNumber.length === 18) {
      const seen = byId.get(cells.input.idNumber);
      if (seen) seen.rows.push(r.number);
      else
        byId.set(cells.input.idNumber, {
          rows: [r.number],
          idIndex: job.pii.blindIndex('id', cells.input.idNumber),
          idNumber: cells.input.idNumber,
        });
      idIndex = byId.get(cells.input.idNumber)!.idIndex;
    }
    parsed.push({ row: r.number, cells, branch: branch && !('problem' in branch) ? branch : null, idIndex });
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
  const onFile = new Map<string, { m: MemberRow; orgName: string }>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const hits = await job.db
      .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(
        inArray(
          members.idNumberIndex,
          batch.map((v) => v.idIndex),
        ),
      );
    if (!hits.length) continue;
    const byIndex = new Map(hits.map((h) => [h.m.idNumberIndex, h]));
    for (const v of batch) {
      const hit = byIndex.get(v.idIndex);
      if (!hit) continue;
      // on record where the importer cannot see: say no more than that, and count it (below)
      if (!hit.m.leftAt && !can(actor, 'member.view', hit.orgPath)) {
        elsewhere.push({ rows: v.rows, idNumber: v.idNumber });
        continue;
      }
      if (imp.mode === 'update' && !hit.m.leftAt && can(actor, 'member.manage', hit.orgPath)) {
        onFile.set(v.idIndex, { m: hit.m, orgName: hit.orgName });
        continue;
      }
      const where = !hit.m.leftAt
        ? `在“${hit.orgName}”`
        : hit.m.partyStanding === 'left'
          ? '（该人员已出党，记录保留、只读）'
          : '（该党员已转出本平台，记录仍保留）';
      const how =
        imp.mode === 'update' && !hit.m.leftAt ? '，您无权修改该党员的信息' : '，同一人不能重复登记';
      for (const n of v.rows) add(n, { field: '身份证号', text: `已登记${where}${how}` });
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

  // each row's record: a new one, or the one on file with the row over it
  const plan: Plan = { creates: [], updates: [], unchanged: 0, notes, noteCount };
  let window: RecalcWindow | undefined;
  for (const r of parsed) {
    const hit = r.idIndex ? onFile.get(r.idIndex) : undefined;
    if (!hit) {
      for (const p of checkRecord(r.cells, today)) add(r.row, p);
      if (!problems.has(r.row) && r.branch) plan.creates.push(r as Valid);
      else if (!problems.has(r.row) && !branches.isPending(r.row))
        add(r.row, { field: '所在党支部', text: '请核对' });
      continue;
    }
    const before = inputOf(job.pii, hit.m);
    const after = merged(before, r.cells);
    for (const p of checkRecord(r.cells, today, { record: after, before })) add(r.row, p);
    // a member moves to another branch only by a transfer (组织关系转接), never by a spreadsheet
    if (r.branch && r.branch.id !== hit.m.orgId)
      add(r.row, {
        field: '所在党支部',
        text: `该党员现在“${hit.orgName}”，导入不能调整所在党支部；如需调整，请办理组织关系转接`,
      });
    if (r.cells.input.duesPaidUntil) {
      if (notes.length < MAX_NOTES)
        notes.push({
          row: r.row,
          field: LABELS.duesPaidUntil,
          text: '已登记的党员，党费起算月份不随导入改变，本列未使用',
        });
      noteCount++;
    }
    // a standard on file changes in the department's yearly window, as on the record form (dues/rules.ts)
    const duesChanged =
      before.duesCategory !== after.duesCategory || before.monthlyIncomeFen !== after.monthlyIncomeFen;
    if (duesChanged) {
      window ??= await readRecalcWindow(job.db);
      const p = standardChangeProblem({
        hadStandard: hit.m.duesStandardFen != null,
        window,
        today,
        reason: null,
      });
      if (p)
        add(r.row, {
          field: before.duesCategory !== after.duesCategory ? LABELS.duesCategory : LABELS.monthlyIncomeFen,
          text: `${p.zh}；本次导入不能调整，请在该党员的“党费”页中“调整党费标准”`,
        });
    }
    if (problems.has(r.row) || !r.branch) continue;
    const changes = changesBetween(before, after);
    if (!Object.keys(changes).length) plan.unchanged++;
    else
      plan.updates.push({ row: r.row, existing: hit.m, orgName: hit.orgName, after, changes, duesChanged });
  }
  plan.noteCount = noteCount;
  await progress(job.db, imp.id, { processed: rows.length });

  if (problems.size) return failWithErrorWorkbook(ctx, imp, org, sheet, problems, rows.length, plan);
  if (imp.mode === 'update' && !confirmed) return savePreview(ctx, imp, org, plan);
  if (confirmed) matchesPreview(imp, plan);
  return writeAll(ctx, imp, org, plan);
}

/** Branches by 党组织代码, full name, or both as the template's list offers them; what is not found is explained after the pass. */
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
  /** "代码 全称", picked from the template's list: the code, when the name is that org's. */
  const fromOption = (ref: string) => {
    const cut = ref.indexOf(' ');
    if (cut < 0) return undefined;
    const hit = byCode.get(ref.slice(0, cut).toUpperCase());
    return hit && branchOption(hit) === ref ? hit : undefined;
  };
  return {
    resolve(ref: string, row: number): Branch | { problem: string } | null {
      const named = byName.get(ref);
      const hit =
        byCode.get(ref.toUpperCase()) ?? (named?.length === 1 ? named[0] : undefined) ?? fromOption(ref);
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
      // an option picked from another template's list names its org by the code before the space
      const refs = [...unresolved.keys()].flatMap((r) => [r, r.split(' ')[0]]);
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
        const code = ref.split(' ')[0].toUpperCase();
        const o =
          found.find(
            (f) => f.code.toUpperCase() === ref.toUpperCase() || f.name === ref || branchOption(f) === ref,
          ) ?? found.find((f) => f.code.toUpperCase() === code);
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
  plan: Plan,
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
        createdCount: 0,
        updatedCount: 0,
        preview: plan.noteCount ? notesOnly(plan) : null,
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
      after: { fileName: imp.fileName, mode: imp.mode, rows: total, badRows: problems.size },
    });
    return true;
  });
  // finished meanwhile: no row points at this workbook
  if (!recorded) await fileStore(ctx.config).remove(key);
  return { status: 'failed' };
}

const notesOnly = (plan: Plan): StoredPreview => ({
  notes: plan.notes,
  noteCount: plan.noteCount,
  unchanged: plan.unchanged,
  rows: [],
});

/** An update import, every row valid: the changes it would make, kept for the admin to confirm. */
async function savePreview(
  ctx: Ctx,
  imp: typeof memberImports.$inferSelect,
  org: typeof orgs.$inferSelect,
  plan: Plan,
) {
  const preview: StoredPreview = {
    ...notesOnly(plan),
    rows: plan.updates.map((u) => ({
      row: u.row,
      memberId: u.existing.id,
      version: u.existing.version,
      name: u.existing.name,
      orgName: u.orgName,
      changes: u.changes,
    })),
  };
  const total = plan.creates.length + plan.updates.length + plan.unchanged;
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(memberImports)
      .set({
        status: 'previewed',
        processed: total,
        createdCount: plan.creates.length,
        updatedCount: plan.updates.length,
        preview,
        message:
          `共 ${total} 行：将新增 ${plan.creates.length} 名、更新 ${plan.updates.length} 名党员` +
          `${plan.unchanged ? `，${plan.unchanged} 名的信息与表中一致、不作修改` : ''}。` +
          '尚未写入任何数据：请核对下面每一项修改，确认后才写入。',
      })
      .where(unfinished(imp.id))
      .returning({ id: memberImports.id });
    if (!row) throw new Refusal('导入已结束，未导入任何数据');
    await recordAudit(tx, ctx, {
      action: 'member.import_previewed',
      targetType: 'member_import',
      targetId: imp.id,
      orgId: org.id,
      orgPath: org.path,
      after: { fileName: imp.fileName, toCreate: plan.creates.length, toUpdate: plan.updates.length },
    });
  });
  return { status: 'previewed' };
}

/**
 * Confirming writes what the preview showed: the same records, each still at the version it was
 * previewed on, and as many new ones. Anything else (someone edited a record meanwhile, a new
 * record took an ID number) and nothing is written: the admin imports again and sees a new preview.
 */
function matchesPreview(imp: typeof memberImports.$inferSelect, plan: Plan) {
  const shown = (imp.preview as StoredPreview | null)?.rows ?? [];
  const now = new Map(plan.updates.map((u) => [u.existing.id, u.existing.version]));
  const same =
    shown.length === plan.updates.length &&
    imp.createdCount === plan.creates.length &&
    shown.every((r) => now.get(r.memberId) === r.version);
  if (!same)
    throw new Refusal(
      '预览之后有党员的信息被修改（或有新登记的党员与表中身份证号相同），与预览不再一致，未导入任何数据；请重新导入，核对新的预览后再确认',
    );
}

/**
 * Rows of `members` as one array per column, for a statement whose size does not grow with the
 * batch: `unnest($1::bigint[], $2::text[], …) as v(…)`. Array-typed columns (positions) travel as
 * JSON text. The columns are the keys the rows carry (record/store.ts memberColumns and the
 * bookkeeping ones), so a field added to the record is written here without a change.
 */
function columnArrays(rows: Record<string, unknown>[]) {
  const table = getTableColumns(members) as Record<string, { name: string; getSQLType(): string }>;
  const ident = (n: string) => sql.raw(`"${n.replace(/"/g, '""')}"`);
  const columns = Object.keys(rows[0]).map((key) => {
    const type = table[key]
      .getSQLType()
      .replace(/^bigserial$/, 'bigint')
      .replace(/^serial$/, 'integer');
    return { key, name: table[key].name, type, array: type.endsWith('[]') };
  });
  const arrays = columns.map((c) =>
    c.array
      ? sql`${sql.param(rows.map((r) => JSON.stringify(r[c.key] ?? [])))}::text[]`
      : sql`${sql.param(rows.map((r) => r[c.key] ?? null))}::${sql.raw(c.type)}[]`,
  );
  const alias = (c: (typeof columns)[number]) => ident(`v_${c.name}`);
  /** The value of column `c` in row `v`, in its own type. */
  const value = (c: (typeof columns)[number]) =>
    c.array
      ? sql`array(select jsonb_array_elements_text(v.${alias(c)}::jsonb))::${sql.raw(c.type)}`
      : sql`v.${alias(c)}`;
  return {
    columns,
    from: sql`unnest(${sql.join(arrays, sql`, `)}) as v(${sql.join(columns.map(alias), sql`, `)})`,
    names: sql.join(
      columns.map((c) => ident(c.name)),
      sql`, `,
    ),
    values: sql.join(columns.map(value), sql`, `),
    sets: sql.join(
      columns
        .filter((c) => c.key !== 'id' && c.key !== 'version')
        .map((c) => sql`${ident(c.name)} = ${value(c)}`),
      sql`, `,
    ),
  };
}

/** New records, a batch in one statement (a thousand rows of ~50 columns are 50 parameters, not 50,000). */
async function insertBatch(tx: Queryable, rows: Record<string, unknown>[]) {
  const q = columnArrays(rows);
  await tx.execute(sql`insert into members (${q.names}) select ${q.values} from ${q.from}`);
}

/**
 * Records on file, a batch in one statement, each on the version it was read at (a record edited
 * since is not overwritten: the count comes up short and everything rolls back).
 */
async function updateBatch(
  tx: Queryable,
  rows: { id: number; version: number; values: Record<string, unknown> }[],
  now: Date,
): Promise<number> {
  const q = columnArrays(rows.map((r) => ({ id: r.id, version: r.version, ...r.values })));
  const result = await tx.execute(sql`
    update members as m
       set ${q.sets}, record_updated_at = ${now}, updated_at = ${now}
      from ${q.from}
     where m.id = v.v_id and m.version = v.v_version and m.left_at is null`);
  return result.rowCount ?? 0;
}

/**
 * An update's dues: the standard on file stays unless the row changed the dues fields (as an edit
 * on the form: dues/standards.ts duesForWrite); then it is computed with the department's figures.
 */
const duesTermsFor = (terms: DuesTerms) => (u: Update) => {
  const stored = (u.existing.duesBasis ?? null) as DuesBasis | null;
  const basis = basisProblem(u.after.duesCategory as DuesCategory | null, stored) ? null : stored;
  return u.duesChanged ? { terms, basis } : { terms, basis, keepFen: u.existing.duesStandardFen };
};

/** Every row passed (and was confirmed, for an update): all of it in one transaction, a history entry each, one audit entry. */
async function writeAll(
  ctx: Ctx,
  imp: typeof memberImports.$inferSelect,
  org: typeof orgs.$inferSelect,
  plan: Plan,
) {
  await progress(ctx.db, imp.id, { status: 'writing', processed: 0 });
  const actorId = ctx.actor!.userId;
  const actorName = actorLabel(ctx.actor!);
  const now = ctx.now();
  const arrived = shanghaiToday(now).slice(0, 7);
  // the department's fixed amounts and monthly cap, as set now (platform/settings)
  const terms = await readDuesTerms(ctx.db);
  const duesFor = duesTermsFor(terms);
  const byStatus: Record<string, number> = {};
  const total = plan.creates.length + plan.updates.length;
  let written = 0;
  await inTransaction(ctx.db, async (tx) => {
    for (let i = 0; i < plan.creates.length; i += BATCH) {
      const batch = plan.creates.slice(i, i + BATCH);
      const ids = await nextIds(tx, 'members', batch.length);
      const rows = batch.map((v, n) => ({
        id: ids[n],
        ...memberColumns(ctx.pii, v.cells.input, ids[n], { terms, basis: null }),
        orgId: v.branch.id,
        // where the new member's dues start: the later of joining and arriving, or after "党费已交至"
        duesFromMonth: ADMITTED.includes(v.cells.input.status)
          ? duesFromMonth({
              joinedOn: v.cells.input.joinedOn,
              arrivedMonth: arrived,
              paidUntil: v.cells.input.duesPaidUntil,
            })
          : null,
        recordUpdatedAt: now,
        createdAt: now,
        updatedAt: now,
      }));
      await insertBatch(tx, rows);
      // the standard history begins where a new member's dues are counted from (dues/standards.ts)
      const standards = rows.filter((r) => r.duesStandardFen != null && r.duesCategory);
      if (standards.length)
        await tx.insert(duesStandards).values(
          standards.map((r) => ({
            memberId: r.id,
            fromMonth: r.duesFromMonth ?? arrived,
            category: r.duesCategory!,
            basis: null,
            baseFen: r.monthlyIncomeFen == null ? null : duesBase(null, r.monthlyIncomeFen),
            standardFen: r.duesStandardFen!,
            recordedBy: actorId,
            recordedAt: now,
          })),
        );
      await tx.insert(memberHistory).values(
        batch.map((v, n) => {
          const { orgRef: _ref, duesPaidUntil: _paid, ...fields } = v.cells.input;
          return {
            memberId: ids[n],
            at: now,
            actorId,
            actorName,
            source: 'import',
            changes: changesBetween(null, { ...fields, orgId: String(v.branch.id) } as typeof fields),
          };
        }),
      );
      for (const v of batch)
        byStatus[STATUS_ZH[v.cells.input.status]] = (byStatus[STATUS_ZH[v.cells.input.status]] ?? 0) + 1;
      written += batch.length;
      // progress is written outside the transaction, so the page polling it sees it move
      await progress(ctx.db, imp.id, { processed: written });
    }
    for (let i = 0; i < plan.updates.length; i += BATCH) {
      const batch = plan.updates.slice(i, i + BATCH);
      const n = await updateBatch(
        tx,
        batch.map((u) => ({
          id: u.existing.id,
          version: u.existing.version,
          values: memberColumns(ctx.pii, u.after, u.existing.id, duesFor(u)),
        })),
        now,
      );
      if (n !== batch.length) throw new Refusal('写入时发现有党员的信息刚被修改，未导入任何数据；请重新导入');
      // a standard computed again: its history follows, from this month (the few rows whose dues changed)
      for (const u of batch.filter((x) => x.duesChanged)) {
        const [after] = await tx.select().from(members).where(eq(members.id, u.existing.id));
        await keepStandardHistory(tx, ctx, u.existing, after);
      }
      await tx.insert(memberHistory).values(
        batch.map((u) => ({
          memberId: u.existing.id,
          at: now,
          actorId,
          actorName,
          source: 'import',
          changes: u.changes,
        })),
      );
      written += batch.length;
      await progress(ctx.db, imp.id, { processed: written });
    }
    await recordAudit(tx, ctx, {
      action: 'member.imported',
      targetType: 'member_import',
      targetId: imp.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        fileName: imp.fileName,
        mode: imp.mode,
        imported: plan.creates.length,
        updated: plan.updates.length,
        byStatus,
      },
    });
    const [finished] = await tx
      .update(memberImports)
      .set({
        status: 'done',
        processed: total + plan.unchanged,
        createdCount: plan.creates.length,
        updatedCount: plan.updates.length,
        preview:
          imp.mode === 'update' ? (imp.preview as StoredPreview) : plan.noteCount ? notesOnly(plan) : null,
        message:
          imp.mode === 'update'
            ? `已新增 ${plan.creates.length} 名、更新 ${plan.updates.length} 名党员`
            : `已导入 ${plan.creates.length} 名党员`,
        finishedAt: ctx.now(),
      })
      .where(unfinished(imp.id))
      .returning({ id: memberImports.id });
    // finished meanwhile (the clean-up job gave it up): its outcome stands, and nothing is written
    if (!finished) throw new Refusal('导入已结束，未导入任何数据');
  });
  return { status: 'done' };
}
