import { describe, expect, it } from 'vitest';
import { monthState, operatorRefusal, staffProblem, startedAtProblem, withdrawProblem } from './rules.ts';

describe('a station’s month against the rule (at least 240 minutes by default)', () => {
  it('nothing played is zero — the stations the monthly bulletin names', () => {
    expect(monthState(0, 240)).toBe('zero');
  });
  it('some minutes but fewer than required fall short; 240 or more meet it', () => {
    expect(monthState(45, 240)).toBe('short');
    expect(monthState(239, 240)).toBe('short');
    expect(monthState(240, 240)).toBe('met');
    expect(monthState(400, 240)).toBe('met');
  });
  it('follows the department’s figure', () => {
    expect(monthState(240, 300)).toBe('short');
  });
});

describe('when a session started', () => {
  const now = new Date('2026-11-20T12:00:00+08:00');
  it('earlier today, or earlier this month or last month (Beijing), is entered', () => {
    expect(startedAtProblem(new Date('2026-11-20T09:00:00+08:00'), now)).toBeNull();
    expect(startedAtProblem(new Date('2026-10-01T00:00:00+08:00'), now)).toBeNull();
  });
  it('a phone a few minutes ahead of the server is forgiven; an hour is the future', () => {
    expect(startedAtProblem(new Date('2026-11-20T12:05:00+08:00'), now)).toBeNull();
    expect(startedAtProblem(new Date('2026-11-20T13:00:00+08:00'), now)?.zh).toBe('开始时间不能晚于现在');
  });
  it('September’s minutes are settled once October’s bulletin is out', () => {
    expect(startedAtProblem(new Date('2026-09-30T23:59:00+08:00'), now)?.zh).toBe(
      '只能登记2026年10月以来的集中学习',
    );
  });
  it('the month is Beijing’s: 1 October 00:30 in Beijing is still last month’s in UTC, and counts', () => {
    expect(startedAtProblem(new Date('2026-09-30T16:30:00Z'), now)).toBeNull();
  });
});

describe('who enters a station’s sessions', () => {
  const station = { orgPath: '/1/2/3/' };
  it('a station manager the station lists as its operator', () => {
    expect(operatorRefusal([{ role: 'station_manager', orgPath: '/1/2/' }], 7, station, [7])).toBeNull();
  });
  it('not a station manager of the town the station does not list', () => {
    expect(operatorRefusal([{ role: 'station_manager', orgPath: '/1/2/' }], 7, station, [8])).toBe(
      'not_staff',
    );
  });
  it('not one of another town, listed or not', () => {
    expect(operatorRefusal([{ role: 'station_manager', orgPath: '/1/9/' }], 7, station, [7])).toBe('outside');
  });
  it('an org admin over the village, correcting for it', () => {
    expect(operatorRefusal([{ role: 'org_admin', orgPath: '/1/2/' }], 7, station, [])).toBeNull();
    expect(operatorRefusal([{ role: 'org_admin', orgPath: '/1/9/' }], 7, station, [])).toBe('outside');
  });
});

describe('a station’s staff', () => {
  it('names nobody twice', () => {
    expect(staffProblem(['1'], ['2', '3'])).toBeNull();
    expect(staffProblem(['1'], ['2', '1'])).toBe('1');
    expect(staffProblem([], ['4', '4'])).toBe('4');
  });
});

describe('withdrawing a session (withdrawProblem)', () => {
  const now = new Date('2026-11-20T10:00:00+08:00');
  it('one of this month or the last may be withdrawn, once', () => {
    expect(
      withdrawProblem({ startedAt: new Date('2026-11-02T09:00:00+08:00'), withdrawnAt: null }, now),
    ).toBeNull();
    expect(
      withdrawProblem({ startedAt: new Date('2026-10-01T00:00:00+08:00'), withdrawnAt: null }, now),
    ).toBeNull();
    expect(
      withdrawProblem({ startedAt: new Date('2026-11-02T09:00:00+08:00'), withdrawnAt: now }, now)?.zh,
    ).toContain('已撤销');
  });
  it('one of a month before last is settled: its bulletin is out', () => {
    expect(
      withdrawProblem({ startedAt: new Date('2026-09-30T23:59:00+08:00'), withdrawnAt: null }, now)?.zh,
    ).toContain('已通报');
  });
});
