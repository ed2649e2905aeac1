import type { z } from 'zod';
import type { ImportQuery, ImportResult } from '../../../../../contracts/exams/bank.ts';
import type { Parsed, QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, badRequest, fieldError } from '../../../platform/http/errors.ts';
import { categoryAt } from './categories.ts';
import { readBankWorkbook } from './excel.ts';
import { insertQuestions } from './questions.ts';
import { parseAiken, parseGift } from './readers.ts';
import { questionFlaw } from './rules.ts';
import { type CategoryRow, categoryFor } from './store.ts';

/** An import file: a GIFT or Aiken text or the Excel template. A bank is typed, not photographed. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

type Format = ImportResult['format'];
type Good = Extract<Parsed, { ok: true }>;
type Bad = Extract<Parsed, { ok: false }>;

const ZIP = Buffer.from('PK\x03\x04', 'latin1');

/** Which reader: .xlsx the template (checked by its bytes); .gift GIFT; .txt GIFT, or Aiken when it looks so. */
export function formatOf(filename: string, body: Buffer, asked?: Format): Format {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xlsx') {
    if (!body.subarray(0, 4).equals(ZIP))
      throw fieldError('file', { zh: '不是有效的 .xlsx 文件', en: 'not a valid .xlsx file' });
    return 'xlsx';
  }
  if (ext !== 'txt' && ext !== 'gift')
    throw fieldError('file', {
      zh: '请上传 GIFT（.txt/.gift）、Aiken（.txt）或 Excel 模板（.xlsx）文件',
      en: 'upload a GIFT (.txt/.gift), Aiken (.txt) or the Excel template (.xlsx)',
    });
  if (body.subarray(0, 4).equals(ZIP))
    throw fieldError('file', { zh: '文件内容不是文本', en: 'the file is not text' });
  if (ext === 'gift') return 'gift';
  if (asked && asked !== 'xlsx') return asked;
  const text = body.toString('utf8', 0, Math.min(body.length, 64 * 1024));
  // Aiken: choices "A." and a line "ANSWER: B", and none of GIFT's braces
  return /^ANSWER:\s*[A-Z]\s*$/m.test(text) && !/[{}]/.test(text) ? 'aiken' : 'gift';
}

/** The text of an upload: UTF-8 (its BOM dropped), or GB18030 as Notepad on a Chinese Windows saves. */
export function textOf(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** Reads the file and applies the bank's rules (rules.ts) to what parsed: a rule broken is a failure too. */
export async function readImport(filename: string, body: Buffer, asked?: Format) {
  const format = formatOf(filename, body, asked);
  let parsed: Parsed[];
  try {
    parsed =
      format === 'xlsx'
        ? await readBankWorkbook(body)
        : format === 'aiken'
          ? parseAiken(textOf(body))
          : parseGift(textOf(body));
  } catch (err) {
    if (err instanceof AppError) throw err;
    // a reader must report per question; a damaged workbook is the one thing that ends a read
    throw fieldError('file', { zh: '文件无法读取，请检查格式', en: 'the file cannot be read' });
  }
  const good: Good[] = [];
  const bad: Bad[] = [];
  for (const p of parsed) {
    if (!p.ok) {
      bad.push(p);
      continue;
    }
    const flaw = questionFlaw(p.question);
    if (flaw)
      bad.push({
        ok: false,
        index: p.index,
        line: p.line,
        name: p.question.name ?? p.question.stem.slice(0, 30),
        error: flaw.text,
      });
    else good.push(p);
  }
  return { format, good, bad };
}

const strip = (p: Good) => ({ index: p.index, line: p.line, category: p.category, question: p.question });
const stripBad = (p: Bad) => ({
  index: p.index,
  line: p.line,
  ...(p.name ? { name: p.name } : {}),
  error: p.error,
});

/**
 * 导入题目 into a category of a bank the caller keeps. Without `confirm`: a preview of every
 * question that parsed and every one that failed (index, line, why), nothing written. With it: all
 * the good ones in one transaction, categories of `$CATEGORY:` (or the 分类 column) made under the
 * chosen one — and only when none failed, or when told to skip the failed ones: an import is all or
 * nothing unless the admin has seen what is left out. Stateless: the client sends the file again.
 */
export async function importQuestions(
  ctx: Ctx,
  q: z.infer<typeof ImportQuery>,
  upload: { body: Buffer; filename: string },
): Promise<ImportResult> {
  const base = await categoryFor(ctx, ctx.db, Number(q.categoryId), 'question.manage');
  const { format, good, bad } = await readImport(upload.filename, upload.body, q.format);
  const preview = { format, good: good.map(strip), bad: bad.map(stripBad) };
  if (q.confirm !== '1') return { ...preview, written: null, categoriesCreated: 0 };
  if (!good.length)
    throw fieldError('file', { zh: '文件中没有可导入的题目', en: 'no question in the file can be imported' });
  const skipBad = q.skipBad === '1' || q.skipBad === 'true';
  if (bad.length && !skipBad)
    throw badRequest(
      'import_has_errors',
      {
        zh: `file：有 ${bad.length} 道题目无法导入，未写入任何题目；修正后重新导入，或选择跳过错误题目`,
        en: `file: ${bad.length} questions cannot be imported; nothing was written. Fix them, or skip them`,
      },
      preview.bad.map((b) => ({
        path: 'file',
        message: `第 ${b.line} 行：${b.error.zh}`,
        messageEn: b.error.en,
      })),
    );
  return inTransaction(ctx.db, async (tx) => {
    const category = await categoryFor(ctx, tx, base.id, 'question.manage', true);
    const made = { n: 0 };
    const at = new Map<string, CategoryRow>();
    const items: { category: CategoryRow; body: QuestionBody }[] = [];
    for (const p of good) {
      const key = p.category?.trim() ?? '';
      let c = at.get(key);
      if (!c) {
        c = key ? await categoryAt(ctx, tx, category, key, made) : category;
        at.set(key, c);
      }
      items.push({ category: c, body: p.question });
    }
    const rows = await insertQuestions(ctx, tx, items);
    await recordAudit(tx, ctx, {
      action: 'question.imported',
      targetType: 'question_category',
      targetId: category.id,
      orgId: category.orgId,
      orgPath: category.orgPath,
      after: {
        format,
        filename: upload.filename.slice(0, 200),
        written: rows.length,
        skipped: bad.length,
        categoriesCreated: made.n,
      },
    });
    return { ...preview, written: rows.length, categoriesCreated: made.n };
  });
}
