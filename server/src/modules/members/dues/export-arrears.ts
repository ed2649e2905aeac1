import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ArrearsExportQuery } from '../../../../../contracts/members/index.ts';
import { scopePaths } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { arrears } from './arrears.ts';
import { FLAG_AFTER_MONTHS } from './rules.ts';

const COLUMNS = [
  { header: '姓名', width: 12 },
  { header: '所在党支部', width: 36 },
  { header: '党费标准（元/月）', width: 16 },
  { header: '欠缴月数', width: 10 },
  { header: '欠缴金额（元）', width: 14 },
  { header: '自何月起', width: 11 },
  { header: '连续未交月数', width: 13 },
  { header: `连续 ${FLAG_AFTER_MONTHS} 个月以上未交`, width: 18 },
];

/**
 * 欠缴党费名单 as an Excel workbook: the whole list the page shows (same filters), its totals on
 * top, for the branch's files or a meeting. Audited like every export of member data.
 */
export async function exportArrears(ctx: Ctx, q: z.infer<typeof ArrearsExportQuery>) {
  const report = await arrears(ctx, { ...q, page: 1, pageSize: 1, all: true });
  const org = q.orgId ? await findOrg(ctx.db, Number(q.orgId)) : undefined;
  const scopeTop = scopePaths(actorOf(ctx), 'dues.manage')[0] ?? null;
  await recordAudit(ctx.db, ctx, {
    action: 'dues.arrears_exported',
    targetType: 'org',
    orgId: org?.id ?? (scopeTop ? Number(scopeTop.split('/').at(-2)) : null),
    orgPath: org?.path ?? scopeTop,
    after: {
      asOf: report.asOf,
      minMonths: q.minMonths,
      onlyFlagged: q.onlyFlagged === 'true',
      rows: report.total,
    },
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = '红云智慧党建平台';
  const ws = wb.addWorksheet('欠缴党费名单', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = `欠缴党费名单（截至 ${report.asOf}）${org ? ` — ${org.name}` : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  ws.getCell(2, 1).value =
    `欠缴 ${report.total} 人，其中连续 ${FLAG_AFTER_MONTHS} 个月以上未交 ${report.flaggedTotal} 人，` +
    `欠缴合计 ${(report.owedFenTotal / 100).toFixed(2)} 元；未核定党费标准 ${report.withoutStandard} 人（不在此名单）。` +
    `导出日期 ${shanghaiToday(ctx.now())}`;
  const head = ws.getRow(3);
  head.values = COLUMNS.map((c) => c.header);
  head.font = { bold: true };
  for (const r of report.items)
    ws.addRow([
      r.name,
      r.orgName,
      r.duesStandardFen == null ? null : r.duesStandardFen / 100,
      r.monthsOwed,
      r.owedFen / 100,
      r.since,
      r.longestRun,
      r.flagged ? '是' : '',
    ]);
  for (const col of [3, 5]) ws.getColumn(col).numFmt = '0.00';
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `欠缴党费名单-${report.asOf}.xlsx`, body };
}
