import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  type Table,
  TextRun,
} from 'docx';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Bulletin, BulletinBlockKey } from '../../../../../contracts/assessment/bulletin.ts';
import type { Queryable } from '../../../db/client.ts';
import { docxHeading, docxLines, docxTable, docxText } from '../../../platform/files/office.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';
import { figureText } from './compose.ts';

const RED = 'C00000';
const score = (s: number | null) => (s == null ? '—' : String(s));
const dateText = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The generated part under each text block: tables and lists from the facts. */
function factsOf(b: Bulletin, key: BulletinBlockKey): (Paragraph | Table)[] {
  const f = b.facts;
  if (key === 'overview')
    return [
      ...(f.children.length
        ? [
            docxHeading('（一）各党组织得分排名', HeadingLevel.HEADING_2),
            docxTable(
              ['排名', '党组织', '得分', '上月', '党支部数', '无任何记录的党支部'],
              f.children.map((c) => [
                c.rank == null ? '—' : String(c.rank),
                c.name,
                score(c.score),
                score(c.previous),
                String(c.units),
                String(c.unitsEmpty),
              ]),
              21,
            ),
          ]
        : []),
      docxHeading('（二）主要指标完成情况', HeadingLevel.HEADING_2),
      docxTable(
        ['指标', '完成情况', '较好的', '较差的'],
        f.figures.map((x) => [
          x.basis === 'activity' ? `${x.label}（参考信息，不计分）` : x.label,
          x.text,
          x.best.map((o) => `${o.name} ${o.text}`).join('；') || '—',
          x.worst.map((o) => `${o.name} ${o.text}`).join('；') || '—',
        ]),
        21,
      ),
    ];
  if (key === 'good') {
    if (!f.good.length) return [];
    const byParent = new Map<string, string[]>();
    for (const g of f.good) {
      const list = byParent.get(g.parentName) ?? [];
      list.push(`${g.name}（${score(g.score)}分）`);
      byParent.set(g.parentName, list);
    }
    return [...byParent].map(
      ([parent, names]) =>
        new Paragraph({
          indent: { firstLine: 480 },
          children: [docxText(`${parent || '—'}：`, { bold: true }), docxText(names.join('、'))],
        }),
    );
  }
  if (key === 'missed') {
    const out: (Paragraph | Table)[] = [];
    const n = ['（一）', '（二）', '（三）'];
    let part = 0;
    if (f.missedByItem.length) {
      out.push(docxHeading(`${n[part++]}各项指标未达标情况`, HeadingLevel.HEADING_2));
      out.push(
        docxTable(
          ['考核指标', '未达标党支部数', '占参加考核党支部'],
          f.missedByItem.map((x) => [
            x.label,
            String(x.units),
            f.units ? `${Math.round((x.units * 1000) / f.units) / 10}%` : '—',
          ]),
          21,
        ),
      );
    }
    if (f.missed.length) {
      out.push(docxHeading(`${n[part++]}无任何记录和得分较低的党支部`, HeadingLevel.HEADING_2));
      out.push(
        docxTable(
          ['党支部', '所属党组织', '得分', '未达标指标'],
          f.missed.map((m) => [
            m.name,
            m.parentName,
            score(m.score),
            m.empty ? `本月无任何工作记录；${m.items.join('、')}` : m.items.join('、'),
          ]),
          21,
        ),
      );
      if (f.missedTotal > f.missed.length)
        out.push(...docxLines(`（另有 ${f.missedTotal - f.missed.length} 个党支部，详见附件。）`));
    }
    if (f.stations.length) {
      out.push(docxHeading(`${n[part++]}远程教育站点学习时长未达标`, HeadingLevel.HEADING_2));
      out.push(
        docxTable(
          ['站点', '所属党组织', '情况'],
          f.stations.map((s) => [s.station, s.orgName, s.note]),
          21,
        ),
      );
    }
    return out;
  }
  return [];
}

