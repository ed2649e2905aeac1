import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsToDate,
  addMonthsToMonth,
  addWorkingDays,
  CALENDAR_2026,
  endOfDay,
  isWorkingDay,
  monthsEndingWith,
  periodOf,
  shanghaiMonth,
  shanghaiMonthRange,
  shanghaiToday,
  yearsBetween,
} from './time.ts';

describe('calendar in Asia/Shanghai', () => {
  it('today is the Shanghai date: 20:00 UTC on 31 December is already New Year in Beijing', () => {
    expect(shanghaiToday(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiMonth(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01');
    expect(shanghaiToday(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    // the arithmetic agrees with the time-zone database, summer time of 1986–1991 included
    const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short' });
    for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2040, 0, 1); t += 86_400_000 / 4 + 3_600_000 * 7 + 60_000)
      expect(shanghaiToday(new Date(t))).toBe(tz.format(new Date(t)));
    // the day kept from the call before ends at Beijing's midnight, on either side
    const midnight = Date.parse('2026-03-01T16:00:00Z');
    for (const [t, day] of [
      [midnight - 1, '2026-03-01'],
      [midnight, '2026-03-02'],
      [midnight - 1, '2026-03-01'],
      [midnight - 86_400_000, '2026-03-01'],
      [midnight - 86_400_001, '2026-02-28'],
      [midnight + 86_399_999, '2026-03-02'],
      [midnight + 86_400_000, '2026-03-03'],
    ] as const)
      expect(shanghaiToday(new Date(t))).toBe(day);
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

describe('periods: calendar months, quarters from January, half years and years', () => {
  it('periods are calendar months, quarters from January, halves and years', () => {
    expect(periodOf('monthly', '2026-11-20')).toEqual({
      label: '2026-11',
      start: '2026-11-01',
      next: '2026-12-01',
    });
    expect(periodOf('quarterly', '2026-11-20')).toEqual({
      label: '2026-Q4',
      start: '2026-10-01',
      next: '2027-01-01',
    });
    expect(periodOf('half_yearly', '2026-03-31')).toEqual({
      label: '2026-H1',
      start: '2026-01-01',
      next: '2026-07-01',
    });
    expect(periodOf('yearly', '2026-11-20')).toEqual({
      label: '2026',
      start: '2026-01-01',
      next: '2027-01-01',
    });
    expect(periodOf('none', '2026-11-20')).toBeNull();
  });

  it('the period before is the last complete one: January looks back to December, Q1 to last Q4', () => {
    expect(periodOf('monthly', '2026-01-05', 1)?.label).toBe('2025-12');
    expect(periodOf('quarterly', '2026-02-10', 1)).toEqual({
      label: '2025-Q4',
      start: '2025-10-01',
      next: '2026-01-01',
    });
    expect(periodOf('yearly', '2026-02-10', 1)?.label).toBe('2025');
  });

  it('a month runs from its first midnight in Beijing to the next month’s', () => {
    expect(shanghaiMonthRange('2026-12')).toEqual({
      from: new Date('2026-12-01T00:00:00+08:00'),
      to: new Date('2027-01-01T00:00:00+08:00'),
    });
  });
});

describe('working days (国务院关于职工工作时间的规定; the 2026 holiday arrangement)', () => {
  const noHolidays = { daysOff: [], workdays: [] };

  it('Monday to Friday are working days, Saturday and Sunday are not', () => {
    expect(isWorkingDay('2026-03-06', noHolidays)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', noHolidays)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', noHolidays)).toBe(false); // Sunday
  });

  it('a public holiday on a weekday is a day off; a Sunday worked in exchange (调休) is a working day', () => {
    expect(isWorkingDay('2026-10-01', CALENDAR_2026)).toBe(false); // 国庆, Thursday
    expect(isWorkingDay('2026-09-20', CALENDAR_2026)).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2026-02-14', CALENDAR_2026)).toBe(true); // Saturday before 春节
  });

  it('the 2026 calendar holds the State Council’s seven holidays (33 days off) and six days worked in exchange', () => {
    expect(CALENDAR_2026.daysOff).toHaveLength(33);
    expect(CALENDAR_2026.daysOff).toContain('2026-02-23');
    expect(CALENDAR_2026.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('counting starts the day after: five working days from a Monday end on the next Monday', () => {
    expect(addWorkingDays('2026-03-02', 5, CALENDAR_2026)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-06', 1, noHolidays)).toBe('2026-03-09'); // Friday → Monday
  });

  it('holidays are skipped and a weekend day worked in exchange counts: from 13 February, 5 days end on 27 February', () => {
    // 2/14 (Saturday, worked), 2/15–2/23 off, then 2/24, 2/25, 2/26, 2/27
    expect(addWorkingDays('2026-02-13', 5, CALENDAR_2026)).toBe('2026-02-27');
  });

  it('a calendar that gives every day off does not loop for ever', () => {
    const allOff = { daysOff: Array.from({ length: 600 }, (_, i) => addDays('2026-01-01', i)), workdays: [] };
    expect(addWorkingDays('2025-12-31', 1, allOff)).toBe(addDays('2025-12-31', 550));
  });

  it('a period ends at midnight of its last day in Beijing (民法典 203), the last millisecond before it', () => {
    expect(endOfDay('2026-03-09')).toEqual(new Date('2026-03-09T15:59:59.999Z'));
  });
});
