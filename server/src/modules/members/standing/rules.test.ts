import { describe, expect, it } from 'vitest';
import {
  approvalProblems,
  decisionProblems,
  decisionState,
  decisionsAllowed,
  dueDecisions,
  duesLapseDue,
  effectiveOn,
  foundProblems,
  lostContactProblems,
  needsApproval,
  refusalProblems,
  type StandingFacts,
  standingAfter,
} from './rules.ts';

/** A full member in good standing, joined 2005. */
const member = (over: Partial<StandingFacts> = {}): StandingFacts => ({
  name: '张三',
  status: 'full',
  standing: 'normal',
  joinedOn: '2005-07-01',
  lostContactOn: null,
  foundOn: null,
  suspendedOn: null,
  abroadKind: null,
  abroadSince: null,
  ...over,
});
const decision = (
  kind: Parameters<typeof decisionProblems>[1]['kind'],
  resolutionOn: string,
  approvedOn: string | null = null,
  approvedBy: string | null = approvedOn ? '中共青山区清河镇委员会' : null,
) => ({ kind, resolutionOn, approvedOn, approvedBy });
const paths = (p: { path: string }[]) => p.map((x) => x.path);

describe('条例第二十四条: lost contact for six months → the branch may suspend', () => {
  const lost = member({ lostContactOn: '2025-01-10' });

  it('given a member who lost contact on 2025-01-10, on 2025-07-09 nothing is due yet', () => {
    expect(dueDecisions(lost, '2025-07-09')).toEqual([]);
  });

  it('when six months have passed (2025-07-10), then suspension is due, since that day, by the lost-contact rule', () => {
    expect(dueDecisions(lost, '2025-07-10')).toEqual([
      { decision: 'suspend', rule: 'lost_contact', basisOn: '2025-01-10', dueSince: '2025-07-10' },
    ]);
  });

  it('six months are counted as the regulations count months: lost on 31 August, due from 1 March', () => {
    expect(dueDecisions(member({ lostContactOn: '2024-08-31' }), '2025-02-28')).toEqual([]);
    expect(dueDecisions(member({ lostContactOn: '2024-08-31' }), '2025-03-01')[0].dueSince).toBe(
      '2025-03-01',
    );
  });

  it('when contact was found again, then nothing is due', () => {
    expect(
      dueDecisions(member({ lostContactOn: '2025-01-10', foundOn: '2025-05-01' }), '2026-01-01'),
    ).toEqual([]);
  });

  it('the platform never decides: a suspension before the six months is refused, naming the day it may be taken', () => {
    const early = decisionProblems(lost, decision('suspend', '2025-06-30'), '2025-08-01', null);
    expect(paths(early)).toEqual(['resolutionOn']);
    expect(early[0].text.zh).toContain('2025-07-10');
    expect(decisionProblems(lost, decision('suspend', '2025-07-10'), '2025-08-01', null)).toEqual([]);
  });

  it('a suspension without any ground of art. 24 recorded is refused on the kind, asking for the ground first', () => {
    const p = decisionProblems(member(), decision('suspend', '2025-07-10'), '2025-08-01', null);
    expect(paths(p)).toEqual(['kind']);
    expect(p[0].text.zh).toContain('请先登记失联或出国（境）情况');
  });

  it('applicants, activists and candidates have no 党籍: nothing is due and nothing may be decided', () => {
    const applicant = member({ status: 'candidate', joinedOn: null, lostContactOn: '2024-01-01' });
    expect(dueDecisions(applicant, '2026-01-01')).toEqual([]);
    expect(paths(decisionProblems(applicant, decision('suspend', '2025-01-01'), '2026-01-01', null))).toEqual(
      ['kind'],
    );
  });

  it('probationary members have 党籍 too (from the branch meeting that admitted them)', () => {
    const p = member({ status: 'probationary', joinedOn: '2024-12-01', lostContactOn: '2025-01-10' });
    expect(dueDecisions(p, '2025-07-10').map((d) => d.decision)).toEqual(['suspend']);
  });
});

describe('条例第二十四条: suspended two years without contact → removal as lapsed', () => {
  const suspended = member({ standing: 'suspended', suspendedOn: '2024-03-15', lostContactOn: '2023-08-01' });

  it('given a member suspended on 2024-03-15 and still out of contact, on 2026-03-14 nothing is due', () => {
    expect(dueDecisions(suspended, '2026-03-14')).toEqual([]);
  });

  it('when two years have passed, then removal as lapsed (按自行脱党除名) is due', () => {
    expect(dueDecisions(suspended, '2026-03-15')).toEqual([
      { decision: 'lapse', rule: 'suspended_lost', basisOn: '2024-03-15', dueSince: '2026-03-15' },
    ]);
  });

  it('a removal as lapsed before the two years is refused', () => {
    expect(
      paths(decisionProblems(suspended, decision('lapse', '2026-01-01', '2026-01-05'), '2026-02-01', null)),
    ).toEqual(['resolutionOn']);
  });

  it('when a suspended member is found again, then restoring the membership may be considered (符合条件的，可以恢复党籍)', () => {
    const found = { ...suspended, foundOn: '2025-02-01' };
    expect(dueDecisions(found, '2025-02-02')).toEqual([
      { decision: 'restore', rule: 'found_again', basisOn: '2024-03-15', dueSince: '2025-02-01' },
    ]);
    expect(paths(decisionProblems(found, decision('restore', '2025-01-20'), '2025-03-01', null))).toEqual([
      'resolutionOn',
    ]);
    expect(decisionProblems(found, decision('restore', '2025-02-10'), '2025-03-01', '2024-03-15')).toEqual(
      [],
    );
  });

  it('only a suspended membership is restored', () => {
    expect(paths(decisionProblems(member(), decision('restore', '2025-02-10'), '2025-03-01', null))).toEqual([
      'kind',
    ]);
  });
});

