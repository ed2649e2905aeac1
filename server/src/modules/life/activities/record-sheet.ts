import { buffer } from 'node:stream/consumers';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ACTIVITY_KIND_LABELS, LEAVE_STATE_LABELS } from '../../../../../contracts/labels.ts';
import { type Activity, type ActivityKind, rollOf } from '../../../../../contracts/life/activities.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { TIME_ZONE } from '../../../platform/time.ts';
import { whenText } from './notice.ts';
import { readActivity } from './read-activity.ts';
import { filesOf } from './store.ts';

/** At most nine photos on the sheet (a page and a half): the rest stay with the activity. */
const MAX_PHOTOS = 9;
const PHOTO_WIDTH_PX = 280;

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The sheet's rows, label and value, as the printed page and the .docx both show them. */
export function sheetRows(a: Activity): [string, string][] {
  const { present, leave, absent } = rollOf(a.attendees);
  const rate = a.attendance.rate == null ? '—' : `${Math.round(a.attendance.rate * 1000) / 10}%`;
  return [
    ['党组织', a.orgName],
    ['会议类型', ACTIVITY_KIND_LABELS[a.kind as ActivityKind].zh],
    ['会议主题', a.topic],
    ['时间', `${whenText(new Date(a.startsAt))} 至 ${clock.format(new Date(a.endsAt))}`],
    ['地点', a.place],
    ['主持人', a.host ?? ''],
    ['记录人', a.recorder ?? ''],
    [
      '应到/实到',
      `应到 ${a.attendance.expected} 人，实到 ${a.attendance.present} 人，请假 ${a.attendance.leave} 人，缺席 ${a.attendance.absent} 人，出勤率 ${rate}（出勤率 = 实到 ÷（应到 − 准假未到））`,
    ],
    ['出席人员', present.map((p) => p.name).join('、') || '无'],
    [
      '请假人员',
      leave.map((p) => `${p.name}（${p.leaveReason ?? LEAVE_STATE_LABELS.approved.zh}）`).join('、') || '无',
    ],
    ['缺席人员', absent.map((p) => p.name).join('、') || '无'],
  ];
}

const cell = (text: string, bold = false, width?: number) =>
  new TableCell({
    width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'SimSun', size: 24 })] })],
  });

/** 会议记录 as a Word document: the sheet, the minutes, and the photos. */
export async function recordSheetDocx(ctx: Ctx, id: number): Promise<{ body: Buffer; filename: string }> {
  const a = await readActivity(ctx, id);
  const photos = (await filesOf(ctx.db, id)).filter((f) => f.kind === 'photo').slice(0, MAX_PHOTOS);
  const store = fileStore(ctx.config);
  const images: ImageRun[] = [];
  for (const p of photos) {
    const data = await buffer(await store.get(p.fileKey));
    const w = p.width ?? PHOTO_WIDTH_PX;
    const h = p.height ?? PHOTO_WIDTH_PX;
    images.push(
      new ImageRun({
        type: 'jpg',
        data,
        transformation: { width: PHOTO_WIDTH_PX, height: Math.round((PHOTO_WIDTH_PX * h) / w) },
        altText: { name: p.name, description: p.name, title: p.name },
      }),
    );
  }
  const text = (t: string, opts: { bold?: boolean; size?: number } = {}) =>
    new TextRun({ text: t, font: 'SimSun', size: opts.size ?? 24, bold: opts.bold });
  const doc = new Document({
    creator: '红云智慧党建平台',
    title: `会议记录：${a.topic}`,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [text('会议记录', { bold: true, size: 36 })],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: sheetRows(a).map(
              ([k, v]) => new TableRow({ children: [cell(k, true, 18), cell(v, false, 82)] }),
            ),
          }),
          new Paragraph({ spacing: { before: 240 }, children: [text('会议内容', { bold: true, size: 28 })] }),
          ...(a.minutes ?? '（尚未记录）')
            .split(/\r?\n/)
            .map((line) => new Paragraph({ children: [text(line)] })),
          ...(images.length
            ? [
                new Paragraph({
                  spacing: { before: 240 },
                  children: [text('活动照片', { bold: true, size: 28 })],
                }),
                ...images.map((img) => new Paragraph({ children: [img] })),
              ]
            : []),
          new Paragraph({
            spacing: { before: 360 },
            alignment: AlignmentType.RIGHT,
            children: [text(`主持人：${a.host ?? '　　　　'}　　记录人：${a.recorder ?? '　　　　'}`)],
          }),
        ],
      },
    ],
  });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(a.startsAt));
  return {
    body: await Packer.toBuffer(doc),
    filename: `会议记录-${day}-${a.topic.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)}.docx`,
  };
}
