import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Drawable, type DrawSpec, drawSlots } from './draw.ts';

// 抽题 (draw.ts) as the rule book says: a seed deals a paper; the same seed over the same pool deals
// the same paper, and the paper keeps its rules' order and counts, never asks a question twice and
// shows each question's choices in some order of all of them.

const TYPES = ['single', 'multiple', 'truefalse', 'fill'] as const;
const q = (id: number, type: string = 'single', choiceCount = 4, points = 2): Drawable => ({
  id,
  type,
  choiceCount: type === 'single' || type === 'multiple' ? choiceCount : 0,
  points,
});

/** A question pool of ids 1…n, types and choice counts varied. */
const pool = (n: number) =>
  Array.from({ length: n }, (_, i) => q(i + 1, TYPES[i % TYPES.length], 2 + (i % 5), 1 + (i % 3)));

/**
 * A random paper whose rules always can be drawn: each rule's candidates are a slice of one pool
 * (rules may share questions), and it asks for no more than what earlier rules cannot have taken.
 */
const drawableSpec = fc
  .record({
    shuffleOptions: fc.boolean(),
    rules: fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: 40 }),
        size: fc.integer({ min: 1, max: 30 }),
        want: fc.nat(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ shuffleOptions, rules }): DrawSpec => {
    const all = pool(70);
    let earlier = 0;
    return {
      kind: 'random',
      shuffleOptions,
      rules: rules.flatMap((r) => {
        const candidates = all.slice(r.from, r.from + r.size);
        const room = candidates.length - earlier;
        if (room < 1) return [];
        const count = 1 + (r.want % room);
        earlier += count;
        return [{ count, candidates }];
      }),
    };
  })
  .filter((s) => s.kind === 'random' && s.rules.length > 0);

const seed = fc.integer({ min: 1, max: 2_147_483_647 });
const ids = (spec: DrawSpec, s: number) => drawSlots(s, spec).map((x) => x.q);

describe('drawSlots', () => {
  it('the same seed deals the same paper, whatever order the pool was read in', () => {
    fc.assert(
      fc.property(drawableSpec, seed, (spec, s) => {
        const again = drawSlots(s, spec);
        expect(drawSlots(s, spec)).toEqual(again);
        if (spec.kind !== 'random') return;
        const reversed: DrawSpec = {
          ...spec,
          rules: spec.rules.map((r) => ({ ...r, candidates: [...r.candidates].reverse() })),
        };
        expect(drawSlots(s, reversed)).toEqual(again);
      }),
    );
  });

  it('different seeds deal different papers (10 of 50: a hundred seeds, a hundred papers but for the odd clash)', () => {
    const spec: DrawSpec = {
      kind: 'random',
      shuffleOptions: true,
      rules: [{ count: 10, candidates: pool(50) }],
    };
    const papers = new Set(Array.from({ length: 100 }, (_, i) => JSON.stringify(drawSlots(i + 1, spec))));
    expect(papers.size).toBeGreaterThanOrEqual(99);
    expect(ids(spec, 1)).not.toEqual(ids(spec, 2));
  });

  it('never asks a question twice, even when rules share questions', () => {
    fc.assert(
      fc.property(drawableSpec, seed, (spec, s) => {
        const got = ids(spec, s);
        expect(new Set(got).size).toBe(got.length);
      }),
    );
  });

  it('keeps the rules’ order and counts: rule 1’s questions first, each rule giving exactly its count of its own candidates', () => {
    fc.assert(
      fc.property(drawableSpec, seed, (spec, s) => {
        if (spec.kind !== 'random') return;
        const got = ids(spec, s);
        expect(got.length).toBe(spec.rules.reduce((n, r) => n + r.count, 0));
        let at = 0;
        for (const rule of spec.rules) {
          const mine = new Set(rule.candidates.map((c) => c.id));
          for (const id of got.slice(at, at + rule.count)) expect(mine.has(id)).toBe(true);
          at += rule.count;
        }
      }),
    );
  });

  it('a paper of 单选 then 判断 reads 单选 first, then 判断', () => {
    const singles = Array.from({ length: 8 }, (_, i) => q(i + 1, 'single'));
    const truths = Array.from({ length: 8 }, (_, i) => q(i + 101, 'truefalse'));
    const spec: DrawSpec = {
      kind: 'random',
      shuffleOptions: false,
      rules: [
        { count: 3, candidates: singles },
        { count: 2, candidates: truths },
      ],
    };
    for (let s = 1; s <= 20; s++)
      expect(ids(spec, s).map((id) => (id > 100 ? 'truefalse' : 'single'))).toEqual([
        'single',
        'single',
        'single',
        'truefalse',
        'truefalse',
      ]);
  });

  it('a fixed paper keeps its questions and their order; only the choices move', () => {
    const questions = pool(12);
    fc.assert(
      fc.property(seed, (s) => {
        expect(ids({ kind: 'fixed', shuffleOptions: true, questions }, s)).toEqual(
          questions.map((x) => x.id),
        );
      }),
    );
  });

  it('shows each choice question’s choices in an order of all of them, and only when the paper shuffles', () => {
    fc.assert(
      fc.property(drawableSpec, seed, (spec, s) => {
        if (spec.kind !== 'random') return;
        const byId = new Map(spec.rules.flatMap((r) => r.candidates).map((c) => [c.id, c]));
        for (const slot of drawSlots(s, spec)) {
          const question = byId.get(slot.q)!;
          expect(slot.points).toBe(question.points);
          const shuffles = spec.shuffleOptions && question.choiceCount > 1;
          if (!shuffles) expect(slot.order).toBeUndefined();
          else
            expect([...slot.order!].sort((a, b) => a - b)).toEqual(
              Array.from({ length: question.choiceCount }, (_, i) => i),
            );
        }
      }),
    );
  });

  it('shuffled choices really move: over many seeds a four-choice question shows more than one order', () => {
    const spec: DrawSpec = { kind: 'fixed', shuffleOptions: true, questions: [q(1, 'single', 4)] };
    const orders = new Set(
      Array.from({ length: 50 }, (_, i) => JSON.stringify(drawSlots(i + 1, spec)[0].order)),
    );
    expect(orders.size).toBeGreaterThan(10);
  });

  it('throws when a rule has too few questions left, counting what earlier rules took', () => {
    const shared = pool(5);
    expect(() =>
      drawSlots(1, { kind: 'random', shuffleOptions: false, rules: [{ count: 6, candidates: shared }] }),
    ).toThrow(/6 of 5/);
    // the first rule takes 4 of the same 5: the second cannot have 2
    expect(() =>
      drawSlots(1, {
        kind: 'random',
        shuffleOptions: false,
        rules: [
          { count: 4, candidates: shared },
          { count: 2, candidates: shared },
        ],
      }),
    ).toThrow(/2 of 1/);
  });
});
