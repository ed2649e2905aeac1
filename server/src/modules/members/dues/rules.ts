import { DUES_CATEGORY_DESCRIPTIONS } from '../../../../../contracts/labels.ts';
import { addMonthsToMonth } from '../../../platform/time.ts';
/**
 * Monthly Party dues standard, by the 2008 rules of the Central Organization Department
 * (关于中国共产党党费收缴、使用和管理的规定). Amounts in fen (0.01 yuan), rounded half up.
 *
 * - Members on a salary, by after-tax monthly income: up to 3,000 yuan (inclusive) 0.5%;
 *   above 3,000 up to 5,000: 1%; above 5,000 up to 10,000: 1.5%; above 10,000: 2%.
 * - Retirees, by monthly retirement pay: up to 5,000 (inclusive) 0.5%; above 5,000: 1%.
 * - Farmers, students, members without income or on relief: a small fixed amount per month
 *   that the department sets (typically 0.2 to 1 yuan).
 */
export type DuesCategory = 'salaried' | 'retired' | 'farmer' | 'student' | 'relief';
export const DUES_CATEGORIES: DuesCategory[] = ['salaried', 'retired', 'farmer', 'student', 'relief'];

export type FixedDues = Record<'farmer' | 'student' | 'relief', number>;
/** The department's fixed amounts, in fen; configurable per deployment. */
export const DEFAULT_FIXED_DUES: FixedDues = { farmer: 50, student: 20, relief: 20 };

export function duesRate(category: 'salaried' | 'retired', monthlyIncomeFen: number): number {
  const yuan = monthlyIncomeFen / 100;
  if (category === 'retired') return yuan <= 5000 ? 0.005 : 0.01;
  if (yuan <= 3000) return 0.005;
  if (yuan <= 5000) return 0.01;
  if (yuan <= 10000) return 0.015;
  return 0.02;
}

export function duesStandard(
  category: DuesCategory,
  monthlyIncomeFen: number | null,
  fixed: FixedDues = DEFAULT_FIXED_DUES,
): number {
  if (category === 'farmer' || category === 'student' || category === 'relief') return fixed[category];
  if (monthlyIncomeFen == null || monthlyIncomeFen < 0)
    throw new Error('income required for salaried and retired members');
  // integer arithmetic: rate has at most 3 decimals, so scale by 1000 and round half up
  const perMille = Math.round(duesRate(category, monthlyIncomeFen) * 1000);
  return Math.floor((monthlyIncomeFen * perMille + 500) / 1000);
}

/** Dues may be paid ahead (a member going away for work), at most a year. */
export const MAX_MONTHS_AHEAD = 12;

/** 党章第九条: six months in a row without paying dues, without good reason, is leaving the Party. */
export const FLAG_AFTER_MONTHS = 6;

/** Income brackets in fen: (overFen, upToFen]; null is "no upper limit". */
const BRACKETS: Record<'salaried' | 'retired', [number, number | null][]> = {
  salaried: [
    [0, 300_000],
    [300_000, 500_000],
    [500_000, 1_000_000],
    [1_000_000, null],
  ],
  retired: [
    [0, 500_000],
    [500_000, null],
  ],
};

/**
 * The 2008 rules (关于中国共产党党费收缴、使用和管理的规定) as data for the dues screens. The rates
 * are read from duesRate itself, so the table shown is the rule the server computes with.
 */
export function duesStandardTable() {
  const brackets = (['salaried', 'retired'] as const).flatMap((category) =>
    BRACKETS[category].map(([overFen, upToFen]) => ({
      category,
      label: DUES_CATEGORY_DESCRIPTIONS[category].zh,
      labelEn: DUES_CATEGORY_DESCRIPTIONS[category].en,
      overFen,
      upToFen,
      rate: duesRate(category, upToFen ?? overFen + 1),
    })),
  );
  const fixed = (['farmer', 'student', 'relief'] as const).map((category) => ({
    category,
    label: DUES_CATEGORY_DESCRIPTIONS[category].zh,
    labelEn: DUES_CATEGORY_DESCRIPTIONS[category].en,
    amountFen: DEFAULT_FIXED_DUES[category],
  }));
  return {
    source: '中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008 年）',
    basis: '按月交纳；在职党员以税后工资收入、离退休党员以离退休费为基数，四舍五入到分',
    brackets,
    fixed,
  };
}

/**
 * The first month whose dues the platform counts for a member: the later of the join month and
 * the month the member arrived on the platform (created, imported or transferred in), or the month
 * after a "dues paid until" month given then. (Before this, a member created this minute was
 * listed six months in arrears, and one with no payment on file was counted from January.)
 * Months are YYYY-MM; `joinedOn` a YYYY-MM-DD date or null for people not yet members.
 */
export function duesFromMonth(p: {
  joinedOn: string | null;
  arrivedMonth: string;
  paidUntil?: string | null;
}): string {
  if (p.paidUntil) return addMonthsToMonth(p.paidUntil, 1);
  const joined = p.joinedOn ? p.joinedOn.slice(0, 7) : p.arrivedMonth;
  return joined > p.arrivedMonth ? joined : p.arrivedMonth;
}
