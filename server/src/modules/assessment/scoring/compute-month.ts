import { type SQL, sql } from 'drizzle-orm';
import type { Scheme } from '../../../../../contracts/assessment/scheme.ts';
import { type Db, inTransaction, type Tx } from '../../../db/client.ts';
import { conflict } from '../../../platform/http/errors.ts';
import type { IndicatorMonth } from '../../../platform/module.ts';
import { shanghaiMonthRange } from '../../../platform/time.ts';
import type { Registry } from '../registry.ts';
import { currentScheme } from '../scheme/store.ts';
import { scoreUnit } from '../scheme/rules.ts';

export type RunSummary = { mode: 'full' | 'incremental'; orgs: number; ms: number };

export const monthClosed = (month: string) =>
  conflict('month_closed', {
    zh: `${month} 的考核已关闭，须先说明原因重新开启才能重算`,
    en: `${month} is closed; reopen it with a reason before recomputing`,
  });

/**
 * Computes a month (考核计分): every indicator's figures, then every org's score and rank. One
 * transaction, so readers see the last run's results until this one commits, and under a lock per
 * month, so two runs never interleave.
 *
 * Incremental by default: the modules are asked again only for the orgs that were written to
 * since the last run (every write is audited with its org, ARCHITECTURE.md), and the tree's
 * sums, scores and ranks are redone from the kept figures (set-based SQL). `full` asks the
 * modules for every org: the nightly run, and the first run of a month.
 *
 * Reproducible: the modules' figures depend only on the month's records, the scores only on the
 * figures, the scheme and the adjustments; the same inputs give the identical rows.
 */
export async function computeMonth(
  db: Db,
  registry: Registry,
  month: string,
  opts: { full: boolean; now: Date; audit?: (tx: Tx, run: RunSummary) => Promise<void> },
): Promise<RunSummary> {
  const started = performance.now();
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assessment:${month}`}))`);
    await tx.execute(sql`insert into assessment_months (month) values (${month}) on conflict do nothing`);
    const {
      rows: [state],
    } = await tx.execute<{
      state: string;
      audit_mark: string;
      computed_at: Date | null;
      scheme: Scheme | null;
    }>(sql`select state, audit_mark, computed_at, scheme from assessment_months where month = ${month}`);
    if (state.state === 'closed') throw monthClosed(month);
    const {
      rows: [{ mark }],
    } = await tx.execute<{ mark: string }>(sql`select coalesce(max(id), 0) as mark from audit_log`);
    const full = opts.full || !state.computed_at;
    let changed: number[] | undefined;
    let moved = false;
    let rescored: number[] = [];
    if (!full) {
      // the assessment's own writes (runs, adjustments, bulletins) change no module's figures
      const { rows } = await tx.execute<{ org_id: string; action: string }>(sql`
        select distinct org_id, action from audit_log
         where id > ${state.audit_mark} and id <= ${mark} and org_id is not null
           and (action not like 'assessment.%' or action = 'assessment.adjusted')`);
      changed = [
        ...new Set(rows.filter((r) => r.action !== 'assessment.adjusted').map((r) => Number(r.org_id))),
      ];
      // an adjustment changes its org's score, not its figures
      rescored = [...new Set(rows.map((r) => Number(r.org_id)))];
      // an org moved or removed changes sums of orgs no longer above it: those are redone whole
      moved = rows.some(
        (r) => r.action === 'org.moved' || r.action === 'org.deleted' || r.action === 'org.created',
      );
    }
    const m: IndicatorMonth = { month, ...shanghaiMonthRange(month) };
    if (!changed || changed.length) await refreshFigures(tx, registry, m, changed);
    const scheme = await currentScheme(tx, registry);
    // the orgs whose sums can have changed: those written to and every org above them; all of
    // them when the scheme is not the one the month was last scored with (every point moves)
    const sameScheme = canonical(state.scheme) === canonical(scheme);
    const scope = changed && !moved && sameScheme ? await withAncestors(tx, rescored) : undefined;
    await scoreMonth(tx, registry, month, scheme, scope);
    const run: RunSummary = {
      mode: full ? 'full' : 'incremental',
      orgs: changed?.length ?? (await orgCount(tx)),
      ms: Math.round(performance.now() - started),
    };
    await tx.execute(sql`
      update assessment_months
         set scheme = ${JSON.stringify(scheme)}::jsonb, audit_mark = ${mark}, computed_at = ${opts.now},
             last_run = ${JSON.stringify(run)}::jsonb
       where month = ${month}`);
    await opts.audit?.(tx, run);
    return run;
  });
}

/** JSON with every object's keys in order: a jsonb value read back compares equal to the one written. */
const canonical = (v: unknown) =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

