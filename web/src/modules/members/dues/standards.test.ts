import { describe, expect, it } from 'vitest';
import { bracketRange, ratePercent } from './standards.ts';

// 2008 dues rules: after-tax monthly pay up to 3000 yuan pays 0.5%, over 3000 up to 5000 pays 1%,
// over 5000 up to 10000 pays 1.5%, over 10000 pays 2%.
describe('the dues standard table, said as the rules say it', () => {
  it('names the lowest bracket with its upper bound included', () => {
    expect(bracketRange(0, 300_000, 'zh')).toBe('3,000 元以下（含 3,000 元）');
    expect(bracketRange(0, 300_000, 'en')).toBe('Up to ¥3,000');
  });
  it('names a middle bracket from its lower bound (excluded) to its upper bound (included)', () => {
    expect(bracketRange(300_000, 500_000, 'zh')).toBe('3,000 元以上至 5,000 元（含 5,000 元）');
    expect(bracketRange(300_000, 500_000, 'en')).toBe('Over ¥3,000, up to ¥5,000');
  });
  it('names the top bracket without an upper bound', () => {
    expect(bracketRange(1_000_000, null, 'zh')).toBe('10,000 元以上');
    expect(bracketRange(1_000_000, null, 'en')).toBe('Over ¥10,000');
  });
  it('writes rates as percentages without trailing zeros', () => {
    expect([0.005, 0.01, 0.015, 0.02].map(ratePercent)).toEqual(['0.5%', '1%', '1.5%', '2%']);
  });
});
