import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.ts';
import { pick } from './indicators.ts';

type Admin = { cookie: string; csrf: string };

const p95 = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] * 10) / 10 : null;
};
const p50 = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor(s.length / 2)] * 10) / 10 : null;
};

/**
 * The scored month as the dashboard reads it: the ranking of an org's children
 * (GET …/rankings?orgId=) and an org's score explained (GET …/orgs/:id), over random subtrees of
 * every level — the root, districts, towns (depth 2), 党支部 — as the admin. Each request is timed
 * from send to the whole body read; a non-2xx answer stops the run. First one at a time, then 8 at
 * a time (the same number of requests).
 */
export async function dashboard(db: Db, base: string, admin: Admin, month: string, perLevel = 50) {
  const { rows } = await db.execute<{ id: string; depth: number; kind: string }>(
    sql`select id, depth, kind from orgs where depth <= 2 or kind = 'branch'`,
  );
  const ids = (f: (r: { depth: number; kind: string }) => boolean) => rows.filter(f).map((r) => String(r.id));
  const levels = {
    root: ids((r) => r.depth === 0),
    district: pick(
      ids((r) => r.depth === 1),
      perLevel,
    ),
    town: pick(
      ids((r) => r.depth === 2),
      perLevel,
    ),
    branch: pick(
      ids((r) => r.kind === 'branch' && r.depth > 2),
      perLevel,
    ),
  };
  const urls: { kind: 'rankings' | 'org'; url: string }[] = [];
  for (const [level, list] of Object.entries(levels))
    for (const id of level === 'root' ? Array(perLevel).fill(list[0]) : list)
      urls.push(
        { kind: 'rankings', url: `/api/v1/assessment/months/${month}/rankings?orgId=${id}` },
        { kind: 'org', url: `/api/v1/assessment/months/${month}/orgs/${id}` },
      );

  const one = async (u: (typeof urls)[number]) => {
    const t = performance.now();
    const res = await fetch(`${base}${u.url}`, { headers: { cookie: admin.cookie } });
    const body = await res.text();
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`GET ${u.url}: ${res.status} ${body.slice(0, 300)}`);
    return { kind: u.kind, ms };
  };
  // warm-up: one of each kind, so the first figure is not the server's first sight of the tables
  await one(urls[0]);
  await one(urls[1]);

  const sequential: { kind: string; ms: number }[] = [];
  for (const u of urls) sequential.push(await one(u));

  const concurrent: { kind: string; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < urls.length) concurrent.push(await one(urls[next++]));
    }),
  );
  const of = (list: { kind: string; ms: number }[], kind?: string) =>
    list.filter((x) => !kind || x.kind === kind).map((x) => x.ms);
  return {
    dashboardP95Ms: p95(of(sequential)),
    dashboard: {
      requests: urls.length,
      levels: Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, v.length])),
      sequential: {
        p50Ms: p50(of(sequential)),
        p95Ms: p95(of(sequential)),
        rankingsP95Ms: p95(of(sequential, 'rankings')),
        orgP95Ms: p95(of(sequential, 'org')),
      },
      concurrency8: {
        p50Ms: p50(of(concurrent)),
        p95Ms: p95(of(concurrent)),
        rankingsP95Ms: p95(of(concurrent, 'rankings')),
        orgP95Ms: p95(of(concurrent, 'org')),
      },
    },
  };
}
