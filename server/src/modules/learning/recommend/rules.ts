/**
 * 为你推荐: item-based collaborative filtering over finished courses. Two courses are alike when
 * the same members finished both: cosine similarity = |finished both| / √(|finished a|·|finished b|).
 * A member's candidates are the neighbours of what they finished, each scored by the sum of its
 * similarities to those courses; what they finished or dismissed is never offered. The job
 * (refresh.ts) computes the same in SQL for the whole library; these are the rules it follows,
 * and what the benchmark scores with.
 */

/** Neighbours kept per course: enough for a member's top ten after exclusions and scope. */
export const NEIGHBOURS = 30;
/**
 * A member's history counts only its most recent finished courses: the pairs a member adds grow
 * with the square of their history, and a very long one says little about any one course.
 */
export const HISTORY = 50;
/** A pair finished together by a single member is chance, not likeness: at least this many. */
export const MIN_CO_FINISHERS = 2;

export type Finished = { memberId: number; courseId: number; finishedAt: Date };
export type Neighbour = { courseId: number; neighbourId: number; similarity: number; coFinishers: number };

export const cosine = (both: number, a: number, b: number) => (a > 0 && b > 0 ? both / Math.sqrt(a * b) : 0);

/** Each member's most recent `HISTORY` finished courses (latest first; ties: the larger id first). */
export function recentHistories(rows: readonly Finished[], cap = HISTORY): Map<number, number[]> {
  const by = new Map<number, Finished[]>();
  for (const r of rows) by.set(r.memberId, [...(by.get(r.memberId) ?? []), r]);
  const out = new Map<number, number[]>();
  for (const [m, list] of by) {
    list.sort((x, y) => y.finishedAt.getTime() - x.finishedAt.getTime() || y.courseId - x.courseId);
    out.set(
      m,
      list.slice(0, cap).map((r) => r.courseId),
    );
  }
  return out;
}

/** Every course's top `n` neighbours (best first; ties: the smaller id first): what the job stores. */
export function neighboursOf(rows: readonly Finished[], n = NEIGHBOURS): Neighbour[] {
  const histories = recentHistories(rows);
  const finishers = new Map<number, number>();
  const both = new Map<string, number>();
  for (const courses of histories.values()) {
    for (const a of courses) {
      finishers.set(a, (finishers.get(a) ?? 0) + 1);
      for (const b of courses) if (a !== b) both.set(`${a}:${b}`, (both.get(`${a}:${b}`) ?? 0) + 1);
    }
  }
  const by = new Map<number, Neighbour[]>();
  for (const [key, co] of both) {
    if (co < MIN_CO_FINISHERS) continue;
    const [a, b] = key.split(':').map(Number);
    const s = cosine(co, finishers.get(a) ?? 0, finishers.get(b) ?? 0);
    by.set(a, [...(by.get(a) ?? []), { courseId: a, neighbourId: b, similarity: s, coFinishers: co }]);
  }
  return [...by.values()].flatMap((list) =>
    list.sort((x, y) => y.similarity - x.similarity || x.neighbourId - y.neighbourId).slice(0, n),
  );
}

export type Scored = { courseId: number; score: number; because: number };

/**
 * A member's candidates from the neighbours of the courses they finished: score = the sum of the
 * similarities to those courses; `because` = the finished course contributing most (学过《X》的
 * 党员也学了). Excluded ids never appear. Best first; ties: the smaller id first.
 */
export function scoreCandidates(
  finished: readonly number[],
  neighbours: readonly Neighbour[],
  excluded: ReadonlySet<number>,
): Scored[] {
  const mine = new Set(finished);
  const by = new Map<number, { score: number; because: number; best: number }>();
  for (const n of neighbours) {
    if (!mine.has(n.courseId) || excluded.has(n.neighbourId) || mine.has(n.neighbourId)) continue;
    const c = by.get(n.neighbourId) ?? { score: 0, because: n.courseId, best: -1 };
    c.score += n.similarity;
    if (n.similarity > c.best || (n.similarity === c.best && n.courseId < c.because)) {
      c.best = n.similarity;
      c.because = n.courseId;
    }
    by.set(n.neighbourId, c);
  }
  return [...by]
    .map(([courseId, c]) => ({ courseId, score: c.score, because: c.because }))
    .sort((x, y) => y.score - x.score || x.courseId - y.courseId);
}

/**
 * How much the member's org's favourites weigh against likeness, each scaled to 0..1 (the best
 * CF score, the org's most finished course), for a member with a history longer than
 * SHORT_HISTORY. Chosen on the demo data with each member's last finished course held out
 * (bench/learning/recommend.ts; docs/SCALE.md has the figures for each weight tried).
 */
export const ORG_WEIGHT = 0.5;
/**
 * A member who finished this many courses or fewer gets their org's favourites first, likeness
 * only breaking ties: one or two courses say too little about a member (a city member of the demo
 * has finished 2–3; likeness alone then finds 0.08 of held-out courses, the branch's favourites 0.34).
 */
export const SHORT_HISTORY = 2;

/** The org weight for a member with `history` finished courses: Infinity means favourites first. */
export const orgWeightFor = (history: number) =>
  history <= SHORT_HISTORY ? Number.POSITIVE_INFINITY : ORG_WEIGHT;

export type Blended = { courseId: number; score: number; reason: 'similar' | 'org'; because: number | null };

/**
 * The member's candidates from CF (`scored`, best first) and their org's most finished courses
 * (`popular`, excluded ones already left out), on one scale: cf ÷ best cf + weight × finishers ÷
 * most finishers (weight Infinity: by finishers, then cf). Said to be 'similar' (学过《X》的党员也学了)
 * when likeness gives the larger share, 'org' (本支部热门) otherwise. Best first; ties: the smaller id first.
 */
export function blendCandidates(
  scored: readonly Scored[],
  popular: readonly { courseId: number; finishers: number }[],
  weight = ORG_WEIGHT,
): Blended[] {
  const bestCf = Math.max(0, ...scored.map((s) => s.score));
  const most = Math.max(0, ...popular.map((p) => p.finishers));
  const by = new Map<number, { cf: number; pop: number; because: number | null }>();
  for (const s of scored)
    by.set(s.courseId, { cf: bestCf > 0 ? s.score / bestCf : 0, pop: 0, because: s.because });
  for (const p of popular) {
    const pop = most > 0 ? p.finishers / most : 0;
    const c = by.get(p.courseId);
    if (c) c.pop = pop;
    else by.set(p.courseId, { cf: 0, pop, because: null });
  }
  const first = weight === Number.POSITIVE_INFINITY;
  return [...by]
    .map(([courseId, c]) => {
      const org = first ? c.pop : weight * c.pop;
      const alike = c.because !== null && c.cf >= org;
      return {
        courseId,
        cf: c.cf,
        score: first ? c.pop : c.cf + org,
        reason: alike ? ('similar' as const) : ('org' as const),
        because: alike ? c.because : null,
      };
    })
    .sort((x, y) => y.score - x.score || (first ? y.cf - x.cf : 0) || x.courseId - y.courseId)
    .map(({ cf: _cf, ...b }) => b);
}

/** Share of members whose held-out course is in their first `k` answers (0 when none is asked). */
export function hitRate(
  answers: ReadonlyMap<number, readonly number[]>,
  heldOut: ReadonlyMap<number, number>,
  k = 10,
): number {
  if (heldOut.size === 0) return 0;
  let hits = 0;
  for (const [member, course] of heldOut)
    if ((answers.get(member) ?? []).slice(0, k).includes(course)) hits++;
  return hits / heldOut.size;
}
