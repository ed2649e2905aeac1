import type { Slot } from '../schema.ts';

// 抽题 (issue 15 item 3): a paper drawn for one attempt from a seed, so the same seed over the same
// pool gives the same paper (the draw is recorded, and can be reproduced from the seed). Pure.

/** A question as the draw sees it. */
export type Drawable = { id: number; type: string; choiceCount: number; points: number };

/** What a paper asks for: fixed questions in order, or per rule `count` of its candidates. */
export type DrawSpec =
  | { kind: 'fixed'; shuffleOptions: boolean; questions: Drawable[] }
  | { kind: 'random'; shuffleOptions: boolean; rules: { count: number; candidates: Drawable[] }[] };

/** mulberry32: a small, well-mixed 32-bit generator; enough to deal questions, not for secrets. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher–Yates, in place. */
function shuffle<T>(xs: T[], next: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const hasChoices = (q: Drawable) => (q.type === 'single' || q.type === 'multiple') && q.choiceCount > 1;

/**
 * The slots of one attempt. A random paper takes, rule by rule, `count` questions of the rule's
 * candidates (sorted by id first, so the pool's order in the database does not matter), never a
 * question an earlier rule took; the questions keep the rules' order (a paper reads 单选 then 多选…),
 * shuffled within each rule. Choices are shuffled when the paper says so. Throws when a rule has
 * too few candidates (the caller checks this when the paper is saved and the exam published).
 */
export function drawSlots(seed: number, spec: DrawSpec): Slot[] {
  const next = generator(seed);
  let picked: Drawable[];
  if (spec.kind === 'fixed') picked = spec.questions;
  else {
    const taken = new Set<number>();
    picked = [];
    for (const rule of spec.rules) {
      const pool = rule.candidates.filter((q) => !taken.has(q.id)).sort((a, b) => a.id - b.id);
      if (pool.length < rule.count)
        throw new Error(`a rule asks for ${rule.count} of ${pool.length} questions`);
      const chosen = shuffle(pool, next).slice(0, rule.count);
      for (const q of chosen) taken.add(q.id);
      picked.push(...chosen);
    }
  }
  return picked.map((q) => {
    const slot: Slot = { q: q.id, points: q.points };
    if (spec.shuffleOptions && hasChoices(q))
      slot.order = shuffle(
        Array.from({ length: q.choiceCount }, (_, i) => i),
        next,
      );
    return slot;
  });
}

/** A fresh seed for an attempt (kept with it). */
export function newSeed(): number {
  return Math.floor(Math.random() * 2_147_483_647) + 1;
}
