import { describe, expect, it } from 'vitest';
import { histogramOf, meanOf, medianOf, momentsOf, passRateOf, questionFigures } from './statistics.ts';

// 试题分析 as Moodle's quiz statistics report it, on numbers worked by hand.

describe('a 2-point question sat by five examinees', () => {
  // question scores x and attempt totals: 甲 2/10, 乙 2/8, 丙 0/4, 丁 2/7, 戊 0/3
  // the rest of each attempt (total − x) y: 8, 6, 4, 5, 3
  const m = momentsOf([
    [2, 8],
    [2, 6],
    [0, 4],
    [2, 5],
    [0, 3],
  ]);
  const f = questionFigures(2, m);

  it('facility is the mean score as a share of the points: 1.2 of 2 → 60', () => {
    expect(f.facility).toBe(60);
  });

  it('sd is the sample standard deviation as a share of the points: √(4.8 / 4) = 1.095 of 2 → 54.8', () => {
    expect(f.sd).toBe(54.8);
  });

  it('discrimination is Pearson’s r with the rest × 100: 6.8 / √(4.8 × 14.8) = 0.8068 → 80.7', () => {
    expect(f.discrimination).toBe(80.7);
  });
});

describe('when the figures say nothing', () => {
  it('everyone right: facility 100, sd 0, no discrimination (nothing varies)', () => {
    const f = questionFigures(
      1,
      momentsOf([
        [1, 5],
        [1, 3],
        [1, 8],
      ]),
    );
    expect(f).toEqual({ facility: 100, sd: 0, discrimination: null });
  });

  it('the rest of the paper the same for all: no discrimination', () => {
    expect(
      questionFigures(
        2,
        momentsOf([
          [2, 4],
          [0, 4],
        ]),
      ).discrimination,
    ).toBeNull();
  });

  it('one attempt: a facility, no sd or discrimination; none: nothing', () => {
    expect(questionFigures(2, momentsOf([[1, 3]]))).toEqual({ facility: 50, sd: null, discrimination: null });
    expect(questionFigures(2, momentsOf([]))).toEqual({ facility: null, sd: null, discrimination: null });
  });

  it('a question that goes against the paper has a negative index', () => {
    const f = questionFigures(
      1,
      momentsOf([
        [0, 9],
        [0, 8],
        [1, 2],
        [1, 1],
      ]),
    );
    expect(f.discrimination).toBeLessThan(-90);
  });
});

describe('the exam’s figures', () => {
  it('puts scores in ten equal bands of the total, the full mark in the last', () => {
    expect(histogramOf([0, 9.9, 10, 55, 99.99, 100], 100)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(histogramOf([5], 0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('takes the median, the mean and the pass rate', () => {
    expect(medianOf([7, 1, 3])).toBe(3);
    expect(medianOf([0, 2, 2, 11])).toBe(2);
    expect(medianOf([1, 2])).toBe(1.5);
    expect(medianOf([])).toBeNull();
    expect(meanOf([0, 2, 2, 11])).toBe(3.75);
    expect(meanOf([])).toBeNull();
    expect(passRateOf(1, 3)).toBe(33.3);
    expect(passRateOf(0, 0)).toBeNull();
  });
});
