import type { Page, PageQuery } from '../../../../contracts/common.ts';

/**
 * The one pagination helper: page/pageSize in, {items,total,page,pageSize} out. The caller gives
 * the page query (rows at limit/offset) and the count over the same filter. When the page query
 * carries the total itself (the count as a scalar subquery of the same statement: one round trip
 * where a round trip costs more than the count), `totalIn` reads it there, and the count runs on
 * its own only for a page past the end, which has no row to carry it.
 */
export async function paginate<T>(
  page: PageQuery,
  q: {
    rows: (limit: number, offset: number) => Promise<T[]>;
    count: () => Promise<{ n: number }[]>;
    totalIn?: (row: T) => number;
  },
): Promise<Page<T>> {
  const limit = page.pageSize;
  const offset = (page.page - 1) * page.pageSize;
  if (q.totalIn) {
    const items = await q.rows(limit, offset);
    const total = items.length ? q.totalIn(items[0]) : (await q.count())[0].n;
    return { items, total, page: page.page, pageSize: page.pageSize };
  }
  const [items, [{ n }]] = await Promise.all([q.rows(limit, offset), q.count()]);
  return { items, total: n, page: page.page, pageSize: page.pageSize };
}