describe('条例第二十四条: settled abroad, or studying abroad for more than five years → suspension', () => {
  it('given a member who settled abroad on 2025-04-01, then suspension is due from that day', () => {
    expect(dueDecisions(member({ abroadKind: 'settled', abroadSince: '2025-04-01' }), '2025-04-01')).toEqual([
      { decision: 'suspend', rule: 'settled_abroad', basisOn: '2025-04-01', dueSince: '2025-04-01' },
    ]);
  });

  it('given a member studying abroad since 2020-09-01, five years are not yet "more than five years"', () => {
    const student = member({ abroadKind: 'studying', abroadSince: '2020-09-01' });
    expect(dueDecisions(student, '2025-09-01')).toEqual([]);
    expect(dueDecisions(student, '2025-09-02')).toEqual([
      { decision: 'suspend', rule: 'studying_abroad', basisOn: '2020-09-01', dueSince: '2025-09-02' },
    ]);
    expect(paths(decisionProblems(student, decision('suspend', '2025-09-01'), '2025-10-01', null))).toEqual([
      'resolutionOn',
    ]);
  });
});

describe('党章第九条: six months in a row without paying dues → 自行脱党, decided by the branch meeting', () => {
  it('given dues unpaid from 2025-01, then removal as lapsed is due from 2025-07-01, the six months behind it', () => {
    expect(duesLapseDue('2025-01')).toEqual({
      decision: 'lapse',
      rule: 'dues_unpaid',
      basisOn: '2025-01-01',
      dueSince: '2025-07-01',
    });
  });

  it('the branch meeting decides and the committee above approves: it takes effect on the approval', () => {
    expect(needsApproval('lapse')).toBe(true);
    expect(effectiveOn('lapse', '2025-08-01', null)).toBeNull();
    expect(effectiveOn('lapse', '2025-08-01', '2025-08-20')).toBe('2025-08-20');
    expect(standingAfter('lapse')).toEqual({ standing: 'left', leftHow: 'lapsed' });
  });
});

describe('党章第九条、第四十二条: how a member leaves, and when it takes effect', () => {
  it('除名 and 开除党籍 take effect when the committee above approves them', () => {
    for (const k of ['remove', 'expel', 'suspend', 'restore'] as const) expect(needsApproval(k)).toBe(true);
    expect(standingAfter('remove')).toEqual({ standing: 'left', leftHow: 'removal' });
    expect(standingAfter('expel')).toEqual({ standing: 'left', leftHow: 'expulsion' });
  });

  it('退党 is announced by the branch meeting and only filed above (备案): it takes effect at the meeting', () => {
    expect(needsApproval('resign')).toBe(false);
    expect(effectiveOn('resign', '2025-05-06', null)).toBe('2025-05-06');
    expect(standingAfter('resign')).toEqual({ standing: 'left', leftHow: 'resignation' });
  });

  it('a death takes effect at once, needs no approval, and refuses one', () => {
    expect(effectiveOn('death', '2025-05-06', null)).toBe('2025-05-06');
    expect(
      paths(decisionProblems(member(), decision('death', '2025-05-06', '2025-05-07'), '2025-06-01', null)),
    ).toEqual(['approvedOn']);
  });

  it('suspension makes the member suspended, restoration normal again', () => {
    expect(standingAfter('suspend')).toEqual({ standing: 'suspended', leftHow: null });
    expect(standingAfter('restore')).toEqual({ standing: 'normal', leftHow: null });
  });
});

