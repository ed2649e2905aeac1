import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { APPRAISAL_GRADE_LABELS, ELECTION_KIND_LABELS } from '../../../../contracts/labels.ts';
import type { Ctx } from '../../platform/context.ts';
import { docxTable, docxText, fileSafeName } from '../../platform/files/office.ts';
import { result } from './results.ts';

const text = docxText;
const table = (rows: string[][], header = true) =>
  header ? docxTable(rows[0], rows.slice(1)) : docxTable(null, rows);

/**
 * 选举结果报告单 as a Word document: the figures the regulation asks for — entitled, present,
 * ballots issued, returned, valid and invalid — the votes of every candidate, who is elected, the
 * chain head that proves the ballots, and the superior org's approval.
 */
export async function resultSheetDocx(ctx: Ctx, id: number): Promise<{ body: Buffer; filename: string }> {
  const r = await result(ctx, id);
  const appraisal = r.kind === 'appraisal';
  const figures: [string, string][] = [
    ['类型', ELECTION_KIND_LABELS[r.kind].zh],
    ['应选人数', appraisal ? '—' : String(r.seats)],
    ['应到会有选举权人数', String(r.entitled)],
    ['实到会有选举权人数', String(r.present)],
    ['会议是否有效', r.meetingValid ? '有效（实到超过应到的五分之四）' : '无效（实到未超过应到的五分之四）'],
    ['发出选票', String(r.issued)],
    ['收回选票', String(r.returned)],
    ['有效票', String(r.valid)],
    ['无效票', String(r.invalid)],
  ];
  const votes = appraisal
    ? [
        ['被评议党员', ...Object.values(APPRAISAL_GRADE_LABELS).map((l) => l.zh), '未评'],
        ...r.tally.map((t) => [
          t.name,
          String(t.grades?.excellent ?? 0),
          String(t.grades?.qualified ?? 0),
          String(t.grades?.basic ?? 0),
          String(t.grades?.unqualified ?? 0),
          String(t.abstain),
        ]),
      ]
    : [
        ['候选人', '赞成', '不赞成', '弃权', '结果'],
        ...r.tally.map((t) => [
          t.writeIn ? `${t.name}（另选他人）` : t.name,
          String(t.yes),
          t.writeIn ? '—' : String(t.no),
          t.writeIn ? '—' : String(t.abstain),
          t.elected ? (r.kind === 'cadre_recommendation' ? '推荐' : '当选') : '',
        ]),
      ];
  const doc = new Document({
    creator: '红云智慧党建平台',
    title: `选举结果：${r.title}`,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [text(`${r.title} 计票结果报告单`, { bold: true, size: 32 })],
          }),
          table(figures, false),
          new Paragraph({ spacing: { before: 240 }, children: [text('得票情况', { bold: true, size: 28 })] }),
          table(votes),
          ...(appraisal
            ? []
            : [
                new Paragraph({
                  spacing: { before: 240 },
                  children: [text(`当选：${r.elected.join('、') || '无'}`, { bold: true })],
                }),
                ...(r.tied.length
                  ? [new Paragraph({ children: [text(`票数相等、须再次投票：${r.tied.join('、')}`)] })]
                  : []),
                ...(r.remainingSeats > 0
                  ? [new Paragraph({ children: [text(`尚缺名额：${r.remainingSeats}（另行选举）`)] })]
                  : []),
              ]),
          new Paragraph({
            spacing: { before: 240 },
            children: [text(`选票哈希链末端：${r.chainHead}`, { size: 18 })],
          }),
          new Paragraph({
            spacing: { before: 240 },
            children: [
              text(
                r.approvedBy
                  ? `上级党组织批准：${r.approvedBy}，${r.approvedAt?.slice(0, 10)}`
                  : '上级党组织批准：（待批准）',
              ),
            ],
          }),
          new Paragraph({
            spacing: { before: 360 },
            alignment: AlignmentType.RIGHT,
            children: [text('监票人：　　　　　　计票人：　　　　　　')],
          }),
        ],
      },
    ],
  });
  return {
    body: await Packer.toBuffer(doc),
    filename: `计票结果-${fileSafeName(r.title)}.docx`,
  };
}
