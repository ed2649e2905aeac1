import { describe, expect, it } from 'vitest';
import { childPath, depthOf, mayContain, wouldCycle } from './rules.ts';

describe('org tree rules', () => {
  it('a branch holds only groups, and a group holds nothing', () => {
    expect(mayContain('branch', 'group')).toBe(true);
    expect(mayContain('branch', 'branch')).toBe(false);
    expect(mayContain('group', 'group')).toBe(false);
  });

  it('committees hold general branches and branches, general branches hold branches', () => {
    expect(mayContain('committee', 'general_branch')).toBe(true);
    expect(mayContain('committee', 'branch')).toBe(true);
    expect(mayContain('general_branch', 'branch')).toBe(true);
    expect(mayContain('general_branch', 'committee')).toBe(false);
  });

  it('paths grow by one id segment and give the depth', () => {
    expect(childPath('/1/', 17)).toBe('/1/17/');
    expect(depthOf('/1/')).toBe(0);
    expect(depthOf('/1/17/342/')).toBe(2);
  });

  it('moving an org under itself or its descendant is a cycle; under a sibling is not', () => {
    expect(wouldCycle('/1/17/', '/1/17/')).toBe(true);
    expect(wouldCycle('/1/17/', '/1/17/342/')).toBe(true);
    expect(wouldCycle('/1/17/', '/1/18/')).toBe(false);
    // '/1/170/' shares the characters '/1/17' but is not inside '/1/17/'
    expect(wouldCycle('/1/17/', '/1/170/')).toBe(false);
  });
});
