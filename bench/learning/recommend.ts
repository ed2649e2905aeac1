import { sql } from 'drizzle-orm';
import { inTransaction, type Queryable } from '../../server/src/db/client.ts';
import { ancestorPaths } from '../../server/src/modules/learning/library/rules.ts';
import { refreshRecommendations } from '../../server/src/modules/learning/recommend/refresh.ts';
import {
  blendCandidates,
  HISTORY,
  hitRate,
  type Neighbour,
  ORG_WEIGHT,
  orgWeightFor,
  scoreCandidates,
} from '../../server/src/modules/learning/recommend/rules.ts';

const K = 10;
/** Fixed org weights for everyone (Infinity: favourites first), beside the one shipped (recommend/rules.ts orgWeightFor), to show the choice. */
const WEIGHTS = [0, 0.25, 0.5, 1, 2, 4, Number.POSITIVE_INFINITY];

class RolledBack extends Error {}

/**
 * `recommendHitRateAt10` and `popularityHitRateAt10` (issue 14): on the demo data in `db`, each
 * member with at least two finished courses has their last one (by finished_at) held out; the
 * nightly lists (course neighbours, popular courses) are computed from the rest only, inside a
 * transaction that is rolled back (the database is left as it was); then, for each such member:
 *  - recommend: what the member app would answer (recommend/recommend.ts) — the neighbours of
 *    their remaining history scored by recommend/rules.ts, filled up from the popularity lists —
 *    counting only published courses open to them and never one they finished;
 *  - popularity: the fallback alone: their org's most finished, then their parent's subtree's,
 *    then everyone's (same exclusions);
 * and a hit is the held-out course among the first ten. Also reported: CF alone (no filling) and
 * everyone's most finished alone. bench/learning.ts runs it on the city's data; any demo database will do.
 */
