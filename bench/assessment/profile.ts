import pg from 'pg';
import type { Db } from '../../server/src/db/client.ts';
import type { Registry } from '../../server/src/modules/assessment/registry.ts';
import { computeMonth } from '../../server/src/modules/assessment/scoring/compute-month.ts';

/**
 * A month computed in-process (computeMonth itself, on the benchmark's own connection, the server
 * idle) with every statement timed: pg.Client's query is wrapped for the run, so each statement's
 * time is its round trip. Tells where a run's time goes — the modules' figures, or the scoring
 * (the tree's sums, the units' figures, scores and ranks) — which the API's one figure cannot.
 * The statements are named by their first words; the slowest are returned.
 */
export async function profileRun(db: Db, registry: Registry, month: string, full: boolean) {
  const spent: { sql: string; ms: number }[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    const text = typeof q === 'string' ? q : (q?.text ?? '');
    const t = performance.now();
    const out = original.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === 'function')
      (out as Promise<unknown>).then(
        () => spent.push({ sql: text, ms: performance.now() - t }),
        () => spent.push({ sql: text, ms: performance.now() - t }),
      );
    return out;
  };
  const t = performance.now();
  let run: Awaited<ReturnType<typeof computeMonth>>;
  try {
    run = await computeMonth(db, registry, month, { full, now: new Date() });
  } finally {
    proto.query = original;
  }
  const totalMs = performance.now() - t;
  const head = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 160);
  return {
    mode: run.mode,
    orgs: run.orgs,
    seconds: Math.round(totalMs) / 1000,
    statements: spent.length,
    slowest: [...spent]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((s) => ({ ms: Math.round(s.ms), sql: head(s.sql) })),
  };
}
