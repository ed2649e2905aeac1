import { describe, expect, it } from 'vitest';
import type { BallotChoices } from '../../../../contracts/elections/elections.ts';
import {
  ballotProblem,
  candidateListProblem,
  enoughYes,
  meetingValid,
  minCandidates,
  noVoteReason,
  paperBallotValidity,
} from './rules.ts';
import { buildChain, chainLink, chainStart, tally } from './tally.ts';

const full = { status: 'full', partyStanding: 'normal', discipline: [] };

describe('who votes (条例第五条)', () => {
  it('a full member in normal standing votes', () => {
    expect(noVoteReason(full, '2026-12-03')).toBeNull();
  });
  it('a probationary member has no vote', () => {
    expect(noVoteReason({ ...full, status: 'probationary' }, '2026-12-03')).toBe('probationary');
  });
  it('a member under 留党察看 has no vote while it lasts, and votes again after two years', () => {
    const d = [{ title: '留党察看', on: '2025-06-01' }];
    expect(noVoteReason({ ...full, discipline: d }, '2026-12-03')).toBe('observation');
    expect(noVoteReason({ ...full, discipline: d }, '2027-06-02')).toBeNull();
  });
  it('a warning (警告) takes no vote away', () => {
    expect(
      noVoteReason({ ...full, discipline: [{ title: '警告', on: '2026-01-01' }] }, '2026-12-03'),
    ).toBeNull();
  });
  it('a suspended member has no vote', () => {
    expect(noVoteReason({ ...full, partyStanding: 'suspended' }, '2026-12-03')).toBe('suspended');
  });
});

describe('差额: at least 20% more committee candidates than seats', () => {
  it('five seats need six candidates, seven need nine, three need four', () => {
    expect(minCandidates(5)).toBe(6);
    expect(minCandidates(7)).toBe(9);
    expect(minCandidates(3)).toBe(4);
  });
  const c = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `候选人${i}`, office: 'member' }));
  it('five seats with five candidates are refused, with six pass', () => {
    expect(candidateListProblem('election', 5, c(5))?.zh).toContain('至少6名候选人');
    expect(candidateListProblem('election', 5, c(6))).toBeNull();
  });
  it('a secretary elected directly may stand alone', () => {
    expect(candidateListProblem('election', 1, [{ name: '张书记', office: 'secretary' }])).toBeNull();
  });
  it('two candidates of one name are refused', () => {
    expect(candidateListProblem('election', 1, [...c(1), ...c(1)])?.zh).toContain('重名');
  });
  it('an appraisal has no list to check', () => {
    expect(candidateListProblem('appraisal', 1, [])).toBeNull();
  });
});

describe('the meeting and the majority', () => {
  it('the meeting is valid only when more than 4/5 of those entitled are present', () => {
    expect(meetingValid(10, 8)).toBe(false);
    expect(meetingValid(10, 9)).toBe(true);
    expect(meetingValid(0, 0)).toBe(false);
  });
  it('elected with 赞成 from more than half of those entitled (应到会): 5 of 10 is not enough, 6 is', () => {
    expect(enoughYes(5, 10)).toBe(false);
    expect(enoughYes(6, 10)).toBe(true);
    // 9 of 10 entitled present, 5 say yes: more than half of those present, not of those entitled
    expect(enoughYes(5, 10)).toBe(false);
  });
});

describe('a ballot', () => {
  const ids = ['1', '2', '3'];
  it('as many 赞成 as seats stands', () => {
    expect(
      ballotProblem('election', 2, ids, { marks: { '1': 'yes', '2': 'yes', '3': 'no' }, writeIns: [] }),
    ).toBeNull();
  });
  it('more choices than seats is refused, write-ins counted', () => {
    const p = ballotProblem('election', 2, ids, { marks: { '1': 'yes', '2': 'yes' }, writeIns: ['李四'] });
    expect(p?.path).toBe('marks');
    expect(p?.text.zh).toContain('多于应选人数');
  });
  it('an over-long write-in is refused, naming which', () => {
    const p = ballotProblem('election', 2, ids, {
      marks: {},
      writeIns: ['一二三四五六七八九十一二三四五六七八九十一'],
    });
    expect(p?.path).toBe('writeIns.0');
  });
  it('a candidate not on the list is refused', () => {
    expect(ballotProblem('election', 2, ids, { marks: { '9': 'yes' }, writeIns: [] })?.path).toBe('marks.9');
  });
  it('an appraisal takes grades, not 赞成, and nobody rates themself', () => {
    expect(ballotProblem('appraisal', 1, ids, { marks: { '1': 'yes' }, writeIns: [] })?.path).toBe('marks.1');
    expect(
      ballotProblem('appraisal', 1, ids, { marks: { '1': 'excellent' }, writeIns: [] }, { candidateId: '1' })
        ?.text.zh,
    ).toBe('不能评议自己');
    expect(
      ballotProblem('appraisal', 1, ids, { marks: { '1': 'excellent', '2': 'basic' }, writeIns: [] }),
    ).toBeNull();
  });
  it('a paper ballot choosing too many is counted invalid, not refused', () => {
    expect(
      paperBallotValidity('election', 1, ids, { marks: { '1': 'yes', '2': 'yes' }, writeIns: [] }),
    ).toEqual({
      valid: false,
    });
    expect(
      'problem' in paperBallotValidity('election', 1, ids, { marks: { '7': 'yes' }, writeIns: [] }),
    ).toBe(true);
  });
});