export async function recommendHitRates(db: Queryable) {
  let out: Awaited<ReturnType<typeof measure>> | null = null;
  try {
    await inTransaction(db, async (tx) => {
      out = await measure(tx);
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  if (!out) throw new Error('not measured');
  return out;
}

async function measure(db: Queryable) {
  await db.execute(sql`
    create temp table bench_held_out on commit drop as
    select distinct on (member_id) member_id, course_id from course_progress
     where finished_at is not null
       and member_id in (select member_id from course_progress where finished_at is not null
                          group by member_id having count(*) >= 2)
     order by member_id, finished_at desc, course_id desc`);
  const started = performance.now();
  await refreshRecommendations(
    db,
    sql`select p.member_id, p.course_id, p.finished_at from course_progress p
         where p.finished_at is not null
           and not exists (select 1 from bench_held_out h where h.member_id = p.member_id and h.course_id = p.course_id)`,
  );
  const refreshSeconds = (performance.now() - started) / 1000;

  const { rows: held } = await db.execute<{
    member_id: string;
    course_id: string;
    org_id: string;
    org_path: string;
  }>(
    sql`select h.member_id, h.course_id, m.org_id, m.org_path from bench_held_out h join members m on m.id = h.member_id`,
  );
  const { rows: rest } = await db.execute<{ member_id: string; course_id: string }>(sql`
    select p.member_id, p.course_id from course_progress p join bench_held_out h on h.member_id = p.member_id
     where p.finished_at is not null and p.course_id <> h.course_id
     order by p.member_id, p.finished_at desc, p.course_id desc`);
  const { rows: nrows } = await db.execute<{ course_id: string; neighbour_id: string; similarity: number }>(
    sql`select course_id, neighbour_id, similarity from course_neighbours`,
  );
  const { rows: prows } = await db.execute<{
    org_id: string;
    org_path: string;
    course_id: string;
    finishers: number;
  }>(
    sql`select org_id, org_path, course_id, finishers from course_popular order by org_id, finishers desc, course_id`,
  );
  const { rows: crows } = await db.execute<{ id: string; scope_path: string }>(
    sql`select id, scope_path from courses where status = 'published'`,
  );

  const scopeOf = new Map(crows.map((c) => [Number(c.id), c.scope_path]));
  const neighboursOf = new Map<number, Neighbour[]>();
  for (const r of nrows) {
    const n = {
      courseId: Number(r.course_id),
      neighbourId: Number(r.neighbour_id),
      similarity: Number(r.similarity),
      coFinishers: 0,
    };
    const list = neighboursOf.get(n.courseId);
    if (list) list.push(n);
    else neighboursOf.set(n.courseId, [n]);
  }
  const finishedBy = new Map<number, number[]>();
  for (const r of rest) {
    const m = Number(r.member_id);
    const list = finishedBy.get(m);
    if (list) list.push(Number(r.course_id));
    else finishedBy.set(m, [Number(r.course_id)]);
  }
  const popularOf = new Map<number, number[]>();
  const finishersOf = new Map<number, { courseId: number; finishers: number }[]>();
  const orgLists: { path: string; course: number; finishers: number }[] = [];
  for (const r of prows) {
    const o = Number(r.org_id);
    const list = popularOf.get(o);
    if (list) list.push(Number(r.course_id));
    else popularOf.set(o, [Number(r.course_id)]);
    const f = { courseId: Number(r.course_id), finishers: Number(r.finishers) };
    const flist = finishersOf.get(o);
    if (flist) flist.push(f);
    else finishersOf.set(o, [f]);
    if (o !== 0) orgLists.push({ path: r.org_path, course: Number(r.course_id), finishers: r.finishers });
  }
  // the orgs' lists in path order: a subtree's orgs are one run of it (found by halving, not by
  // reading 25,000 orgs' lists for each parent of a city)
  orgLists.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const firstAtOrAfter = (key: string) => {
    let lo = 0;
    let hi = orgLists.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (orgLists[mid].path < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const subtreeCache = new Map<string, number[]>();
  const subtree = (path: string) => {
    let list = subtreeCache.get(path);
    if (!list) {
      const sum = new Map<number, number>();
      for (let i = firstAtOrAfter(path); i < orgLists.length && orgLists[i].path.startsWith(path); i++) {
        const o = orgLists[i];
        sum.set(o.course, (sum.get(o.course) ?? 0) + o.finishers);
      }
      list = [...sum]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 200)
        .map(([c]) => c);
      subtreeCache.set(path, list);
    }
    return list;
  };

  const heldOut = new Map<number, number>();
  const answers = {
    recommend: new Map<number, number[]>(),
    cfOnly: new Map(),
    cfThenPopular: new Map<number, number[]>(),
    ...Object.fromEntries(WEIGHTS.map((w) => [`w${w}`, new Map<number, number[]>()])),
    popularity: new Map(),
    everywhere: new Map(),
  };
  for (const h of held) {
    const member = Number(h.member_id);
    heldOut.set(member, Number(h.course_id));
    const paths = ancestorPaths(h.org_path);
    const visible = (c: number) => paths.includes(scopeOf.get(c) ?? '');
    const finished = finishedBy.get(member) ?? [];
    const excluded = new Set(finished);
    const history = finished.slice(0, HISTORY);
    const scored = scoreCandidates(
      history,
      history.flatMap((c) => neighboursOf.get(c) ?? []),
      excluded,
    );
    const cf = scored
      .map((s) => s.courseId)
      .filter(visible)
      .slice(0, K);
    const orgPopular = (finishersOf.get(Number(h.org_id)) ?? []).filter((p) => !excluded.has(p.courseId));
    const blended = (w: number) =>
      blendCandidates(scored.slice(0, 200), orgPopular.slice(0, 200), w)
        .map((b) => b.courseId)
        .filter(visible)
        .slice(0, K);
    const parent = paths.length >= 2 ? paths[paths.length - 2] : null;
    const fallback = [
      popularOf.get(Number(h.org_id)) ?? [],
      parent ? subtree(parent) : [],
      popularOf.get(0) ?? [],
    ];
    const fill = (start: number[], lists: number[][]) => {
      const out = [...start];
      for (const list of lists)
        for (const c of list) {
          if (out.length >= K) return out;
          if (!excluded.has(c) && !out.includes(c) && visible(c)) out.push(c);
        }
      return out;
    };
    answers.cfOnly.set(member, cf);
    answers.cfThenPopular.set(member, fill(cf, fallback));
    answers.recommend.set(member, fill(blended(orgWeightFor(history.length)), fallback));
    for (const w of WEIGHTS)
      (answers as Record<string, Map<number, number[]>>)[`w${w}`].set(member, fill(blended(w), fallback));
    answers.popularity.set(member, fill([], fallback));
    answers.everywhere.set(member, fill([], [popularOf.get(0) ?? []]));
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    recommendHitRateAt10: r3(hitRate(answers.recommend, heldOut, K)),
    popularityHitRateAt10: r3(hitRate(answers.popularity, heldOut, K)),
    members: heldOut.size,
    recommend: {
      cfOnlyHitRateAt10: r3(hitRate(answers.cfOnly, heldOut, K)),
      cfThenPopularityHitRateAt10: r3(hitRate(answers.cfThenPopular, heldOut, K)),
      orgWeight: ORG_WEIGHT,
      byOrgWeight: Object.fromEntries(
        WEIGHTS.map((w) => [
          w,
          r3(hitRate((answers as Record<string, Map<number, number[]>>)[`w${w}`], heldOut, K)),
        ]),
      ),
      everyoneHitRateAt10: r3(hitRate(answers.everywhere, heldOut, K)),
      refreshSeconds: Math.round(refreshSeconds * 10) / 10,
    },
  };
}
