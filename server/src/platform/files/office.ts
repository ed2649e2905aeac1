import { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

// The pieces every Word document the platform writes is built from (survey reports, election
// result sheets, the assessment's bulletin): 宋体 text, plain full-width tables, numbered
// headings, and the names and media types the downloads go out under.

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text as official documents set it: 宋体, 12 pt (size in half-points) unless told. */
export const docxText = (t: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text: t, font: opts.font ?? 'SimSun', size: opts.size ?? 24, bold: opts.bold });

export const docxCell = (t: string, opts: { bold?: boolean; size?: number } = {}) =>
  new TableCell({ children: [new Paragraph({ children: [docxText(t, opts)] })] });

/** A full-width table; with `head`, its first row is repeated on every page. */
export const docxTable = (head: string[] | null, rows: string[][], size?: number) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(head
        ? [new TableRow({ tableHeader: true, children: head.map((h) => docxCell(h, { bold: true, size })) })]
        : []),
      ...rows.map((r) => new TableRow({ children: r.map((c) => docxCell(c, { size })) })),
    ],
  });

export const docxHeading = (
  t: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
  opts: { font?: string } = {},
) =>
  new Paragraph({
    heading: level,
    spacing: { before: 240, after: 120 },
    children: [docxText(t, { bold: true, size: 28, font: opts.font })],
  });

/** Lines of plain text, one paragraph each (an empty text gives `empty`). */
export const docxLines = (t: string, empty = '', opts: { indent?: boolean } = {}) =>
  (t.trim() || empty)
    .split(/\r?\n/)
    .filter((line, i, all) => line.trim() || all.length === 1)
    .map(
      (line) =>
        new Paragraph({
          indent: opts.indent ? { firstLine: 480 } : undefined,
          spacing: { after: 60 },
          children: [docxText(line)],
        }),
    );

/** A title fit for a file name on every system (Chinese kept, separators and spaces replaced). */
export const fileSafeName = (t: string) => t.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
