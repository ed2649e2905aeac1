import sanitizeHtml from 'sanitize-html';
import type { Period, ThoughtReportFrequency } from '../../../../../contracts/life/thought-reports.ts';
import { PERIOD_PATTERN, periodWords } from '../../../../../contracts/life/thought-reports.ts';
import { addDays, periodOf as calendarPeriod } from '../../../platform/time.ts';
import { documentFormatOf, type ImageFormat } from '../../../platform/files/formats.ts';

/**
 * The rules of 思想汇报, pure. Who must hand them in is the members module's
 * (mustHandInThoughtReports: 入党积极分子、发展对象 — 发展党员工作细则第十条、第十一条; 预备党员 —
 * 细则第三十一条, 听取本人汇报); how often is the branch's (a department default, quarterly).
 */

/**
 * The period a day (YYYY-MM-DD, Asia/Shanghai) falls in, at a frequency: calendar months,
 * quarters (Q1 = January–March) and half years (H1 = January–June), as branches plan their year —
 * the same calendar periods the activities are counted in (platform/time.ts), with the last day.
 */
export function periodOf(day: string, frequency: ThoughtReportFrequency): Period {
  const p = calendarPeriod(frequency, day)!;
  return { label: p.label, frequency, start: p.start, last: addDays(p.next, -1) };
}

/** The period a label names (2026-11, 2026-Q4, 2026-H2); null for anything else. */
export function periodNamed(label: string): Period | null {
  const m = PERIOD_PATTERN.exec(label);
  if (!m) return null;
  const [, year, month, quarter, half] = m;
  if (month) return periodOf(`${year}-${month}-01`, 'monthly');
  if (quarter)
    return periodOf(`${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}-01`, 'quarterly');
  return periodOf(`${year}-${half === '1' ? '01' : '07'}-01`, 'half_yearly');
}

/** The period before one, at the same frequency. */
export const previousPeriod = (p: Period): Period => periodOf(addDays(p.start, -1), p.frequency);

/** The period of a frequency that ends in a month (YYYY-MM), if one does: the month counts it. */
export function periodEndingIn(month: string, frequency: ThoughtReportFrequency): Period | null {
  const p = periodOf(`${month}-01`, frequency);
  return p.last.slice(0, 7) === month ? p : null;
}

/** The title a report gets when the writer gives none: 2026年第四季度思想汇报. */
export const defaultTitle = (period: string) => `${periodWords(period)}思想汇报`;

/**
 * Is a report due from this writer for this period? They must have been a writer the whole
 * period: at a writing stage when it began (an activist named, a probationer admitted in the
 * middle of a quarter starts with the next one) and not yet full when it ended (a probationer who
 * became full during it is not asked for it). Dates not on file do not excuse anyone.
 */
export function isDue(w: { writerFrom: string | null; writerUntil: string | null }, p: Period): boolean {
  return (
    (w.writerFrom == null || w.writerFrom <= p.start) && (w.writerUntil == null || w.writerUntil > p.last)
  );
}

/** A due report not handed in: still due while its period runs, missing once it is over. */
export function dueState(p: Pick<Period, 'last'>, today: string): 'due' | 'missing' {
  return today > p.last ? 'missing' : 'due';
}

/**
 * One report per writer and period. Handing in again replaces a report the branch has not yet
 * reviewed — a writer who sent a draft too early or forgot the attachment corrects it, and the
 * branch reads one report, the latest — and is refused once the branch has reviewed it (the
 * comment answers what was read). A report is for the period now running: a missed period stays
 * missing, so the count of missing reports cannot be mended afterwards.
 */
export function handInDecision(existing: { reviewedAt: Date | null } | null): 'new' | 'replace' | 'closed' {
  if (!existing) return 'new';
  return existing.reviewedAt ? 'closed' : 'replace';
}

// ── the text and the attachment ─────────────────────────────────────────────────────────────

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * A report is plain text. Markup pasted into it (a script, an element with an event handler) is
 * removed by a maintained sanitizer, repeated until nothing changes, so escaped markup cannot come
 * back as markup either; what remains is shown as text. Line breaks are kept, surrounding space
 * trimmed.
 */
export function plainText(input: string): string {
  let s = input.replace(/\r\n?/g, '\n');
  for (let i = 0; i < 5; i++) {
    const next = sanitizeHtml(s, { allowedTags: [], allowedAttributes: {} }).replace(
      /&(amp|lt|gt|quot|#39);/g,
      (e) => ENTITIES[e],
    );
    if (next === s) break;
    s = next;
  }
  return s.trim();
}

/** The first lines of a report, for a list. */
export const excerptOf = (body: string, n = 80) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

/** An attachment: a scan or photo of a handwritten report, or the document itself. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentKind = { ext: string; type: string };

const IMAGE: Record<ImageFormat, AttachmentKind> = {
  jpeg: { ext: 'jpg', type: 'image/jpeg' },
  png: { ext: 'png', type: 'image/png' },
  gif: { ext: 'gif', type: 'image/gif' },
  webp: { ext: 'webp', type: 'image/webp' },
};
const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const OLE: Record<string, string> = {
  doc: 'application/msword',
  wps: 'application/vnd.ms-works',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/**
 * What the bytes are, by their signature (platform/files documentFormatOf), never by the name or
 * the type the browser claims: a PDF, a Word or WPS document (new or old format) or a picture. The
 * name only tells which kind of Office file it is. An executable renamed .pdf or .jpg is none.
 */
export function attachmentKind(body: Buffer, name = ''): AttachmentKind | null {
  const format = documentFormatOf(body);
  if (!format) return null;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (format === 'pdf') return { ext: 'pdf', type: 'application/pdf' };
  if (format === 'ooxml') return ext in OOXML ? { ext, type: OOXML[ext] } : { ext: 'docx', type: OOXML.docx };
  if (format === 'ole') return ext in OLE ? { ext, type: OLE[ext] } : { ext: 'doc', type: OLE.doc };
  return IMAGE[format];
}

const starts = (b: Buffer, bytes: number[]) => b.length >= bytes.length && bytes.every((x, i) => b[i] === x);

/** Programs by their signature (Windows, Linux, macOS, scripts): named in the refusal. */
export function isExecutable(body: Buffer): boolean {
  return (
    starts(body, [0x4d, 0x5a]) || // MZ: .exe, .dll
    starts(body, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    starts(body, [0xcf, 0xfa, 0xed, 0xfe]) ||
    starts(body, [0xce, 0xfa, 0xed, 0xfe]) || // Mach-O
    starts(body, [0xca, 0xfe, 0xba, 0xbe]) ||
    starts(body, [0x23, 0x21]) // #!
  );
}

/** The file name as the writer gave it, without a path and control characters, at most 100 characters. */
export function cleanFileName(name: string | undefined, kind: AttachmentKind): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim()
    .slice(-100);
  const withoutExt = base.replace(/\.[^.]*$/, '');
  return `${withoutExt || '思想汇报附件'}.${kind.ext}`;
}
