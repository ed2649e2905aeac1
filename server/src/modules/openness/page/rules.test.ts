import { describe, expect, it } from 'vitest';
import { keptUp, PUBLIC_MAX_AGE_SECONDS } from './rules.ts';

describe('an org has kept its page up (issue 13: introduction filled, an update this month)', () => {
  it('when its introduction says something and it published a 工作动态 this month', () => {
    expect(keptUp(true, 1)).toBe(true);
    expect(keptUp(true, 12)).toBe(true);
  });

  it('not with an empty introduction, however many updates', () => {
    expect(keptUp(false, 5)).toBe(false);
  });

  it('not without an update this month, however good the introduction', () => {
    expect(keptUp(true, 0)).toBe(false);
  });
});

describe('public pages are cacheable (issue 13)', () => {
  it('for a short while only: a minute', () => {
    expect(PUBLIC_MAX_AGE_SECONDS).toBe(60);
  });
});
