import ExcelJS from 'exceljs';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { allProgress } from './progress.ts';
import { classFor } from './store.ts';

const COLUMNS = [
  { header: '姓名', width: 12 },
  { header: '所在党组织', width: 36 },
  { header: '已完成课程', width: 12 },
  { header: '课程总数', width: 10 },
  { header: '学习时长（分钟）', width: 16 },
  { header: '全部完成', width: 10 },
];

/**
 * 班级学习进度 as an Excel workbook: every member of the cohort (or those unfinished), the same
 * columns as the page, the class and its deadline on top. Audited like every export of member data.
 */
export async function exportProgress(ctx: Ctx, id: number, unfinished: boolean) {
  const c = await classFor(ctx, ctx.db, id, 'class.view');
  const { total, rows } = await allProgress(ctx.db, id, unfinished);
  const today = shanghaiToday(ctx.now());
  await recordAudit(ctx.db, ctx, {
    action: 'class.progress_exported',
    targetType: 'online_class',
    targetId: c.id,
    orgId: c.orgId,
    orgPath: c.orgPath,
    after: { unfinished, rows: rows.length },
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = '红云智慧党建平台';
  const ws = wb.addWorksheet('学习进度', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = COLUMNS.map((x) => ({ width: x.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = `${c.name} 学习进度${unfinished ? '（未完成）' : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  const finished = rows.filter((r) => r.finishedAll).length;
  ws.getCell(2, 1).value =
    `${c.startsOn} 至 ${c.deadline}，课程 ${total} 门；` +
    `${unfinished ? `未完成 ${rows.length} 人` : `学员 ${rows.length} 人，全部完成 ${finished} 人`}。导出日期 ${today}`;
  const head = ws.getRow(3);
  head.values = COLUMNS.map((x) => x.header);
  head.font = { bold: true };
  for (const r of rows)
    ws.addRow([r.name, r.orgName, r.done, r.total, Math.floor(r.seconds / 60), r.finishedAll ? '是' : '否']);
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${c.name}-学习进度-${today}.xlsx`, body };
}
