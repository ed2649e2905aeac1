import { describe, expect, it } from 'vitest';
import type { Bulletin } from './api.ts';
import { runningTally } from './count.ts';
import { parseCandidates } from './ElectionForm.tsx';

const board: Bulletin = {
  electionId: '1',
  title: '换届选举',
  chainHead: 'h',
  candidates: [
    { id: '1', name: '甲', memberId: null, office: 'member' },
    { id: '2', name: '乙', memberId: null, office: 'member' },
  ],
  ballots: [
    {
      position: 1,
      trackingCode: 'A',
      valid: true,
      hash: 'x',
      choices: { marks: { '1': 'yes', '2': 'no' }, writeIns: [] },
    },
    {
      position: 2,
      trackingCode: 'B',
      valid: false,
      hash: 'y',
      choices: { marks: { '1': 'yes', '2': 'yes' }, writeIns: [] },
    },
    {
      position: 3,
      trackingCode: 'C',
      valid: true,
      hash: 'z',
      choices: { marks: { '2': 'yes' }, writeIns: ['丙'] },
    },
  ],
};

describe('唱票: the running tally on the big screen', () => {
  it('after the first ballot, 甲 has one 赞成 and 乙 one 不赞成', () => {
    expect(runningTally(board, 1)).toEqual([
      { name: '甲', yes: 1, no: 0, other: 0 },
      { name: '乙', yes: 0, no: 1, other: 0 },
    ]);
  });
  it('an invalid ballot counts for nobody; a written-in name gets its own row', () => {
    expect(runningTally(board, 3)).toEqual([
      { name: '甲', yes: 1, no: 0, other: 0 },
      { name: '乙', yes: 1, no: 1, other: 0 },
      { name: '丙', yes: 1, no: 0, other: 0 },
    ]);
  });
});

describe('the candidate list as typed', () => {
  it('is one name a line, with （书记） or （副书记） marking a directly elected office', () => {
    expect(parseCandidates('张三\n\n 李四（书记）\n王五（副书记）')).toEqual([
      { name: '张三', memberId: null, office: 'member' },
      { name: '李四', memberId: null, office: 'secretary' },
      { name: '王五', memberId: null, office: 'deputy' },
    ]);
  });
});
