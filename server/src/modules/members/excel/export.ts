import type { PassThrough } from 'node:stream';
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { SANCTION_KIND_LABELS } from '../../../../../contracts/labels.ts';
import { MemberListQuery, postNamed } from '../../../../../contracts/members/index.ts';
import { scopePaths } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../../../platform/pii/index.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { type MemberRow, memberSanctions, members, memberTrips } from '../schema.ts';
import { memberFilter } from '../record/list-members.ts';
import {
  DUES_ZH,
  GENDER_ZH,
  HARDSHIP_ZH,
  NO,
  SHEET_MEMBERS,
  SHEET_SANCTIONS,
  SHEET_TRIPS,
  STATUS_ZH,
  YES,
} from './columns.ts';
import { maskNumbersIn } from './masking.ts';
import { layoutMemberSheet } from './template.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { homeAddressOf, idNumberOf, phoneOf } from '../record/store.ts';
import { paidUntilOfMany } from '../transfers/store.ts';

/** The member list's filters, without paging: the export is the whole filtered list. */
export const ExportQuery = MemberListQuery.omit({ page: true, pageSize: true });
export type ExportQuery = z.infer<typeof ExportQuery>;

const BATCH = 2000;
const ID_RE = /^\d{17}[\dX]$/i;
const PHONE_RE = /^1[3-9]\d{9}$/;
const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/**
 * Checks and records the export (who took which list, how many rows) before a byte leaves, then
 * hands back the writer that streams the workbook: rows are read a batch at a time by keyset,
 * so a district's 50,000 members never sit in memory at once. ID numbers and phones are masked
 * exactly as in the list.
 */
export async function prepareExport(ctx: Ctx, q: ExportQuery) {
  const actor = actorOf(ctx);
  const where = await memberFilter(ctx, q);
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(where);
  // the audit entry belongs to the org the list was taken from (or the top of the actor's scope)
  const org = q.orgId ? await findOrg(ctx.db, Number(q.orgId)) : undefined;
  const scopeTop = scopePaths(actor, 'member.view')[0] ?? null;
  const orgPath = org?.path ?? scopeTop;
  await recordAudit(ctx.db, ctx, {
    action: 'member.exported',
    targetType: 'member',
    orgId: org?.id ?? (scopeTop ? Number(scopeTop.split('/').at(-2)) : null),
    orgPath,
    after: { filter: auditedFilter(q), rows: n },
  });
  return {
    rows: n,
    fileName: `党员信息-${shanghaiToday(ctx.now()).replaceAll('-', '')}.xlsx`,
    write: (out: PassThrough) => writeExport(ctx, where, out),
  };
}

/**
 * The list filter as the audit entry keeps it: which list was taken, without the personal numbers
 * typed into the search (a full ID number or phone finds one person; the entry keeps the masked
 * form the list shows, enough to tell the search apart from a name).
 */
function auditedFilter(q: ExportQuery): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) filter[k] = String(v);
  if (filter.q) {
    const term = filter.q.replace(/\s+/g, '');
    filter.q = ID_RE.test(term)
      ? maskIdNumber(term.toUpperCase())
      : PHONE_RE.test(term)
        ? maskPhone(term)
        : maskNumbersIn(filter.q);
  }
  return filter;
}

