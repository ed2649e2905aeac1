import { describe, expect, it } from 'vitest';
import { clockOffset, formatCountdown, remainingMs } from './countdown.ts';

describe('the sitting counts down on the server’s clock, not the phone’s', () => {
  it('a phone five minutes slow still sees the time the server gives', () => {
    // the server says 10:00:00 when the phone thinks it is 09:55:00; the attempt is due at 10:30
    const phoneAtLoad = Date.parse('2026-05-01T09:55:00+08:00');
    const offset = clockOffset('2026-05-01T10:00:00+08:00', phoneAtLoad);
    expect(offset).toBe(5 * 60_000);
    expect(remainingMs('2026-05-01T10:30:00+08:00', offset, phoneAtLoad)).toBe(30 * 60_000);
    // a minute later by the phone's clock
    expect(remainingMs('2026-05-01T10:30:00+08:00', offset, phoneAtLoad + 60_000)).toBe(29 * 60_000);
  });

  it('never goes below zero, and a garbled server time leaves the phone’s clock as it is', () => {
    expect(remainingMs('2026-05-01T10:30:00Z', 0, Date.parse('2026-05-01T11:00:00Z'))).toBe(0);
    expect(clockOffset('not a time', 123)).toBe(0);
  });

  it('shows minutes and seconds, hours when there are any, rounding up to the whole second', () => {
    expect(formatCountdown(60 * 60_000)).toBe('1:00:00');
    expect(formatCountdown(59 * 60_000 + 7_000)).toBe('59:07');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    // 0.2 s left is still a second to answer in: 0:00 only once time is really up
    expect(formatCountdown(200)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
