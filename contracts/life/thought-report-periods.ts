// 思想汇报 periods, without zod: the member app (first load ≤ 200 KB) imports them from here;
// contracts/life/thought-reports.ts builds its schemas on them.

/** How often a branch's writers hand in a report (quarterly by default, a department setting). */
export const THOUGHT_REPORT_FREQUENCIES = ['monthly', 'quarterly', 'half_yearly'] as const;
export type ThoughtReportFrequency = (typeof THOUGHT_REPORT_FREQUENCIES)[number];

/** A report is for one period: 2026-11 (a month), 2026-Q4 (a quarter), 2026-H2 (a half year). */
export const PERIOD_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12]))$/;

const QUARTERS_ZH = ['一', '二', '三', '四'];
const QUARTERS_EN = ['first', 'second', 'third', 'fourth'];

/** A period in words: 2026-Q4 → 2026年第四季度 / the fourth quarter of 2026. */
export function periodWords(label: string, lang: 'zh' | 'en' = 'zh'): string {
  const m = PERIOD_PATTERN.exec(label);
  if (!m) return label;
  const [, year, month, quarter, half] = m;
  if (month) return lang === 'zh' ? `${year}年${Number(month)}月` : `${year}-${month}`;
  if (quarter)
    return lang === 'zh'
      ? `${year}年第${QUARTERS_ZH[Number(quarter) - 1]}季度`
      : `the ${QUARTERS_EN[Number(quarter) - 1]} quarter of ${year}`;
  return lang === 'zh'
    ? `${year}年${half === '1' ? '上半年' : '下半年'}`
    : `the ${half === '1' ? 'first' : 'second'} half of ${year}`;
}
