import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, type Table } from 'docx';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import {
  GENDER_LABELS,
  MEMBER_STATUS_LABELS,
  SURVEY_AGE_BAND_LABELS,
  SURVEY_QUESTION_KIND_LABELS,
} from '../../../../contracts/labels.ts';
import type { AnswerSet, SurveyQuestion } from '../../../../contracts/surveys/definition.ts';
import type { QuestionResult } from '../../../../contracts/surveys/surveys.ts';
import type { Ctx } from '../../platform/context.ts';
import { docxHeading, docxTable, docxText, fileSafeName } from '../../platform/files/office.ts';
import { shanghaiClock, shanghaiToday } from '../../platform/time.ts';
import { findOrg } from '../../platform/tree/index.ts';
import { barChartPng, CHART_WIDTH } from './chart.ts';
import { resultsOf, wordsFor } from './results.ts';
import { questionsOf } from './rules.ts';
import { surveyFor } from './store.ts';

const text = docxText;
const table = (head: string[], rows: string[][]) => docxTable(head, rows, 21);
const heading = docxHeading;
const safeName = fileSafeName;

async function chart(labels: string[], values: number[]) {
  const c = await barChartPng(labels, values);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: c.png,
        transformation: { width: CHART_WIDTH * 0.9, height: c.height * 0.9 },
        altText: { name: 'chart', description: labels.join('、'), title: 'chart' },
      }),
    ],
  });
}

/** One question's part of the report: its chart and its table (or the words most used). */
async function questionPart(
  ctx: Ctx,
  s: Parameters<typeof wordsFor>[1],
  q: SurveyQuestion,
  r: QuestionResult,
  n: number,
) {
  const out: (Paragraph | Table)[] = [
    heading(
      `${n}. ${q.title}（${SURVEY_QUESTION_KIND_LABELS[q.kind].zh}，${r.answered} 人作答）`,
      HeadingLevel.HEADING_2,
    ),
  ];
  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'rating' || q.kind === 'ranking') {
    out.push(
      await chart(
        r.options.map((o) => o.label),
        r.options.map((o) => o.count),
      ),
    );
    const head =
      q.kind === 'ranking' ? ['选项', '排第一（人）', '比例', '平均名次'] : ['选项', '人数', '比例'];
    out.push(
      table(
        head,
        r.options.map((o, i) =>
          q.kind === 'ranking'
            ? [o.label, String(o.count), `${o.percent}%`, String(r.ranks[i]?.meanRank ?? '—')]
            : [o.label, String(o.count), `${o.percent}%`],
        ),
      ),
    );
    if (r.mean != null) out.push(new Paragraph({ children: [text(`平均分：${r.mean}`)] }));
  } else if (q.kind === 'matrix' && r.matrix) {
    const m = r.matrix;
    out.push(
      await chart(
        m.rows,
        m.means.map((x) => x ?? 0),
      ),
    );
    out.push(
      table(
        ['项目', ...m.scale.map((v) => `${v}分`), '平均分'],
        m.rows.map((row, i) => [row, ...m.counts[i].map(String), String(m.means[i] ?? '—')]),
      ),
    );
  } else if (q.kind === 'number') {
    out.push(table(['作答人数', '平均值'], [[String(r.answered), String(r.mean ?? '—')]]));
  } else if (q.kind === 'text' || q.kind === 'textarea') {
    const w = await wordsFor(ctx.db, s, q.id, 20);
    if (w.words.length) {
      out.push(
        await chart(
          w.words.map((x) => x.word),
          w.words.map((x) => x.count),
        ),
      );
      out.push(
        table(
          ['高频词', '出现次数'],
          w.words.map((x) => [x.word, String(x.count)]),
        ),
      );
    } else out.push(table(['作答人数'], [[String(r.answered)]]));
  } else out.push(table(['作答人数'], [[String(r.answered)]]));
  return out;
}

/**
 * 调查分析报告 (.docx): the admin's own summary first, then the response rate per org, then each
 * question with its chart and table. Charts drawn on the server (chart.ts).
 */
