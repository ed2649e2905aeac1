import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsToDate,
  addMonthsToMonth,
  monthsEndingWith,
  shanghaiMonth,
  shanghaiToday,
  yearsBetween,
} from './time.ts';

describe('calendar in Asia/Shanghai', () => {
  it('today is the Shanghai date: 20:00 UTC on 31 December is already New Year in Beijing', () => {
    expect(shanghaiToday(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiMonth(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01');
    expect(shanghaiToday(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
  });

  it('adds days across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 90)).toBe('2026-03-31');
  });

  it('a period of months ends on the same day, or the first of the next month when that day is missing', () => {
    expect(addMonthsToDate('2024-03-15', 12)).toBe('2025-03-15');
    expect(addMonthsToDate('2024-02-29', 12)).toBe('2025-03-01');
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-03-01');
    expect(addMonthsToDate('2025-05-31', -1)).toBe('2025-05-01');
  });

  it('months step over year ends both ways', () => {
    expect(addMonthsToMonth('2025-12', 1)).toBe('2026-01');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToMonth('2026-03', -14)).toBe('2025-01');
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('counts whole years, the day before a birthday still the year before', () => {
    expect(yearsBetween('2000-07-01', '2018-06-30')).toBe(17);
    expect(yearsBetween('2000-07-01', '2018-07-01')).toBe(18);
  });
});
