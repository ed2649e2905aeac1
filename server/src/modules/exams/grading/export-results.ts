import ExcelJS from 'exceljs';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiClock, shanghaiToday } from '../../../platform/time.ts';
import { examFor } from '../sittings/store.ts';
import { statisticsOf } from './exam-statistics.ts';
import { allResults } from './results.ts';

const TYPE_NAMES: Record<string, string> = {
  single: '单选题',
  multiple: '多选题',
  truefalse: '判断题',
  fill: '填空题',
  numeric: '数值题',
  short: '简答题',
};

const RESULT_COLUMNS = [
  { header: '姓名', width: 12 },
  { header: '所在党组织', width: 36 },
  { header: '成绩', width: 10 },
  { header: '是否及格', width: 10 },
  { header: '名次', width: 8 },
  { header: '组织内名次', width: 12 },
  { header: '交卷时间', width: 20 },
];
const QUESTION_COLUMNS = [
  { header: '序号', width: 8 },
  { header: '试题', width: 48 },
  { header: '题型', width: 10 },
  { header: '作答人次', width: 10 },
  { header: '难度系数（%）', width: 14 },
  { header: '标准差（%）', width: 12 },
  { header: '区分度', width: 10 },
];

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  note: string,
  columns: typeof RESULT_COLUMNS,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map((x) => ({ width: x.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, columns.length);
  ws.getCell(2, 1).value = note;
  const head = ws.getRow(3);
  head.values = columns.map((x) => x.header);
  head.font = { bold: true };
  return ws;
}

/**
 * 导出成绩: 成绩 (every candidate, best first, as the page shows them) and 试题分析 (each question's
 * figures), the exam on top of each. Audited like every export of member data.
 */
export async function exportResults(ctx: Ctx, id: number) {
  const e = await examFor(ctx, ctx.db, id, 'exam.view');
  return inTransaction(ctx.db, async (tx) => {
    const rows = await allResults(tx, e);
    const stats = await statisticsOf(tx, e);
    const today = shanghaiToday(ctx.now());
    await recordAudit(tx, ctx, {
      action: 'exam.results_exported',
      targetType: 'exam',
      targetId: e.id,
      orgId: e.orgId,
      orgPath: e.orgPath,
      after: { rows: rows.length },
    });

    const wb = new ExcelJS.Workbook();
    wb.creator = '红云智慧党建平台';
    const sat = rows.filter((r) => r.attempts > 0).length;
    const passed = rows.filter((r) => r.passed).length;
    const results = sheet(
      wb,
      '成绩',
      `${e.title} 成绩`,
      `满分 ${e.totalPoints} 分，及格 ${e.passScore} 分；应考 ${rows.length} 人，参考 ${sat} 人，及格 ${passed} 人。导出日期 ${today}`,
      RESULT_COLUMNS,
    );
    for (const r of rows)
      results.addRow([
        r.name,
        r.orgName,
        r.score ?? (r.attempts ? '待阅卷' : '缺考'),
        r.passed == null ? '' : r.passed ? '是' : '否',
        r.rank ?? '',
        r.orgRank ?? '',
        r.submittedAt ? shanghaiClock(new Date(r.submittedAt)) : '',
      ]);
    const questions = sheet(
      wb,
      '试题分析',
      `${e.title} 试题分析`,
      `按每名考生第一次评定的答卷统计，共 ${stats.attempts} 份；难度系数为平均得分率，区分度为本题得分与其余题得分的相关系数 × 100。`,
      QUESTION_COLUMNS,
    );
    for (const [i, q] of stats.questions.entries())
      questions.addRow([
        i + 1,
        q.name,
        TYPE_NAMES[q.type] ?? q.type,
        q.attempts,
        q.facility ?? '',
        q.sd ?? '',
        q.discrimination ?? '',
      ]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { fileName: `${e.title}-成绩-${today}.xlsx`, body };
  });
}
