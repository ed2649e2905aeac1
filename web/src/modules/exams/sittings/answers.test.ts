import { describe, expect, it } from 'vitest';
import type { SlotView } from '../../../../../contracts/exams/sittings.ts';
import { ApiError } from '../../../app/api.ts';
import { answerText, choose, classifyFailure, isAnswered, markOf, unansweredNumbers } from './answers.ts';

// a multiple-choice question whose choices were drawn in the order 2, 0, 1 for this attempt
const multiple: SlotView = {
  slot: 1,
  type: 'multiple',
  stem: '三会一课包括',
  format: 'plain',
  points: 3,
  choices: [
    { index: 2, text: '党小组会' },
    { index: 0, text: '支部党员大会' },
    { index: 1, text: '支委会' },
  ],
};
const single: SlotView = { ...multiple, slot: 0, type: 'single' };
const truth: SlotView = { slot: 2, type: 'truefalse', stem: '遵义会议…', format: 'plain', points: 1 };
const fill: SlotView = { slot: 3, type: 'fill', stem: '党的根本组织原则是____', format: 'plain', points: 2 };

describe('answering a question', () => {
  it('a single choice takes the tapped choice alone; a multiple one toggles it and keeps the order shown', () => {
    expect(choose(single, { choices: [2] }, 0)).toEqual({ choices: [0] });
    let a = choose(multiple, undefined, 1);
    a = choose(multiple, a, 2);
    expect(a).toEqual({ choices: [2, 1] });
    expect(choose(multiple, a, 2)).toEqual({ choices: [1] });
  });

  it('an emptied box or no choice left is no answer; 错误 is one', () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered({ choices: [] })).toBe(false);
    expect(isAnswered({ text: '  ' })).toBe(false);
    expect(isAnswered({ truth: false })).toBe(true);
    expect(isAnswered({ text: '民主集中制' })).toBe(true);
  });

  it('交卷 lists the questions not answered by the numbers shown', () => {
    const slots = [single, multiple, truth, fill];
    expect(
      unansweredNumbers(slots, { '0': { choices: [1] }, '2': { truth: true }, '3': { text: '' } }),
    ).toEqual([2, 4]);
  });

  it('the result says an answer with the letters as shown in the attempt, not the bank’s order', () => {
    const words = { yes: '正确', no: '错误' };
    // bank choices 0 and 1 were shown second and third: B、C
    expect(answerText(multiple, { choices: [0, 1] }, words)).toBe('B、C');
    expect(answerText(truth, { truth: false }, words)).toBe('错误');
    expect(answerText(fill, { text: '民主集中制' }, words)).toBe('民主集中制');
    expect(answerText(fill, null, words)).toBe('');
  });

  it('marks a question right, partly right, wrong, or waiting for a grader', () => {
    expect(markOf(3, 3)).toBe('right');
    expect(markOf(1.5, 3)).toBe('partial');
    expect(markOf(0, 3)).toBe('wrong');
    expect(markOf(null, 10)).toBe('pending');
  });
});

describe('what a failed save means', () => {
  it('the network or a busy server: try again; attempt closed: stop; a bad answer: do not resend', () => {
    expect(classifyFailure(new ApiError(0, 'network', '网络连接失败')).kind).toBe('retry');
    expect(classifyFailure(new ApiError(503, 'http_503', '服务器忙')).kind).toBe('retry');
    expect(classifyFailure(new ApiError(409, 'attempt_closed', '考试已结束')).kind).toBe('closed');
    expect(classifyFailure(new ApiError(400, 'validation', '单选题只能选一项'))).toEqual({
      kind: 'refused',
      message: '单选题只能选一项',
    });
    expect(classifyFailure(new TypeError('x')).kind).toBe('retry');
  });
});
