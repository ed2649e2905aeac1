import { describe, expect, it } from 'vitest';
import { averageOf, rateBy, ratingDateRefusal } from './rules.ts';

describe('授课评价 within 30 days of the lecture', () => {
  it('is open from the day itself to the 30th day after', () => {
    expect(ratingDateRefusal('2026-11-01', '2026-11-01')).toBeNull();
    expect(ratingDateRefusal('2026-11-01', '2026-12-01')).toBeNull();
    expect(rateBy('2026-11-01')).toBe('2026-12-01');
  });
  it('is closed on the 31st day, and before the lecture', () => {
    expect(ratingDateRefusal('2026-11-01', '2026-12-02')?.zh).toContain('30 天');
    expect(ratingDateRefusal('2026-11-02', '2026-11-01')?.zh).toContain('尚未');
  });
  it('shows an average to one decimal, none when nobody rated', () => {
    expect(averageOf(14, 3)).toBe(4.7);
    expect(averageOf(0, 0)).toBeNull();
  });
});
