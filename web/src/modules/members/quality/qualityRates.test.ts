import { describe, expect, it } from 'vitest';
import { QualityRow } from '../../../../../contracts/members/quality.ts';
import { RATES } from './qualityRates.ts';

describe('the four record-quality rates', () => {
  it('are shown in the order PRODUCT.md lists them', () => {
    expect(RATES).toEqual(['completenessRate', 'updateRate', 'photoRate', 'duesStandardRate']);
  });
  it("are each a field of the server's quality row, so a renamed rate breaks here and not on screen", () => {
    const fields = Object.keys(QualityRow.shape);
    for (const rate of RATES) expect(fields).toContain(rate);
  });
});