/** The orgs and every org above them (ids from their paths). */
async function withAncestors(tx: Tx, orgIds: number[]): Promise<number[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select distinct a.id from orgs o
     cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')::int8[]) as a(id)
     where o.id = any(${sql.param(orgIds)}::int8[])`);
  return rows.map((r) => Number(r.id));
}

async function orgCount(tx: Tx) {
  const { rows } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from orgs`);
  return rows[0].n;
}

/** Asks each module for its figures (all orgs, or only `orgIds`) and keeps them. */
async function refreshFigures(tx: Tx, registry: Registry, m: IndicatorMonth, orgIds?: number[]) {
  if (!orgIds) {
    // figures of an indicator no longer offered (its module switched off) go with the full run
    await tx.execute(sql`
      delete from assessment_values
       where month = ${m.month} and key <> all(${sql.param(registry.all.map((d) => d.key))}::text[])`);
  }
  for (const def of registry.all) {
    const values = await def.compute(tx, m, orgIds);
    await tx.execute(
      orgIds
        ? sql`delete from assessment_values where month = ${m.month} and key = ${def.key}
                and org_id = any(${sql.param(orgIds)}::int8[])`
        : sql`delete from assessment_values where month = ${m.month} and key = ${def.key}`,
    );
    const kept = values.filter((v) => v.num !== 0 || (v.den ?? 0) !== 0);
    if (!kept.length) continue;
    await tx.execute(sql`
      insert into assessment_values (month, key, org_id, num, den)
      select ${m.month}, ${def.key}, o, n, d
        from unnest(${sql.param(kept.map((v) => v.orgId))}::int8[], ${sql.param(kept.map((v) => v.num))}::numeric[],
                    ${sql.param(kept.map((v) => v.den ?? null))}::numeric[]) as v(o, n, d)`);
  }
}

/**
 * The 党支部 scored directly ("units"): every 党支部, and any other org but a 党小组 with no
 * child org other than 党小组 (a 党总支 or 党委 that holds its members itself). A unit's figures are
 * those of its own subtree (itself and its 党小组).
 */
const UNITS = sql`
  select o.id, o.path from orgs o
   where o.kind <> 'group'
     and (o.kind = 'branch' or not exists (select 1 from orgs c where c.parent_id = o.id and c.kind <> 'group'))`;

