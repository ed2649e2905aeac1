import { call, clean, load } from '../lib.ts';

type Page = { items: { title: string }[]; total: number };

/** What members type: single words, synonyms, two words, a phrase the segmenter cuts differently. */
const QUERIES = [
  '党史',
  '中国共产党历史',
  '二十大精神',
  '乡村振兴',
  '三会一课',
  '党费标准',
  '发展党员流程',
  '廉政 警示教育',
  '直播带货',
  '学习笔记',
  '微党课',
  '共同富裕',
];

/**
 * `searchP95Ms` (issue 14: < 100 over 18,000 courses): GET /api/v1/learning/courses?q=… as the
 * demo member, the queries above in turn (the first page of ten, ranked), under load; a run counts
 * only when every request was answered 200 and every query finds something. autocannon reports
 * p97.5, at or above the p95 the target names, so a pass on it is a pass on p95. A first 10-second
 * run warms the server and is not counted.
 *
 * `base` is a running server with the city seed; `admin` the department admin's session (to count
 * the library), `member` the demo member's.
 */
export async function searchP95(base: string, admin: { cookie: string }, member: { cookie: string }) {
  const library = await call<Page>(base, admin.cookie, '/api/v1/courses?pageSize=1');
  if (library.total < 18_000) throw new Error(`the library holds ${library.total} courses, expected 18,000`);
  const found: Record<string, number> = {};
  for (const q of QUERIES) {
    const page = await call<Page>(
      base,
      member.cookie,
      `/api/v1/learning/courses?q=${encodeURIComponent(q)}&pageSize=10`,
    );
    if (!page.total) throw new Error(`the query ${q} finds nothing`);
    found[q] = page.total;
  }
  const run = () =>
    load({
      url: base,
      duration: 10,
      connections: 10,
      headers: { cookie: member.cookie },
      requests: QUERIES.map((q) => ({
        method: 'GET' as const,
        path: `/api/v1/learning/courses?q=${encodeURIComponent(q)}&pageSize=10`,
      })),
    });
  // a warm-up, as the heartbeat's: every pooled connection has planned and cached these once
  await run();
  const search = await run();
  if (!clean(search))
    throw new Error(`the search run had errors or non-2xx answers: ${JSON.stringify(search)}`);
  return { searchP95Ms: search.p97_5, search: { courses: library.total, queries: found, ...search } };
}
