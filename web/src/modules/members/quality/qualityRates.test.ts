import { describe, expect, it } from 'vitest';
import { QUALITY_RATES, QualityRow } from '../../../../../contracts/members/quality.ts';
import type { QualityRowT } from './api.ts';
import { axisMin, barsOf, RATES } from './qualityRates.ts';

const row = (orgName: string, members: number, completenessRate: number): QualityRowT => ({
  orgId: orgName,
  orgName,
  members,
  completenessRate,
  updateRate: 0,
  photoRate: 0,
  duesStandardRate: 0,
});

describe('the four record-quality rates', () => {
  it('are shown in the order PRODUCT.md lists them', () => {
    expect(RATES).toEqual(['completenessRate', 'updateRate', 'photoRate', 'duesStandardRate']);
    expect([...RATES]).toEqual([...QUALITY_RATES]);
  });
  it("are each a field of the server's quality row, so a renamed rate breaks here and not on screen", () => {
    const fields = Object.keys(QualityRow.shape);
    for (const rate of RATES) expect(fields).toContain(rate);
  });
});

describe('the bars of a rate', () => {
  it('leave out organizations with no members (a 党小组 holds none) and put the lowest first', () => {
    const bars = barsOf(
      [row('一支部', 30, 0.9912), row('第一党小组', 0, 0), row('二支部', 12, 0.5733), row('三支部', 8, 0.8)],
      'completenessRate',
    );
    expect(bars.map((b) => [b.orgName, b.value])).toEqual([
      ['二支部', 57.3],
      ['三支部', 80],
      ['一支部', 99.1],
    ]);
  });
  it('start the axis at a round 5 % just below the lowest, so 57–99 % is not squeezed against 0–100 %', () => {
    expect(axisMin([57.3, 80, 99.1])).toBe(55);
    expect(axisMin([96, 100])).toBe(90);
    expect(axisMin([1.5, 40])).toBe(0);
    expect(axisMin([])).toBe(0);
  });
});
