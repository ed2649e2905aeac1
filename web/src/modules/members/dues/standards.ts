import type { Lang } from '../../../../../contracts/labels.ts';

const amount = (fen: number) => (fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * An income bracket (overFen, upToFen] of the dues rules, said as the rules say it:
 * 3000 元以下（含 3000 元）, 3000 元以上至 5000 元（含 5000 元）, 10000 元以上.
 */
export function bracketRange(overFen: number, upToFen: number | null, lang: Lang): string {
  if (lang === 'en') {
    if (upToFen === null) return `Over ¥${amount(overFen)}`;
    if (overFen === 0) return `Up to ¥${amount(upToFen)}`;
    return `Over ¥${amount(overFen)}, up to ¥${amount(upToFen)}`;
  }
  if (upToFen === null) return `${amount(overFen)} 元以上`;
  if (overFen === 0) return `${amount(upToFen)} 元以下（含 ${amount(upToFen)} 元）`;
  return `${amount(overFen)} 元以上至 ${amount(upToFen)} 元（含 ${amount(upToFen)} 元）`;
}

/** A rate as the rules write it: 0.005 → 0.5%. */
export const ratePercent = (rate: number): string => `${Number((rate * 100).toFixed(2))}%`;
