import { describe, expect, it } from 'vitest';
import type { QuestionBody } from '../../../../contracts/exams/questions.ts';
import { answerFlaw, keyOf, keyText, scoreOf, shareOf, viewOf } from './scoring.ts';

const base = { format: 'plain' as const, difficulty: 'medium' as const, tags: [] as string[] };
const single: QuestionBody = {
  ...base,
  type: 'single',
  stem: '党的最高理想是？',
  choices: [
    { text: '共产主义', weight: 100 },
    { text: '小康', weight: 0 },
    { text: '半对', weight: 50 },
  ],
};
const multi = (scoring: 'all-or-nothing' | 'partial'): QuestionBody => ({
  ...base,
  type: 'multiple',
  stem: '三会一课包括？',
  scoring,
  choices: [
    { text: '支部党员大会', weight: 50 },
    { text: '党小组会', weight: 50 },
    { text: '茶话会', weight: -100 },
  ],
});
const fill: QuestionBody = {
  ...base,
  type: 'fill',
  stem: '中国共产党成立于____年。',
  accepted: [
    { text: '1921', weight: 100 },
    { text: '一九二一', weight: 100 },
    { text: '1920', weight: 20 },
  ],
};
const numeric: QuestionBody = {
  ...base,
  type: 'numeric',
  stem: '预备期几个月？',
  numeric: [{ min: 11.5, max: 12.5, weight: 100 }],
};

describe('what an answer is worth', () => {
  it('single choice: the chosen weight, never below 0', () => {
    expect(shareOf(single, { choices: [0] })).toBe(1);
    expect(shareOf(single, { choices: [1] })).toBe(0);
    expect(shareOf(single, { choices: [2] })).toBe(0.5);
    expect(shareOf(single, { choices: [] })).toBe(0);
    expect(shareOf(single, null)).toBe(0);
    expect(scoreOf(single, { choices: [2] }, 3)).toBe(1.5);
  });

  it('multiple choice: all-or-nothing, or partial with wrong choices taking away', () => {
    expect(shareOf(multi('all-or-nothing'), { choices: [0, 1] })).toBe(1);
    expect(shareOf(multi('all-or-nothing'), { choices: [1, 0] })).toBe(1);
    expect(shareOf(multi('all-or-nothing'), { choices: [0] })).toBe(0);
    expect(shareOf(multi('all-or-nothing'), { choices: [0, 1, 2] })).toBe(0);
    expect(shareOf(multi('partial'), { choices: [0] })).toBe(0.5);
    expect(shareOf(multi('partial'), { choices: [0, 2] })).toBe(0);
    expect(shareOf(multi('partial'), { choices: [0, 1, 2] })).toBe(0);
    expect(scoreOf(multi('partial'), { choices: [1] }, 3)).toBe(1.5);
  });

  it('true/false, fill-in (width, case, spaces) and numeric ranges', () => {
    const tf: QuestionBody = { ...base, type: 'truefalse', stem: '对吗', correct: false };
    expect(shareOf(tf, { truth: false })).toBe(1);
    expect(shareOf(tf, { truth: true })).toBe(0);
    expect(shareOf(tf, {})).toBe(0);
    expect(shareOf(fill, { text: '１９２１' })).toBe(1);
    expect(shareOf(fill, { text: ' 一九二一 ' })).toBe(1);
    expect(shareOf(fill, { text: '1920' })).toBe(0.2);
    expect(shareOf(fill, { text: '' })).toBe(0);
    expect(shareOf(numeric, { text: '12' })).toBe(1);
    expect(shareOf(numeric, { text: '１２．５' })).toBe(1);
    expect(shareOf(numeric, { text: '13' })).toBe(0);
    expect(shareOf(numeric, { text: 'abc' })).toBe(0);
    expect(shareOf(numeric, { text: ' ' })).toBe(0);
  });

  it('short answers are for a person', () => {
    const short: QuestionBody = { ...base, type: 'short', stem: '谈认识' };
    expect(shareOf(short, { text: '很好' })).toBeNull();
    expect(scoreOf(short, { text: '很好' }, 10)).toBeNull();
    expect(keyOf(short)).toBeNull();
  });
});

describe('keys and views', () => {
  it('shows the key as letters in the order drawn', () => {
    expect(keyOf(multi('partial'))).toEqual({ choices: [0, 1] });
    expect(keyText(multi('partial'))).toBe('A、B');
    expect(keyText(multi('partial'), [2, 1, 0])).toBe('B、C');
    expect(keyText(fill)).toBe('1921 / 一九二一');
    expect(keyText(numeric)).toBe('11.5～12.5');
  });

  it('gives the examinee no weights, choices in the drawn order', () => {
    const v = viewOf(single, 4, 2, [2, 0, 1]);
    expect(v.choices).toEqual([
      { index: 2, text: '半对' },
      { index: 0, text: '共产主义' },
      { index: 1, text: '小康' },
    ]);
    expect(JSON.stringify(v)).not.toContain('weight');
  });

  it('refuses answers that do not fit', () => {
    expect(answerFlaw(single, { choices: [0] })).toBeNull();
    expect(answerFlaw(single, { choices: [] })).toBeNull();
    expect(answerFlaw(single, { choices: [0, 1] })?.field).toBe('answer.choices');
    expect(answerFlaw(single, { choices: [7] })?.field).toBe('answer.choices');
    expect(answerFlaw(multi('partial'), { choices: [1, 1] })?.field).toBe('answer.choices');
    expect(answerFlaw(single, { text: 'A' })?.field).toBe('answer.text');
    expect(answerFlaw(fill, { truth: true })?.field).toBe('answer.truth');
    expect(answerFlaw(fill, { text: 'x'.repeat(501) })?.field).toBe('answer.text');
  });
});
