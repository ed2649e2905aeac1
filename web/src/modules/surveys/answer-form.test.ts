import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../../../contracts/surveys/definition.ts';
import { isShown, visibleAnswers } from './AnswerForm.tsx';

const q = (id: string, extra: object = {}) => ({
  id,
  kind: 'single' as const,
  title: id,
  required: true,
  options: ['是', '否'],
  minPicks: null,
  maxPicks: null,
  scaleMin: 1,
  scaleMax: 5,
  minLabel: '',
  maxLabel: '',
  rows: [],
  min: null,
  max: null,
  showIf: null,
  ...extra,
});
/** q2 is asked only of those who answered q1 with 是; q3 only of those who then rated q2 4 or 5. */
const definition: SurveyDefinition = {
  sections: [
    {
      title: '',
      questions: [
        q('q1'),
        q('q2', { kind: 'rating', showIf: { questionId: 'q1', anyOf: [0] } }),
        q('q3', { showIf: { questionId: 'q2', anyOf: [4, 5] } }),
      ],
    },
  ],
};

describe('the form asks a show-if question only after the answer that shows it', () => {
  it('as the server counts it', () => {
    const [, q2, q3] = definition.sections[0].questions;
    expect(isShown(q2, {})).toBe(false);
    expect(isShown(q2, { q1: 0 })).toBe(true);
    expect(isShown(q3, { q1: 0, q2: 5 })).toBe(true);
  });
  it('and drops the answers of questions hidden again when an earlier answer changes, down the chain', () => {
    expect(visibleAnswers({ definition }, { q1: 1, q2: 5, q3: 0 })).toEqual({ q1: 1 });
    expect(visibleAnswers({ definition }, { q1: 0, q2: 3, q3: 0 })).toEqual({ q1: 0, q2: 3 });
  });
});
