import { describe, expect, it } from 'vitest';
import { currentMonth } from './dates.ts';

describe("this month in Asia/Shanghai, where dues months and letters' months are counted", () => {
  it('is already February in Beijing at 00:30 on 1 February, while UTC still says January', () => {
    expect(currentMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02');
  });
  it('is still January at 23:59 on 31 January in Beijing', () => {
    expect(currentMonth(new Date('2026-01-31T15:59:00Z'))).toBe('2026-01');
  });
});
