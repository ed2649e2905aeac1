import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.ts';
import type { Registry } from '../../server/src/modules/assessment/registry.ts';
import { scoreUnit } from '../../server/src/modules/assessment/scheme/rules.ts';
import { currentScheme } from '../../server/src/modules/assessment/scheme/store.ts';
import type { IndicatorMonth } from '../../server/src/platform/module.ts';

const seconds = (t: number) => Math.round((performance.now() - t) / 10) / 100;

/**
 * Each indicator's compute over the whole city on its own (what a full run asks of the modules,
 * one statement or a few each), slowest first: where the full run's time goes. Run in-process on
 * a second connection while the server is idle, after the full run (so the caches are as warm as
 * the run's own second half).
 */
export async function timeEachIndicator(db: Db, registry: Registry, m: IndicatorMonth) {
  const each: { key: string; seconds: number; orgs: number }[] = [];
  for (const def of registry.all) {
    const t = performance.now();
    const values = await def.compute(db, m);
    each.push({ key: def.key, seconds: seconds(t), orgs: values.length });
  }
  each.sort((a, b) => b.seconds - a.seconds);
  return each;
}

/** A sample of orgs, the same for the same seed (a linear congruential pick, no Math.random). */
export function pick<T>(items: readonly T[], n: number, seed = 18): T[] {
  const pool = [...items];
  let s = seed;
  const out: T[] = [];
  while (out.length < n && pool.length) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    out.push(pool.splice(s % pool.length, 1)[0]);
  }
  return out;
}

/**
 * The month computed the straightforward way: org by org, every indicator asked for that one org
 * (compute(db, m, [orgId]), each module's own per-org path), then the org scored from its figures
 * (scoreUnit). A city takes hours that way, so a random sample of orgs is timed and the time per
 * org multiplied by the number of orgs. It leaves out the tree's sums and ranks the full run also
 * does, so the extrapolation is the naive way's lower bound.
 */
export async function naiveSample(db: Db, registry: Registry, m: IndicatorMonth, sampleOrgs: number) {
  const { rows } = await db.execute<{ id: string }>(sql`select id from orgs order by id`);
  const orgs = pick(
    rows.map((r) => Number(r.id)),
    sampleOrgs,
  );
  const scheme = await currentScheme(db, registry);
  const defs = new Map(registry.all.map((d) => [d.key, d]));
  const perIndicator = new Map<string, number>();
  const t = performance.now();
  for (const orgId of orgs) {
    const figures = new Map<string, { num: number; den: number | null }>();
    for (const def of registry.all) {
      const ti = performance.now();
      const values = await def.compute(db, m, [orgId]);
      perIndicator.set(def.key, (perIndicator.get(def.key) ?? 0) + (performance.now() - ti));
      for (const v of values) if (v.orgId === orgId) figures.set(def.key, { num: v.num, den: v.den ?? null });
    }
    scoreUnit(scheme, defs, figures, 0);
  }
  const sampleSeconds = seconds(t);
  const perOrg = sampleSeconds / orgs.length;
  return {
    naiveSampleOrgs: orgs.length,
    naiveSampleSeconds: sampleSeconds,
    naiveSecondsPerOrg: Math.round(perOrg * 10_000) / 10_000,
    naiveSeconds: Math.round(perOrg * rows.length),
    naiveExtrapolated: true,
    naiveOrgs: rows.length,
    // the per-org paths that cost most, milliseconds per org
    naiveMsPerOrgByIndicator: Object.fromEntries(
      [...perIndicator]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, ms]) => [k, Math.round((ms / orgs.length) * 10) / 10]),
    ),
  };
}
