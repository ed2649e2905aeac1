import { describe, expect, it } from 'vitest';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/enums.ts';
import { PIPELINE_FILE_FIELDS } from '../../../../../contracts/members/pipeline.ts';
import { nextStatusOf, PIPELINE_STEPS, stepState } from './steps.ts';

describe('the recruitment pipeline, 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员', () => {
  it('asks for every item of the rule book exactly once, in its order', () => {
    expect(PIPELINE_STEPS.flatMap((s) => s.items)).toEqual([...PIPELINE_ITEMS]);
    expect(PIPELINE_STEPS.flatMap((s) => s.fields).sort()).toEqual([...PIPELINE_FILE_FIELDS].sort());
  });
  it('ends each step with its decision, which the advance records', () => {
    for (const step of PIPELINE_STEPS) expect(step.items.at(-1)).toBe(step.decision);
  });
  it('moves an applicant to activist and stops at a full member', () => {
    expect(nextStatusOf('applicant')).toBe('activist');
    expect(nextStatusOf('probationary')).toBe('full');
    expect(nextStatusOf('full')).toBeNull();
  });
  it('shows a candidate the steps taken, the next one and the ones not yet reachable', () => {
    expect(PIPELINE_STEPS.map((s) => stepState('candidate', s.to))).toEqual([
      'done',
      'done',
      'next',
      'notYet',
    ]);
  });
});
