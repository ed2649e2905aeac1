import { describe, expect, it } from 'vitest';
import { courseOpenTo, histogramOf, mayRemind, nextRemindAt } from './rules.ts';

describe('reminding the unfinished', () => {
  const last = new Date('2026-11-20T10:00:00+08:00');
  it('goes at most once an hour', () => {
    expect(mayRemind(null, last)).toBe(true);
    expect(mayRemind(last, new Date('2026-11-20T10:59:59+08:00'))).toBe(false);
    expect(mayRemind(last, new Date('2026-11-20T11:00:00+08:00'))).toBe(true);
    expect(nextRemindAt(last).toISOString()).toBe('2026-11-20T03:00:00.000Z');
  });
});

describe('the progress chart', () => {
  it('counts members by courses finished, 0 … n, with empty bars kept', () => {
    expect(
      histogramOf(3, [
        { done: 0, n: 4 },
        { done: 2, n: 1 },
      ]),
    ).toEqual([4, 0, 1, 0]);
  });
});

describe('a course in the plan', () => {
  it('must be published and open to every member of the cohort', () => {
    const town = '/1/2/';
    expect(courseOpenTo({ status: 'published', scopePath: '/1/' }, [`${town}5/`])).toBe(true);
    expect(courseOpenTo({ status: 'published', scopePath: '/1/3/' }, [`${town}5/`])).toBe(false);
    expect(courseOpenTo({ status: 'draft', scopePath: '/1/' }, [`${town}5/`])).toBe(false);
    expect(courseOpenTo({ status: 'published', scopePath: town }, [`${town}5/`, '/1/3/7/'])).toBe(false);
  });
});