async function writeExport(ctx: Ctx, where: Awaited<ReturnType<typeof memberFilter>>, out: PassThrough) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = '红云智慧党建平台';
  const ws = wb.addWorksheet(SHEET_MEMBERS, { views: [{ state: 'frozen', ySplit: 1 }] });
  layoutMemberSheet(ws, { lastRow: 2, validations: false });
  ws.getRow(1).commit();
  let after: { path: string; id: number } | null = null;
  for (;;) {
    const batch: { m: MemberRow; orgName: string; orgPath: string }[] = await ctx.db
      .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(
        and(where, after ? sql`(${orgs.path}, ${members.id}) > (${after.path}, ${after.id})` : undefined),
      )
      .orderBy(asc(orgs.path), asc(members.id))
      .limit(BATCH);
    // 党费已交至: the last month paid up, from the payment records (as a transfer letter says it)
    const paidUntil = await paidUntilOfMany(
      ctx.db,
      batch.map((b) => b.m),
      ctx.now(),
    );
    for (const { m, orgName } of batch) {
      const phone = phoneOf(ctx.pii, m);
      const address = homeAddressOf(ctx.pii, m);
      ws.addRow([
        m.name,
        GENDER_ZH[m.gender as 'male'] ?? m.gender,
        m.ethnicity,
        maskIdNumber(idNumberOf(ctx.pii, m)),
        day(m.birthDate),
        m.education,
        m.degree,
        STATUS_ZH[m.status as 'full'] ?? m.status,
        day(m.joinedOn),
        day(m.fullOn),
        orgName,
        m.positions.join('、'),
        phone ? maskPhone(phone) : null,
        m.workUnit,
        m.mobile ? YES : NO,
        m.mobileLocation,
        m.duesCategory ? (DUES_ZH[m.duesCategory as 'farmer'] ?? m.duesCategory) : null,
        m.monthlyIncomeFen == null ? null : m.monthlyIncomeFen / 100,
        postNamed(m.postCode)?.name ?? m.postCode,
        // personal data, masked as the list shows it
        address ? maskAddress(address) : null,
        day(m.workStartedOn),
        m.hardshipKind ? (HARDSHIP_ZH[m.hardshipKind as 'other'] ?? m.hardshipKind) : null,
        paidUntil.get(m.id) ?? null,
      ]).commit();
    }
    if (batch.length < BATCH) break;
    after = { path: batch[batch.length - 1].orgPath, id: batch[batch.length - 1].m.id };
    // let the socket drain before the next batch; stop reading when the client went away
    if (out.writableNeedDrain)
      await new Promise((r) => {
        out.once('drain', r);
        out.once('close', r);
      });
    if (out.destroyed) return;
  }
  ws.commit();
  if (!out.destroyed) await writeSubRecords(ctx, wb, where, out);
  await wb.commit();
}

/** A sub-record sheet's first columns: whose record it is (ID numbers masked, as in the first sheet). */
const WHO = [
  { header: '姓名', width: 10 },
  { header: '身份证号', width: 21 },
  { header: '所在党支部', width: 30 },
];

/**
 * 奖惩 and 出国（境）, each on a sheet of its own after the members: one row per record, for the
 * members the export lists, read by keyset a batch at a time like them.
 */
async function writeSubRecords(
  ctx: Ctx,
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  where: Awaited<ReturnType<typeof memberFilter>>,
  out: PassThrough,
) {
  const sheets = [
    {
      name: SHEET_SANCTIONS,
      table: memberSanctions,
      columns: [
        { header: '奖惩类别', width: 10 },
        { header: '奖惩名称', width: 24 },
        { header: '奖惩日期', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
        { header: '批准机关', width: 30 },
        { header: '说明', width: 40 },
      ],
      cells: (s: typeof memberSanctions.$inferSelect) => [
        SANCTION_KIND_LABELS[s.kind as 'reward']?.zh ?? s.kind,
        s.title,
        day(s.on),
        s.issuedBy,
        s.note,
      ],
    },
    {
      name: SHEET_TRIPS,
      table: memberTrips,
      columns: [
        { header: '前往国家（地区）', width: 18 },
        { header: '事由', width: 30 },
        { header: '出境日期', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
        { header: '回国（境）日期', width: 14, style: { numFmt: 'yyyy-mm-dd' } },
        { header: '审批机关', width: 30 },
      ],
      cells: (t: typeof memberTrips.$inferSelect) => [
        t.destination,
        t.purpose,
        day(t.leftOn),
        day(t.returnedOn),
        t.approvedBy,
      ],
    },
  ] as const;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [...WHO, ...sheet.columns];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const table = sheet.table as typeof memberSanctions | typeof memberTrips;
    let after = 0;
    for (;;) {
      const batch = await ctx.db
        .select({
          item: table,
          m: { id: members.id, name: members.name, idNumberEnc: members.idNumberEnc },
          orgName: orgs.name,
        })
        .from(table)
        .innerJoin(members, eq(members.id, table.memberId))
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(and(where, gt(table.id, after)))
        .orderBy(asc(table.id))
        .limit(BATCH);
      for (const { item, m, orgName } of batch)
        ws.addRow([
          m.name,
          maskIdNumber(idNumberOf(ctx.pii, m)),
          orgName,
          ...(sheet.cells as (r: typeof item) => unknown[])(item),
        ]).commit();
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].item.id;
      if (out.writableNeedDrain)
        await new Promise((r) => {
          out.once('drain', r);
          out.once('close', r);
        });
      if (out.destroyed) return;
    }
    ws.commit();
  }
}