describe('the dates of a decision', () => {
  const lost = member({ lostContactOn: '2024-01-10' });

  it('the branch meeting cannot be in the future, nor before the member joined', () => {
    expect(paths(decisionProblems(lost, decision('expel', '2025-09-01'), '2025-08-01', null))).toEqual([
      'resolutionOn',
    ]);
    expect(paths(decisionProblems(lost, decision('expel', '2004-01-01'), '2025-08-01', null))).toEqual([
      'resolutionOn',
    ]);
  });

  it('the approval cannot come before the branch meeting, nor be in the future, and names its body', () => {
    expect(
      paths(approvalProblems('2025-08-01', { approvedOn: '2025-07-31', approvedBy: '镇党委' }, '2025-09-01')),
    ).toEqual(['approvedOn']);
    expect(
      paths(approvalProblems('2025-08-01', { approvedOn: '2025-09-02', approvedBy: '镇党委' }, '2025-09-01')),
    ).toEqual(['approvedOn']);
    expect(
      paths(approvalProblems('2025-08-01', { approvedOn: '2025-08-02', approvedBy: null }, '2025-09-01')),
    ).toEqual(['approvedBy']);
    expect(
      approvalProblems('2025-08-01', { approvedOn: '2025-08-01', approvedBy: '镇党委' }, '2025-09-01'),
    ).toEqual([]);
  });

  it('a decision cannot come before the last decision that took effect, nor before the suspension it follows', () => {
    expect(
      paths(decisionProblems(lost, decision('suspend', '2025-01-01'), '2025-08-01', '2025-02-01')),
    ).toEqual(['resolutionOn']);
    const suspended = member({ standing: 'suspended', suspendedOn: '2025-02-01' });
    expect(paths(decisionProblems(suspended, decision('expel', '2025-01-15'), '2025-08-01', null))).toEqual([
      'resolutionOn',
    ]);
  });
});

describe('lost contact and found again', () => {
  it('contact is lost on a day not in the future and not before joining', () => {
    expect(lostContactProblems(member(), '2025-01-10', '2025-02-01')).toEqual([]);
    expect(paths(lostContactProblems(member(), '2025-03-01', '2025-02-01'))).toEqual(['lostOn']);
    expect(paths(lostContactProblems(member(), '2004-03-01', '2025-02-01'))).toEqual(['lostOn']);
  });

  it('a member already out of contact is not marked again; after being found, a new episode may begin', () => {
    expect(
      paths(lostContactProblems(member({ lostContactOn: '2025-01-10' }), '2025-01-20', '2025-02-01')),
    ).toEqual(['lostOn']);
    const found = member({ lostContactOn: '2024-01-10', foundOn: '2024-06-01' });
    expect(lostContactProblems(found, '2025-01-20', '2025-02-01')).toEqual([]);
    expect(paths(lostContactProblems(found, '2024-05-01', '2025-02-01'))).toEqual(['lostOn']);
  });

  it('contact is found again only when lost, not before it was lost', () => {
    expect(paths(foundProblems(member(), '2025-01-20', '2025-02-01'))).toEqual(['foundOn']);
    const lost = member({ lostContactOn: '2025-01-10' });
    expect(paths(foundProblems(lost, '2025-01-01', '2025-02-01'))).toEqual(['foundOn']);
    expect(foundProblems(lost, '2025-01-20', '2025-02-01')).toEqual([]);
  });
});

describe('which decisions a page offers', () => {
  it('a member in good standing: suspension only with a ground recorded; the leavings always', () => {
    expect(decisionsAllowed(member(), false)).toEqual(['lapse', 'remove', 'expel', 'resign', 'death']);
    expect(decisionsAllowed(member({ lostContactOn: '2025-01-10' }), false)[0]).toBe('suspend');
  });

  it('while a decision awaits approval only a death may be recorded; nothing for someone who left', () => {
    expect(decisionsAllowed(member(), true)).toEqual(['death']);
    expect(decisionsAllowed(member({ standing: 'left' }), false)).toEqual([]);
  });
});

describe('党章第九条、第四十二条: the committee above approves — or refuses (不予批准)', () => {
  it('given a suspension the branch meeting decided on 2025-07-20, it awaits the committee until either is recorded', () => {
    expect(decisionState('suspend', { approvedOn: null, refusedOn: null })).toBe('awaiting');
    expect(decisionState('suspend', { approvedOn: '2025-08-05', refusedOn: null })).toBe('in_effect');
  });

  it('when the committee refuses it, the decision is refused and has no effect; what made it due is due again', () => {
    expect(decisionState('suspend', { approvedOn: null, refusedOn: '2025-08-05' })).toBe('refused');
    // the rules still see the member out of contact for six months: the suspension is due again
    expect(dueDecisions(member({ lostContactOn: '2025-01-10' }), '2025-08-10')).toMatchObject([
      { decision: 'suspend', rule: 'lost_contact', dueSince: '2025-07-10' },
    ]);
  });

  it('退党 and 逝世 need no approval, so there is nothing to refuse', () => {
    expect(decisionState('death', { approvedOn: null, refusedOn: null })).toBe('in_effect');
    const d = { kind: 'resign' as const, resolutionOn: '2025-05-06', approvedOn: null, refusedOn: null };
    expect(paths(refusalProblems(d, '2025-05-10', '2025-05-10'))).toEqual(['refusedOn']);
  });

  it('the refusal is dated not before the branch meeting and not after today', () => {
    const d = { kind: 'suspend' as const, resolutionOn: '2025-07-20', approvedOn: null, refusedOn: null };
    expect(refusalProblems(d, '2025-08-05', '2025-08-10')).toEqual([]);
    expect(paths(refusalProblems(d, '2025-07-19', '2025-08-10'))).toEqual(['refusedOn']);
    expect(paths(refusalProblems(d, '2025-08-11', '2025-08-10'))).toEqual(['refusedOn']);
  });
});