describe('the count', () => {
  const cands = [
    { id: '1', name: '甲' },
    { id: '2', name: '乙' },
    { id: '3', name: '丙' },
  ];
  const b = (marks: Record<string, 'yes' | 'no'>, writeIns: string[] = [], valid = true) => ({
    choices: { marks, writeIns },
    valid,
  });
  const roll = { entitled: 5, present: 5, issued: 5 };

  it('given 5 present, 甲 with 4 赞成 and 乙 with 3 are elected to two seats; 丙 with 2 is not', () => {
    const r = tally(
      'election',
      2,
      cands,
      [
        b({ '1': 'yes', '2': 'yes' }),
        b({ '1': 'yes', '2': 'yes' }),
        b({ '1': 'yes', '3': 'yes' }),
        b({ '1': 'yes', '2': 'yes' }),
        b({ '3': 'yes' }, [], true),
      ],
      roll,
    );
    expect(r.elected).toEqual(['甲', '乙']);
    expect(r.remainingSeats).toBe(0);
    expect(r.tally.find((t) => t.name === '丙')?.abstain).toBe(3);
  });
  it('a tie across the last seat elects neither of the tied: they go to a re-vote', () => {
    const r = tally(
      'election',
      1,
      cands.slice(0, 2),
      [b({ '1': 'yes', '2': 'yes' }), b({ '1': 'yes', '2': 'yes' })],
      {
        entitled: 2,
        present: 2,
        issued: 2,
      },
    );
    expect(r.elected).toEqual([]);
    expect(r.tied).toEqual(['甲', '乙']);
    expect(r.remainingSeats).toBe(1);
  });
  it('more qualifiers than seats: the most votes win (7 present: 甲 5, 乙 5, 丙 4 all pass 3.5; two seats)', () => {
    const two = (x: string, y: string) => b({ [x]: 'yes', [y]: 'yes' });
    const r = tally(
      'election',
      2,
      cands,
      [
        two('1', '2'),
        two('1', '2'),
        two('1', '2'),
        two('1', '3'),
        two('1', '3'),
        two('2', '3'),
        two('2', '3'),
      ],
      { entitled: 7, present: 7, issued: 7 },
    );
    expect(r.elected).toEqual(['甲', '乙']);
    expect(r.tied).toEqual([]);
  });
  it('one elected outright and a tie for the second seat (甲 4, 乙 3, 丙 3 of 5)', () => {
    const two = (x: string, y: string) => b({ [x]: 'yes', [y]: 'yes' });
    const r = tally(
      'election',
      2,
      cands,
      [two('1', '2'), two('1', '3'), two('2', '3'), two('1', '2'), two('1', '3')],
      {
        entitled: 5,
        present: 5,
        issued: 5,
      },
    );
    expect(r.elected).toEqual(['甲']);
    expect(r.tied).toEqual(['乙', '丙']);
    expect(r.remainingSeats).toBe(1);
  });
  it('too few with more than half: the seats left go to a further round', () => {
    const r = tally('election', 2, cands, [b({ '1': 'yes' }), b({ '1': 'yes' }), b({ '2': 'yes' })], {
      entitled: 3,
      present: 3,
      issued: 3,
    });
    expect(r.elected).toEqual(['甲']);
    expect(r.remainingSeats).toBe(1);
  });
  it('nobody is elected when 4/5 were not present, and invalid ballots are counted apart', () => {
    const r = tally('election', 1, cands, [b({ '1': 'yes' }), b({ '1': 'yes', '2': 'yes' }, [], false)], {
      entitled: 5,
      present: 2,
      issued: 2,
    });
    expect(r.meetingValid).toBe(false);
    expect(r.elected).toEqual([]);
    expect([r.valid, r.invalid]).toEqual([1, 1]);
  });
  it('a written-in name counts as 赞成 for that name', () => {
    const r = tally('election', 1, cands, [b({}, ['丁']), b({}, ['丁']), b({}, ['甲'])], {
      entitled: 3,
      present: 3,
      issued: 3,
    });
    expect(r.elected).toEqual(['丁']);
    expect(r.tally.find((t) => t.name === '甲')?.yes).toBe(1);
  });
  it('an appraisal counts each member’s grades', () => {
    const r = tally(
      'appraisal',
      1,
      cands.slice(0, 1),
      [
        { choices: { marks: { '1': 'excellent' }, writeIns: [] }, valid: true },
        { choices: { marks: { '1': 'qualified' }, writeIns: [] }, valid: true },
      ],
      { entitled: 3, present: 3, issued: 3 },
    );
    expect(r.tally[0].grades).toEqual({ excellent: 1, qualified: 1, basic: 0, unqualified: 0 });
    expect(r.elected).toEqual([]);
  });
});

describe('the hash chain', () => {
  const ballots: { trackingCode: string; valid: boolean; choices: BallotChoices }[] = [
    { trackingCode: 'K2', valid: true, choices: { marks: { '1': 'yes' }, writeIns: [] } },
    { trackingCode: 'A7', valid: true, choices: { marks: { '2': 'no' }, writeIns: [] } },
  ];
  it('runs in tracking-code order from a start bound to the election', () => {
    const { links, head } = buildChain(4, ballots);
    expect(links.map((l) => l.trackingCode)).toEqual(['A7', 'K2']);
    const h1 = chainLink(chainStart(4), 'A7', true, ballots[1].choices);
    expect(links[0].hash).toBe(h1);
    expect(head).toBe(chainLink(h1, 'K2', true, ballots[0].choices));
  });
  it('changes its head when any ballot changes, and differs between elections', () => {
    const { head } = buildChain(4, ballots);
    const changed = [
      { ...ballots[0], choices: { marks: { '1': 'no' }, writeIns: [] } as BallotChoices },
      ballots[1],
    ];
    expect(buildChain(4, changed).head).not.toBe(head);
    expect(buildChain(5, ballots).head).not.toBe(head);
  });
  it('does not depend on the order the ballots are given in', () => {
    expect(buildChain(4, [...ballots].reverse()).head).toBe(buildChain(4, ballots).head);
  });
});
