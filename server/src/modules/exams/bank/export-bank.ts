import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { questions } from '../schema.ts';
import { writeBankWorkbook, XLSX_TYPE } from './excel.ts';
import { writeGift } from './readers.ts';
import { categoryFor, pathNames, subtreeOf } from './store.ts';

/**
 * 导出: a category and everything below it, as the Excel template (what was imported reads back)
 * or as GIFT. Subcategories are written relative to the chosen one (the 分类 column, `$CATEGORY:`),
 * so importing the file under another category rebuilds the same tree there.
 */
export async function exportCategory(ctx: Ctx, id: number, format: 'xlsx' | 'gift') {
  const root = await categoryFor(ctx, ctx.db, id, 'question.view');
  const tree = await subtreeOf(ctx.db, root);
  const rows = await ctx.db
    .select()
    .from(questions)
    .where(
      and(
        inArray(
          questions.categoryId,
          tree.map((c) => c.id),
        ),
        eq(questions.status, 'active'),
      ),
    )
    .orderBy(asc(questions.categoryId), asc(questions.id));
  const prefix = pathNames(tree, root.id);
  const items = rows.map((q) => {
    const full = pathNames(tree, q.categoryId);
    const rel = full === prefix ? null : full.slice(prefix.length + 1);
    return { category: rel, question: q.body };
  });
  const stamp = ctx.now().toISOString().slice(0, 10);
  if (format === 'gift')
    return {
      body: Buffer.from(writeGift(items), 'utf8'),
      type: 'text/plain; charset=utf-8',
      filename: `题库-${root.name}-${stamp}.gift.txt`,
    };
  return {
    body: await writeBankWorkbook(items),
    type: XLSX_TYPE,
    filename: `题库-${root.name}-${stamp}.xlsx`,
  };
}
