import { describe, expect, it } from 'vitest';
import {
  blendCandidates,
  cosine,
  type Finished,
  hitRate,
  neighboursOf,
  ORG_WEIGHT,
  orgWeightFor,
  recentHistories,
  scoreCandidates,
} from './rules.ts';

// Five members, four courses (A=1, B=2, C=3, D=4), worked by hand:
//   m1: A B C   m2: A B   m3: A C   m4: B C D   m5: A B D
//   finished by: A 4, B 4, C 3, D 2
//   together: AB 3 → 3/√16 = 0.75; AC 2 → 2/√12 ≈ 0.5774; BC 2 → 2/√12; BD 2 → 2/√8 ≈ 0.7071;
//             AD 1 and CD 1: one member only, dropped
const [A, B, C, D] = [1, 2, 3, 4];
const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const rows: Finished[] = (
  [
    [1, [A, B, C]],
    [2, [A, B]],
    [3, [A, C]],
    [4, [B, C, D]],
    [5, [A, B, D]],
  ] as const
).flatMap(([m, cs]) => cs.map((c, i) => ({ memberId: m, courseId: c, finishedAt: day(i + 1) })));

describe('cosine similarity of two courses', () => {
  it('is the members who finished both over the root of the product of each one’s finishers', () => {
    expect(cosine(3, 4, 4)).toBe(0.75);
    expect(cosine(2, 2, 8)).toBe(0.5);
    expect(cosine(0, 4, 4)).toBe(0);
    expect(cosine(1, 0, 4)).toBe(0);
  });
});

describe('the neighbours of each course', () => {
  const n = neighboursOf(rows);
  const of = (c: number) => n.filter((x) => x.courseId === c).map((x) => [x.neighbourId, x.similarity]);

  it('are the hand-computed ones, best first, pairs of one co-finisher dropped', () => {
    expect(of(A)).toEqual([
      [B, 0.75],
      [C, 2 / Math.sqrt(12)],
    ]);
    expect(of(B)).toEqual([
      [A, 0.75],
      [D, 2 / Math.sqrt(8)],
      [C, 2 / Math.sqrt(12)],
    ]);
    // a tie: the smaller id first
    expect(of(C)).toEqual([
      [A, 2 / Math.sqrt(12)],
      [B, 2 / Math.sqrt(12)],
    ]);
    expect(of(D)).toEqual([[B, 2 / Math.sqrt(8)]]);
  });

  it('keep only the top n of a course', () => {
    expect(neighboursOf(rows, 1).filter((x) => x.courseId === B)).toHaveLength(1);
  });

  it('count only a member’s most recent finished courses', () => {
    // m1 finished A, then B, then C: with a history of two, A is forgotten
    expect(recentHistories(rows, 2).get(1)).toEqual([C, B]);
  });
});

describe('a member’s candidates', () => {
  const n = neighboursOf(rows);

  it('sum the similarities to what they finished, naming the course contributing most', () => {
    // finished A and D: B = 0.75 (A) + 0.7071 (D), because of A; C = 0.5774 (A)
    const s = scoreCandidates([A, D], n, new Set([A, D]));
    expect(s.map((x) => x.courseId)).toEqual([B, C]);
    expect(s[0].score).toBeCloseTo(0.75 + 2 / Math.sqrt(8), 10);
    expect(s[0].because).toBe(A);
    expect(s[1]).toEqual({ courseId: C, score: 2 / Math.sqrt(12), because: A });
  });

  it('never include what they finished or dismissed', () => {
    // finished A and C; B dismissed: B would lead (0.75 + 0.5774), D is no neighbour of A or C
    expect(scoreCandidates([A, C], n, new Set([A, C, B]))).toEqual([]);
    expect(scoreCandidates([A], n, new Set([A, B])).map((x) => x.courseId)).toEqual([C]);
  });
});

describe('likeness blended with the org’s favourites', () => {
  const scored = [
    { courseId: B, score: 1.2, because: A },
    { courseId: C, score: 0.6, because: A },
  ];
  // the branch finished D 10 times, C 8, E(5) 2
  const popular = [
    { courseId: D, finishers: 10 },
    { courseId: C, finishers: 8 },
    { courseId: 5, finishers: 2 },
  ];

  it('adds each scaled to 0–1: likeness ÷ the best, weight × finishers ÷ the most', () => {
    const b = blendCandidates(scored, popular, 1);
    // C 0.5 + 0.8 = 1.3; B 1 + 0 = 1; D 0 + 1 = 1 (tie with B: the smaller id first); E 0.2
    expect(b.map((x) => [x.courseId, x.score])).toEqual([
      [C, 1.3],
      [B, 1],
      [D, 1],
      [5, 0.2],
    ]);
  });

  it('says why by the larger share: likeness names the finished course, the branch names none', () => {
    const b = new Map(blendCandidates(scored, popular, 1).map((x) => [x.courseId, x]));
    expect(b.get(B)).toMatchObject({ reason: 'similar', because: A });
    // C: 0.5 alike, 0.8 the branch's
    expect(b.get(C)).toMatchObject({ reason: 'org', because: null });
    expect(b.get(D)).toMatchObject({ reason: 'org', because: null });
  });

  it('with weight 0 is likeness first, and with no history the branch’s order', () => {
    expect(
      blendCandidates(scored, popular, 0)
        .slice(0, 2)
        .map((x) => x.courseId),
    ).toEqual([B, C]);
    expect(blendCandidates([], popular).map((x) => [x.courseId, x.reason])).toEqual([
      [D, 'org'],
      [C, 'org'],
      [5, 'org'],
    ]);
    expect(blendCandidates([], [])).toEqual([]);
  });

  it('favourites first (weight Infinity): by finishers, likeness breaking a tie', () => {
    const tied = [
      { courseId: 5, finishers: 10 },
      { courseId: C, finishers: 10 },
      { courseId: D, finishers: 4 },
    ];
    const b = blendCandidates(
      [...scored, { courseId: D, score: 1.2, because: A }],
      tied,
      Number.POSITIVE_INFINITY,
    );
    // C and E tie on finishers: C is alike (0.5), E is not; D, as alike as B, has fewer finishers than both
    expect(b.map((x) => x.courseId)).toEqual([C, 5, D, B]);
    expect(b[0]).toMatchObject({ reason: 'org', because: null });
    expect(b[3]).toMatchObject({ reason: 'similar', because: A });
  });

  it('a member with two finished courses or fewer gets favourites first; more, the blend', () => {
    expect(orgWeightFor(0)).toBe(Number.POSITIVE_INFINITY);
    expect(orgWeightFor(2)).toBe(Number.POSITIVE_INFINITY);
    expect(orgWeightFor(3)).toBe(ORG_WEIGHT);
  });
});

describe('hit rate at k', () => {
  it('is the share of members whose held-out course is in their first k answers', () => {
    const answers = new Map([
      [1, [B, C]],
      [2, [D]],
    ]);
    // member 1 holds out C (hit), member 2 B (miss), member 3 has no answers (miss)
    const held = new Map([
      [1, C],
      [2, B],
      [3, A],
    ]);
    expect(hitRate(answers, held)).toBeCloseTo(1 / 3, 10);
    expect(hitRate(answers, held, 1)).toBe(0);
    expect(hitRate(answers, new Map())).toBe(0);
  });
});
