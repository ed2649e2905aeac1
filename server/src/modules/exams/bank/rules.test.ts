import { describe, expect, it } from 'vitest';
import { type QuestionBody, QuestionBody as Shape } from '../../../../../contracts/exams/questions.ts';
import { nameOf, questionFlaw } from './rules.ts';

const q = (over: Partial<QuestionBody> & Pick<QuestionBody, 'type'>): QuestionBody =>
  Shape.parse({ stem: '题干', ...over });
const choices = (...weights: number[]) => weights.map((weight, i) => ({ text: `选项${i + 1}`, weight }));

describe('单选题', () => {
  it('is right with two choices or more and exactly one at 100', () => {
    expect(questionFlaw(q({ type: 'single', choices: choices(100, 0) }))).toBeNull();
    expect(questionFlaw(q({ type: 'single', choices: choices(0, 100, 0, 0) }))).toBeNull();
  });
  it('is refused with one choice, no right one or two right ones, naming choices', () => {
    expect(questionFlaw(q({ type: 'single', choices: choices(100) }))?.field).toBe('choices');
    expect(questionFlaw(q({ type: 'single', choices: choices(0, 0) }))?.text.zh).toContain('现有 0 个');
    expect(questionFlaw(q({ type: 'single', choices: choices(100, 100) }))?.text.zh).toContain('现有 2 个');
    expect(questionFlaw(q({ type: 'single', choices: choices(50, 50) }))?.field).toBe('choices');
  });
  it('takes no answers of another type', () => {
    expect(questionFlaw(q({ type: 'single', choices: choices(100, 0), correct: true }))?.field).toBe(
      'correct',
    );
  });
});

describe('多选题', () => {
  it('is right when the right choices add up to 100 (wrong ones may take points off)', () => {
    expect(questionFlaw(q({ type: 'multiple', choices: choices(50, 50, 0) }))).toBeNull();
    expect(
      questionFlaw(q({ type: 'multiple', choices: choices(33.33333, 33.33333, 33.33333, -100) })),
    ).toBeNull();
    expect(questionFlaw(q({ type: 'multiple', choices: choices(100, -50) }))).toBeNull();
  });
  it('is refused when the right ones add up to something else, or with fewer than two choices', () => {
    expect(questionFlaw(q({ type: 'multiple', choices: choices(50, 40, 0) }))?.text.zh).toContain('现为 90%');
    expect(questionFlaw(q({ type: 'multiple', choices: choices(100) }))?.field).toBe('choices');
    expect(questionFlaw(q({ type: 'multiple', choices: choices(0, 0) }))?.field).toBe('choices');
  });
});

describe('判断题, 填空题, 数值题, 简答题', () => {
  it('a true/false says which', () => {
    expect(questionFlaw(q({ type: 'truefalse', correct: false }))).toBeNull();
    expect(questionFlaw(q({ type: 'truefalse' }))?.field).toBe('correct');
  });
  it('a fill-in has an accepted answer at full marks', () => {
    expect(questionFlaw(q({ type: 'fill', accepted: [{ text: '民主集中制', weight: 100 }] }))).toBeNull();
    expect(questionFlaw(q({ type: 'fill', accepted: [] }))?.field).toBe('accepted');
    expect(questionFlaw(q({ type: 'fill', accepted: [{ text: '集中', weight: 50 }] }))?.field).toBe(
      'accepted',
    );
  });
  it('a numeric one has a value or range, its minimum not above its maximum', () => {
    expect(questionFlaw(q({ type: 'numeric', numeric: [{ min: 13, max: 13, weight: 100 }] }))).toBeNull();
    expect(questionFlaw(q({ type: 'numeric' }))?.field).toBe('numeric');
    expect(questionFlaw(q({ type: 'numeric', numeric: [{ min: 6, max: 4, weight: 100 }] }))?.field).toBe(
      'numeric',
    );
  });
  it('a short answer, graded by a person, has no answer key', () => {
    expect(questionFlaw(q({ type: 'short', explanation: '要点：……' }))).toBeNull();
    expect(questionFlaw(q({ type: 'short', choices: choices(100, 0) }))?.field).toBe('choices');
    expect(questionFlaw(q({ type: 'short', accepted: [{ text: '答案', weight: 100 }] }))?.field).toBe(
      'accepted',
    );
  });
});

describe('the name a list shows', () => {
  it('is the name given, else the stem’s first words without markup', () => {
    expect(nameOf({ name: '一大', stem: '……' })).toBe('一大');
    expect(nameOf({ stem: '<p>党的<b>根本</b>组织原则是</p>' })).toBe('党的 根本 组织原则是');
    expect(nameOf({ stem: '字'.repeat(60) })).toBe(`${'字'.repeat(40)}…`);
  });
});
