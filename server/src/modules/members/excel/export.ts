import type { PassThrough } from 'node:stream';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { MemberListQuery } from '../../../../../contracts/members.ts';
import { scopePaths } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { maskIdNumber, maskPhone } from '../../../platform/pii/index.ts';
import { orgs } from '../../orgs/schema.ts';
import { findOrg } from '../../orgs/service.ts';
import { type MemberRow, members } from '../schema.ts';
import { memberFilter } from '../service.ts';
import { shanghaiToday } from '../validate.ts';
import { DUES_ZH, GENDER_ZH, NO, SHEET_MEMBERS, STATUS_ZH, YES } from './columns.ts';
import { layoutMemberSheet } from './template.ts';

/** The member list's filters, without paging: the export is the whole filtered list. */
export const ExportQuery = MemberListQuery.omit({ page: true, pageSize: true });
export type ExportQuery = z.infer<typeof ExportQuery>;

const BATCH = 2000;
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
    after: { filter: Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)), rows: n },
  });
  return {
    rows: n,
    fileName: `党员信息-${shanghaiToday(ctx.now()).replaceAll('-', '')}.xlsx`,
    write: (out: PassThrough) => writeExport(ctx, where, out),
  };
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
    for (const { m, orgName } of batch) {
      const phone = m.phoneEnc ? ctx.pii.decrypt(m.phoneEnc) : null;
      ws.addRow([
        m.name,
        GENDER_ZH[m.gender as 'male'] ?? m.gender,
        m.ethnicity,
        maskIdNumber(ctx.pii.decrypt(m.idNumberEnc)),
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
  await wb.commit();
}
