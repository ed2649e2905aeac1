import { describe, expect, it } from 'vitest';
import {
  commonAncestorPath,
  distinctRecipients,
  isAppLink,
  mayRemind,
  nextRemindAt,
  readRate,
  REMIND_INTERVAL_MINUTES,
} from './rules.ts';

const at = (hhmm: string) => new Date(`2026-05-08T${hhmm}:00+08:00`);

describe('reminding the unread', () => {
  it('is allowed at once for a notice never reminded', () => {
    expect(mayRemind(null, at('09:00'))).toBe(true);
  });

  it('is allowed at most once an hour per notice', () => {
    expect(REMIND_INTERVAL_MINUTES).toBe(60);
    expect(mayRemind(at('09:00'), at('09:59'))).toBe(false);
    expect(mayRemind(at('09:00'), at('10:00'))).toBe(true);
    expect(nextRemindAt(at('09:00'))).toEqual(at('10:00'));
  });
});

describe('the read rate', () => {
  it('is read / recipients in whole per cent, rounded down so that 100% means everyone', () => {
    expect(readRate(1, 3)).toBe(33);
    expect(readRate(2, 3)).toBe(66);
    expect(readRate(199, 200)).toBe(99);
    expect(readRate(3, 3)).toBe(100);
  });

  it('does not exist for a notice with no recipient', () => {
    expect(readRate(0, 0)).toBeNull();
  });
});

describe('one receipt per member', () => {
  it('keeps a member named twice in one send once, with the first account given', () => {
    expect(
      distinctRecipients([
        { memberId: 1, userId: 10 },
        { memberId: 2, userId: null },
        { memberId: 1, userId: 11 },
      ]),
    ).toEqual([
      { memberId: 1, userId: 10 },
      { memberId: 2, userId: null },
    ]);
  });
});

describe('a notice’s link', () => {
  it('opens a screen of this platform', () => {
    expect(isAppLink('/m/activities/42')).toBe(true);
    expect(isAppLink('/openness/posts/7?tab=read')).toBe(true);
  });

  it('never another site or a script', () => {
    expect(isAppLink('https://example.com/login')).toBe(false);
    expect(isAppLink('//example.com/login')).toBe(false);
    expect(isAppLink('/\\example.com')).toBe(false);
    expect(isAppLink('javascript:alert(1)')).toBe(false);
    expect(isAppLink('/m/a b')).toBe(false);
  });
});

describe('the sender of a notice to several orgs', () => {
  it('is the deepest org above all of them', () => {
    expect(commonAncestorPath(['/1/17/342/', '/1/17/350/'])).toBe('/1/17/');
    expect(commonAncestorPath(['/1/17/342/', '/1/17/342/900/'])).toBe('/1/17/342/');
    expect(commonAncestorPath(['/1/17/342/'])).toBe('/1/17/342/');
    expect(commonAncestorPath(['/1/17/', '/1/18/'])).toBe('/1/');
  });
});