export async function reportDocx(ctx: Ctx, id: number): Promise<{ body: Buffer; filename: string }> {
  const s = await surveyFor(ctx, ctx.db, id, 'survey.view');
  const org = await findOrg(ctx.db, s.orgId);
  const results = await resultsOf(ctx.db, s);
  const qs = questionsOf(s.definition);
  const parts: (Paragraph | Table)[] = [];
  for (const [i, q] of qs.entries())
    parts.push(...(await questionPart(ctx, s, q, results.questions[i], i + 1)));
  const rate = s.invitedCount ? `${Math.round((results.responseCount * 1000) / s.invitedCount) / 10}%` : '—';
  const doc = new Document({
    creator: '红云智慧党建平台',
    title: `${s.title}调查分析报告`,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [text(`${s.title}调查分析报告`, { bold: true, size: 36 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [text(`${org?.name ?? ''}　${shanghaiToday(ctx.now())}`)],
          }),
          heading('一、调查概况', HeadingLevel.HEADING_1),
          new Paragraph({
            children: [
              text(
                `本次调查${s.anonymous ? '为匿名调查，答卷不与个人关联，' : ''}发布于 ${s.publishedAt ? shanghaiClock(s.publishedAt) : '—'}，` +
                  `共 ${qs.length} 题，收回有效答卷 ${results.responseCount} 份` +
                  (s.invitedCount ? `，应答 ${s.invitedCount} 人，参与率 ${rate}。` : '。'),
              ),
            ],
          }),
          heading('二、分析意见', HeadingLevel.HEADING_1),
          ...(s.summary.trim() || '（尚未撰写分析意见）')
            .split(/\r?\n/)
            .map((line) => new Paragraph({ children: [text(line)] })),
          ...(results.orgRates.length
            ? [
                heading('三、各党组织参与情况', HeadingLevel.HEADING_1),
                table(
                  ['党组织', '应答人数', '已答人数', '参与率'],
                  results.orgRates.map((o) => [
                    o.orgName,
                    String(o.invited),
                    String(o.answered),
                    o.rate == null ? '—' : `${o.rate}%`,
                  ]),
                ),
              ]
            : []),
          heading(`${results.orgRates.length ? '四' : '三'}、逐题统计`, HeadingLevel.HEADING_1),
          ...parts,
        ],
      },
    ],
  });
  return {
    body: await Packer.toBuffer(doc),
    filename: `${safeName(s.title)}-调查分析报告-${shanghaiToday(ctx.now())}.docx`,
  };
}

/** One cell per answer as a reader of the sheet expects it: option texts, not indexes. */
function cellsOf(q: SurveyQuestion, v: AnswerSet[string] | undefined): string[] {
  if (q.kind === 'matrix')
    return q.rows.map((_, i) => (Array.isArray(v) && v[i] != null ? String(v[i]) : ''));
  if (v === undefined) return [''];
  if (q.kind === 'single') return [q.options[v as number] ?? ''];
  if (q.kind === 'multiple' || q.kind === 'ranking')
    return [(v as number[]).map((i) => q.options[i] ?? '').join(q.kind === 'ranking' ? ' > ' : '；')];
  return [String(v)];
}

/** 原始数据 (.xlsx): one row per response, one column per question (per row of a matrix). */
export async function responsesXlsx(ctx: Ctx, id: number): Promise<{ body: Buffer; filename: string }> {
  const s = await surveyFor(ctx, ctx.db, id, 'survey.view');
  const qs = questionsOf(s.definition);
  const wb = new ExcelJS.Workbook();
  wb.creator = '红云智慧党建平台';
  const ws = wb.addWorksheet('原始数据');
  const head = ['序号', '提交时间', '党组织', '性别', '年龄段', '党员类别'];
  for (const [i, q] of qs.entries()) {
    if (q.kind === 'matrix') for (const r of q.rows) head.push(`${i + 1}. ${q.title}：${r}`);
    else head.push(`${i + 1}. ${q.title}`);
  }
  ws.addRow(head).font = { bold: true };
  const { rows } = await ctx.db.execute<{
    answers: AnswerSet;
    submitted_at: Date;
    org_name: string | null;
    gender: string | null;
    age_band: string | null;
    category: string | null;
  }>(sql`
    select r.answers, r.submitted_at, o.name as org_name, r.gender, r.age_band, r.category
      from survey_responses r left join orgs o on o.id = r.org_id
     where r.survey_id = ${s.id} order by r.id`);
  for (const [n, r] of rows.entries()) {
    ws.addRow([
      n + 1,
      shanghaiClock(new Date(r.submitted_at)),
      r.org_name ?? '',
      r.gender ? (GENDER_LABELS[r.gender as keyof typeof GENDER_LABELS]?.zh ?? r.gender) : '',
      r.age_band ? (SURVEY_AGE_BAND_LABELS[r.age_band as keyof typeof SURVEY_AGE_BAND_LABELS]?.zh ?? '') : '',
      r.category === 'public'
        ? '群众'
        : r.category
          ? (MEMBER_STATUS_LABELS[r.category as keyof typeof MEMBER_STATUS_LABELS]?.zh ?? '')
          : '',
      ...qs.flatMap((q) => cellsOf(q, r.answers[q.id])),
    ]);
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    body: Buffer.from(await wb.xlsx.writeBuffer()),
    filename: `${safeName(s.title)}-原始数据-${shanghaiToday(ctx.now())}.xlsx`,
  };
}