/**
 * 考核通报 as a Word document in the usual layout of a 通报: the red masthead with the issue
 * number, the issuing department and the date over a red rule; the title; the sections, each its
 * edited text then the platform's tables; the closing; the department and the date signed; the
 * attachment named.
 */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const issued = b.state === 'issued' && b.issueNo != null && b.issuedOn;
  const body: (Paragraph | Table)[] = [];
  for (const block of b.blocks) {
    if (block.heading) body.push(docxHeading(block.heading, HeadingLevel.HEADING_1, { font: 'SimHei' }));
    body.push(...docxLines(block.text, '', { indent: true }));
    body.push(...factsOf(b, block.key));
  }
  const doc = new Document({
    creator: '红云智慧党建平台',
    title: b.title,
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ text: '智慧党建工作通报', font: 'SimSun', size: 64, bold: true, color: RED }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 120, after: 120 },
            children: [docxText(issued ? `${b.year}年第${b.issueNo}期` : '（草稿，未编号）')],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
            children: [
              docxText(
                `${b.department}　　　　　　${issued ? dateText(b.issuedOn as string) : '年　月　日'}`,
              ),
            ],
          }),
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            spacing: { before: 360, after: 240 },
            children: [docxText(b.title, { bold: true, size: 36, font: 'SimHei' })],
          }),
          ...body,
          new Paragraph({
            spacing: { before: 240 },
            indent: { firstLine: 480 },
            children: [docxText(`附件：${b.orgName}${b.month.replace('-', '年')}月考核明细表（Excel）`)],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 480 },
            children: [docxText(b.department)],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [docxText(issued ? dateText(b.issuedOn as string) : '年　月　日')],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

type UnitLine = {
  org_id: string;
  name: string;
  parent_name: string | null;
  score: number | null;
  rank: number | null;
};

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function sheetName(name: string, taken: Set<string>) {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '党组织';
  let out = base;
  for (let i = 2; taken.has(out); i++) out = `${base}${i}`;
  taken.add(out);
  return out;
}

/**
 * The bulletin's attachment (.xlsx): 汇总, the children with their scores and every indicator;
 * then one sheet per child (each town) with its 党支部, their scores, ranks and every figure.
 */
export async function bulletinXlsx(db: Queryable, registry: Registry, b: Bulletin): Promise<Buffer> {
  const org = await findOrg(db, Number(b.orgId));
  const wb = new ExcelJS.Workbook();
  wb.creator = '红云智慧党建平台';
  const defs = registry.all;
  const { rows: items } = await db.execute<{
    org_id: string;
    key: string;
    num: string;
    den: string | null;
  }>(sql`
    select i.org_id, i.key, i.num, i.den from assessment_items i join orgs o on o.id = i.org_id
     where i.month = ${b.month} and o.path like ${`${org?.path ?? '/'}%`}
       and (o.parent_id = ${Number(b.orgId)} or exists (select 1 from assessment_scores s
             where s.month = ${b.month} and s.org_id = o.id and s.unit))`);
  const at = new Map(items.map((r) => [`${r.org_id}:${r.key}`, r]));
  const cells = (orgId: string) =>
    defs.map((d) => {
      const r = at.get(`${orgId}:${d.key}`);
      return figureText(
        { measure: d.measure, unit: d.unit.zh },
        r ? Number(r.num) : 0,
        r?.den == null ? null : Number(r.den),
      );
    });
  const head = (first: string[]) => [...first, ...defs.map((d) => d.label.zh)];
  const taken = new Set<string>();
  const style = (ws: ExcelJS.Worksheet, fixed: number) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1, xSplit: fixed }];
    ws.columns.forEach((c, i) => {
      c.width = i < fixed ? 22 : 16;
    });
  };

  const summary = wb.addWorksheet(sheetName('汇总', taken));
  summary.addRow(head(['排名', '党组织', '得分', '上月', '党支部数', '无记录党支部数']));
  for (const c of b.facts.children)
    summary.addRow([
      c.rank ?? '',
      c.name,
      c.score ?? '',
      c.previous ?? '',
      c.units,
      c.unitsEmpty,
      ...cells(c.orgId),
    ]);
  style(summary, 2);

  const { rows: units } = await db.execute<UnitLine & { child: string }>(sql`
    select s.org_id, o.name, p.name as parent_name, s.score, s.rank,
           split_part(substr(o.path, length(${org?.path ?? '/'}) + 1), '/', 1) as child
      from assessment_scores s join orgs o on o.id = s.org_id left join orgs p on p.id = o.parent_id
     where s.month = ${b.month} and s.unit and o.path like ${`${org?.path ?? '/'}%`}
     order by o.path`);
  const byChild = new Map<string, (UnitLine & { child: string })[]>();
  for (const u of units) {
    const list = byChild.get(u.child) ?? [];
    list.push(u);
    byChild.set(u.child, list);
  }
  for (const c of b.facts.children) {
    const list = byChild.get(c.orgId) ?? [];
    if (!list.length) continue;
    const ws = wb.addWorksheet(sheetName(c.name, taken));
    ws.addRow(head(['党支部', '所属党组织', '得分', '排名（同级）']));
    for (const u of list)
      ws.addRow([u.name, u.parent_name ?? '', u.score ?? '', u.rank ?? '', ...cells(String(u.org_id))]);
    style(ws, 2);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
