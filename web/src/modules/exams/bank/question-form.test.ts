import { describe, expect, it } from 'vitest';
import { bodyOf, type QuestionValues } from './question-form.ts';

const base: QuestionValues = {
  categoryId: '1',
  type: 'single',
  stem: '题干',
  format: 'plain',
  difficulty: 'medium',
};
const choices = [
  { text: '甲', right: true, weight: 50 },
  { text: '乙', right: true, weight: 50 },
  { text: '丙', right: true, weight: 0 },
  { text: '丁', right: false, weight: -100 },
];

describe('the question editor’s values as the bank’s shape', () => {
  it('a single choice: the ticked one at 100, the rest at 0', () => {
    const b = bodyOf({ ...base, choices: [choices[3], { text: '戊', right: true }] });
    expect(b.choices).toEqual([
      { text: '丁', weight: 0 },
      { text: '戊', weight: 100 },
    ]);
  });
  it('a multiple choice, all or nothing: the ticked ones share 100', () => {
    const b = bodyOf({ ...base, type: 'multiple', choices });
    expect(b.scoring).toBe('all-or-nothing');
    expect(b.choices?.map((c) => c.weight)).toEqual([33.33333, 33.33333, 33.33333, 0]);
  });
  it('a multiple choice with partial credit keeps the weights typed, wrong ones negative', () => {
    const b = bodyOf({ ...base, type: 'multiple', scoring: 'partial', choices });
    expect(b.choices?.map((c) => c.weight)).toEqual([50, 50, 0, -100]);
  });
  it('true/false, fill-in, numeric and short answers carry only their own answer', () => {
    expect(bodyOf({ ...base, type: 'truefalse', correct: false, choices })).toMatchObject({ correct: false });
    expect(bodyOf({ ...base, type: 'truefalse', correct: false, choices }).choices).toBeUndefined();
    expect(bodyOf({ ...base, type: 'fill', accepted: [{ text: '民主集中制' }] }).accepted).toEqual([
      { text: '民主集中制', weight: 100 },
    ]);
    expect(bodyOf({ ...base, type: 'numeric', numeric: [{ min: 4, max: 6 }] }).numeric).toEqual([
      { min: 4, max: 6, weight: 100 },
    ]);
    expect(bodyOf({ ...base, type: 'short', choices, explanation: '' })).toEqual({
      type: 'short',
      stem: '题干',
      format: 'plain',
      explanation: undefined,
      difficulty: 'medium',
      tags: [],
    });
  });
});