/** Every org's sums, every unit's points and score, every org's mean score and rank, from the kept figures. */
async function scoreMonth(tx: Tx, registry: Registry, month: string, scheme: Scheme, scope?: number[]) {
  // the per-indicator rows are rewritten only for the orgs in `scope` (all when there is none):
  // the others' inputs did not change, so their rows stand as the last run left them
  const inScope = (column: SQL) => (scope ? sql`${column} = any(${sql.param(scope)}::int8[])` : sql`true`);
  const { rows } = await tx.execute<{ unit: string; key: string; num: string; den: string | null }>(sql`
    with u as (${UNITS})
    -- each figure counts for the units on its org's path (itself, or the 党支部 above its 党小组):
    -- up from the figure through its path, never every unit against every org
    select u.id as unit, v.key, sum(v.num) as num, sum(v.den) as den
      from assessment_values v
      join orgs o on o.id = v.org_id
      cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')::int8[]) as a(id)
      join u on u.id = a.id
     where v.month = ${month} and ${inScope(sql`a.id`)}
     group by u.id, v.key`);
  const { rows: unitRows } = await tx.execute<{ id: string }>(
    sql`select id from (${UNITS}) u where ${inScope(sql`u.id`)}`,
  );
  const { rows: adj } = await tx.execute<{ org_id: string; points: number }>(sql`
    select org_id, sum(points)::float8 as points from assessment_adjustments where month = ${month} group by org_id`);
  const adjustments = new Map(adj.map((a) => [Number(a.org_id), a.points]));

  const figures = new Map<number, Map<string, { num: number; den: number | null }>>();
  for (const u of unitRows) figures.set(Number(u.id), new Map());
  for (const r of rows)
    figures
      .get(Number(r.unit))
      ?.set(r.key, { num: Number(r.num), den: r.den == null ? null : Number(r.den) });

  // "nothing at all": no event counted this month (an activity, a post, a session approved…)
  const events = registry.all.filter((d) => d.measure === 'count' && (d.better ?? 'higher') === 'higher');
  const defs = new Map(registry.all.map((d) => [d.key, d]));
  const unitIds: number[] = [];
  const unitScores: number[] = [];
  const unitEmpty: boolean[] = [];
  const pOrg: number[] = [];
  const pKey: string[] = [];
  const pPoints: (number | null)[] = [];
  const pMet: boolean[] = [];
  for (const [id, f] of figures) {
    const s = scoreUnit(scheme, defs, f, adjustments.get(id) ?? 0);
    unitIds.push(id);
    unitScores.push(s.score);
    unitEmpty.push(!events.some((d) => (f.get(d.key)?.num ?? 0) > 0));
    for (const [key, points] of s.points) {
      pOrg.push(id);
      pKey.push(key);
      pPoints.push(points);
      pMet.push(s.met.has(key));
    }
  }
  await tx.execute(sql`
    create temporary table assessment_units on commit drop as
    select * from unnest(${sql.param(unitIds)}::int8[], ${sql.param(unitScores)}::float8[], ${sql.param(unitEmpty)}::bool[])
      as u(id, score, empty)
    ${
      scope
        ? sql`union all
    select s.org_id, s.score, s.units_empty > 0 from assessment_scores s
     where s.month = ${month} and s.unit and not (${inScope(sql`s.org_id`)})`
        : sql``
    }`);
  await tx.execute(sql`
    create temporary table assessment_unit_points on commit drop as
    select * from unnest(${sql.param(pOrg)}::int8[], ${sql.param(pKey)}::text[], ${sql.param(pPoints)}::float8[],
                         ${sql.param(pMet)}::bool[]) as p(id, key, points, met)`);

  // every org's sums over its subtree: each figure counts for its org and every ancestor
  await tx.execute(sql`delete from assessment_items where month = ${month} and ${inScope(sql`org_id`)}`);
  await tx.execute(sql`
    insert into assessment_items (month, org_id, key, num, den)
    select ${month}, a.id, v.key, sum(v.num), sum(v.den)
      from assessment_values v
      join orgs o on o.id = v.org_id
      cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')::int8[]) as a(id)
     where v.month = ${month} and ${inScope(sql`a.id`)}
     group by a.id, v.key`);
  // a unit's points on each scored item (a row even when it recorded nothing: 0 of the target)
  await tx.execute(sql`
    insert into assessment_items (month, org_id, key, num, den, points, met)
    select ${month}, p.id, p.key, 0, null, p.points, case when p.points is null then null else p.met::int end
      from assessment_unit_points p
    on conflict (month, org_id, key) do update set points = excluded.points, met = excluded.met`);
  // above a unit: how many units below met each scored item's target, from every unit's row
  // (those out of scope as the last run left them; the unit set is the same, or the run is full)
  const keys = scheme.items.map((i) => i.key);
  await tx.execute(sql`
    insert into assessment_items (month, org_id, key, num, den, met)
    select ${month}, a.id, i.key, 0, null, count(*) filter (where i.met = 1)::int
      from ${scope ? sql`assessment_scores s join assessment_items i on i.month = s.month and i.org_id = s.org_id` : sql`assessment_units s join assessment_items i on i.month = ${month} and i.org_id = s.id`}
      join orgs o on o.id = i.org_id
      cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')::int8[]) as a(id)
     where ${scope ? sql`s.month = ${month} and s.unit and` : sql``} i.key = any(${sql.param(keys)}::text[])
       and a.id <> i.org_id and ${inScope(sql`a.id`)}
     group by a.id, i.key
    on conflict (month, org_id, key) do update set met = excluded.met`);

  // every org's score: a unit's own; above, the mean of the units below, and its own adjustments
  await tx.execute(sql`delete from assessment_scores where month = ${month}`);
  await tx.execute(sql`
    with below as (
      select a.id, count(*)::int as units, count(*) filter (where u.empty)::int as empty,
             round(avg(u.score::numeric), 2)::float8 as mean
        from assessment_units u
        join orgs o on o.id = u.id
        cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')::int8[]) as a(id)
       group by a.id),
    adj as (select org_id, sum(points) as points from assessment_adjustments where month = ${month} group by org_id)
    insert into assessment_scores (month, org_id, parent_id, unit, score, units, units_empty)
    select ${month}, o.id, o.parent_id, u.id is not null,
           case when u.id is not null then u.score
                when b.mean is not null then round((b.mean + coalesce(adj.points, 0))::numeric, 2)::float8 end,
           coalesce(b.units, 0), coalesce(b.empty, 0)
      from orgs o
      left join assessment_units u on u.id = o.id
      left join below b on b.id = o.id
      left join adj on adj.org_id = o.id`);
  await tx.execute(sql`
    update assessment_scores s set rank = r.rank
      from (select org_id, rank() over (partition by parent_id order by score desc) as rank
              from assessment_scores where month = ${month} and score is not null) r
     where s.month = ${month} and s.org_id = r.org_id`);
}
