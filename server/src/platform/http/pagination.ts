import type { Page, PageQuery } from '../../../../contracts/common.ts';

/**
 * The one pagination helper: page/pageSize in, {items,total,page,pageSize} out. The caller gives
 * the page query (rows at limit/offset) and the count over the same filter.
 */
export async function paginate<T>(
  page: PageQuery,
  q: { rows: (limit: number, offset: number) => Promise<T[]>; count: () => Promise<{ n: number }[]> },
): Promise<Page<T>> {
  const [items, [{ n }]] = await Promise.all([
    q.rows(page.pageSize, (page.page - 1) * page.pageSize),
    q.count(),
  ]);
  return { items, total: n, page: page.page, pageSize: page.pageSize };
}
