import { describe, expect, it } from 'vitest';
import { toFen, toYuan, yuan } from './format.ts';

describe('money: fen on the wire, yuan for people', () => {
  it('shows fen as yuan with two decimals and thousands separators', () => {
    expect(yuan(1250)).toBe('¥12.50');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(123456789)).toBe('¥1,234,567.89');
  });
  it('keeps the sign of a refund and says nothing for a missing amount', () => {
    expect(yuan(-1250)).toBe('-¥12.50');
    expect(yuan(null)).toBe('—');
    expect(yuan(undefined)).toBe('—');
  });
  it('turns yuan typed into a form into whole fen, rounding the float away', () => {
    expect(toFen(12.5)).toBe(1250);
    expect(toFen(0.1 + 0.2)).toBe(30); // 0.30000000000000004 yuan is 30 fen, not 30.000000000000004
    expect(toFen(19.99)).toBe(1999);
    expect(toYuan(1999)).toBe(19.99);
  });
});
