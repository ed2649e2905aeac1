import { describe, expect, it } from 'vitest';
import { backProblem, dueCutoff, isTransferDue, mayBeMobile, outProblems, transferDueOn } from './rules.ts';

describe('条例第二十五条: 外出6个月以上并且地点相对固定的，应当转移组织关系', () => {
  it('given a member away since 10 March, then the membership should be transferred from 10 September', () => {
    expect(transferDueOn('2026-03-10', 6)).toBe('2026-09-10');
  });
  it('given a member away since 10 March and not back, when it is 9 September, then no reminder; on 10 September, a reminder', () => {
    const p = { outOn: '2026-03-10', backOn: null };
    expect(isTransferDue(p, '2026-09-09', 6)).toBe(false);
    expect(isTransferDue(p, '2026-09-10', 6)).toBe(true);
  });
  it('given the member came back, then there is nothing to transfer', () => {
    expect(isTransferDue({ outOn: '2026-03-10', backOn: '2026-08-01' }, '2026-12-01', 6)).toBe(false);
  });
  it('given the department set 3 months, then the reminder comes after 3', () => {
    expect(isTransferDue({ outOn: '2026-03-10', backOn: null }, '2026-06-10', 3)).toBe(true);
  });
  it('the due list is one range: every day up to the cut-off is due, the day after is not', () => {
    for (const today of ['2026-09-10', '2026-08-31', '2026-03-01', '2026-02-28', '2024-02-29']) {
      const cut = dueCutoff(today, 6);
      expect(isTransferDue({ outOn: cut, backOn: null }, today, 6)).toBe(true);
      const next = new Date(Date.parse(`${cut}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(isTransferDue({ outOn: next, backOn: null }, today, 6)).toBe(false);
    }
  });
});

describe('who is a migrant member, and the dates of a period away', () => {
  it('流动党员 are full or probationary members; an activist away is not one', () => {
    expect(mayBeMobile('full')).toBe(true);
    expect(mayBeMobile('probationary')).toBe(true);
    expect(mayBeMobile('activist')).toBe(false);
  });
  it('given today is 1 June, when the day out is 2 June, then it is refused as in the future', () => {
    expect(outProblems('2026-06-02', '2026-06-01', '2010-07-01')).toMatchObject([{ path: 'outOn' }]);
  });
  it('given a member who joined on 1 July 2010, when the day out is before it, then it is refused', () => {
    expect(outProblems('2010-06-30', '2026-06-01', '2010-07-01')[0].text.zh).toContain('不能早于入党日期');
    expect(outProblems('2026-05-01', '2026-06-01', '2010-07-01')).toEqual([]);
  });
  it('the day back lies between the day out and today', () => {
    expect(backProblem('2026-05-01', '2026-03-10', '2026-06-01')).toBeNull();
    expect(backProblem('2026-03-09', '2026-03-10', '2026-06-01')?.zh).toContain('不能早于外出日期');
    expect(backProblem('2026-06-02', '2026-03-10', '2026-06-01')?.zh).toContain('不能晚于今天');
  });
});
