import { describe, expect, it } from 'vitest';
import { IdleClock } from './idle.ts';
import { groupCard, press } from './keypad.ts';

describe('the kiosk keypad', () => {
  it('types digits up to the card number’s length, deletes and clears', () => {
    let v = '';
    for (const k of '1234567890123') v = press(v, k, 12);
    expect(v).toBe('123456789012');
    expect(groupCard(v)).toBe('1234 5678 9012');
    expect(press(v, 'back', 12)).toBe('12345678901');
    expect(press(v, 'clear', 12)).toBe('');
  });

  it('types capitals after shift', () => {
    expect(press('ab', 'c', 20, true)).toBe('abC');
    expect(press('ab', 'shift', 20)).toBe('ab');
  });
});

describe('the kiosk idle clock', () => {
  it('counts down the last ten seconds of a minute and expires at sixty', () => {
    const c = new IdleClock(60, 0);
    expect(c.state(49_000)).toEqual({ remaining: 11, warning: false, expired: false });
    expect(c.state(50_000)).toEqual({ remaining: 10, warning: true, expired: false });
    expect(c.state(59_500)).toEqual({ remaining: 1, warning: true, expired: false });
    expect(c.state(60_000)).toEqual({ remaining: 0, warning: false, expired: true });
  });

  it('a touch gives the full time again', () => {
    const c = new IdleClock(60, 0);
    c.touch(55_000);
    expect(c.state(60_000)).toMatchObject({ remaining: 55, warning: false, expired: false });
    expect(c.state(115_000).expired).toBe(true);
  });

  it('takes the terminal’s own idle time', () => {
    const c = new IdleClock(60, 0);
    c.setSeconds(90);
    expect(c.state(60_000).expired).toBe(false);
    expect(c.state(90_000).expired).toBe(true);
  });
});
