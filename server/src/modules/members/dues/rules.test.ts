import { describe, expect, it } from 'vitest';
import { duesStandard } from './rules.ts';

const yuan = (y: number) => Math.round(y * 100);

describe('dues standard by the 2008 rules', () => {
  it.each([
    [2500, 12.5],
    [3000, 15], // 3,000 inclusive is still 0.5%
    [3000.01, 30], // just above: 1%
    [5000, 50],
    [5000.01, 75], // 1.5%
    [8000, 120],
    [10000, 150],
    [10000.01, 200], // 2%
    [12345.67, 246.91],
  ])('a salaried member with %d yuan after tax pays %d yuan a month', (income, dues) => {
    expect(duesStandard('salaried', yuan(income))).toBe(yuan(dues));
  });

  it.each([
    [4000, 20],
    [5000, 25],
    [6000, 60],
  ])('a retiree with %d yuan pays %d yuan', (income, dues) => {
    expect(duesStandard('retired', yuan(income))).toBe(yuan(dues));
  });

  it('farmers, students and members on relief pay the department’s fixed amount', () => {
    expect(duesStandard('farmer', null)).toBe(50);
    expect(duesStandard('student', null)).toBe(20);
    expect(duesStandard('relief', null, { farmer: 100, student: 20, relief: 10 })).toBe(10);
  });

  it('rounds half a fen up', () => {
    expect(duesStandard('salaried', 100)).toBe(1); // 1 yuan × 0.5% = 0.5 fen → 1 fen
  });
});
