import { DUES_CATEGORY_DESCRIPTIONS } from '../../../../../contracts/labels.ts';
import type { DuesBasis, DuesMonthState, ReliefKind } from '../../../../../contracts/members/index.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addMonthsToMonth } from '../../../platform/time.ts';
import { duesFixedAmounts, duesMonthlyCapFen } from '../settings.ts';
/**
 * Monthly Party dues standard, by the 2008 rules of the Central Organization Department
 * (关于中国共产党党费收缴、使用和管理的规定). Amounts in fen (0.01 yuan), rounded half up.
 *
 * - Members on a salary, by after-tax monthly income: up to 3,000 yuan (inclusive) 0.5%;
 *   above 3,000 up to 5,000: 1%; above 5,000 up to 10,000: 1.5%; above 10,000: 2%.
 * - Retirees, by monthly retirement pay: up to 5,000 (inclusive) 0.5%; above 5,000: 1%.
 * - Farmers, students, members without income or on relief: a small fixed amount per month
 *   that the department sets (typically 0.2 to 1 yuan): the setting members.duesFixedAmounts.
 */
export type DuesCategory = 'salaried' | 'retired' | 'farmer' | 'student' | 'relief';
export const DUES_CATEGORIES: DuesCategory[] = ['salaried', 'retired', 'farmer', 'student', 'relief'];

export type FixedDues = Record<'farmer' | 'student' | 'relief', number>;
/** The department's figures the standard is computed with (settings.ts; read by readDuesTerms). */
export type DuesTerms = { fixed: FixedDues; capFen: number };
/** The settings' defaults: the regulation's figures, for code that runs before any is changed. */
export const DEFAULT_DUES_TERMS: DuesTerms = {
  fixed: duesFixedAmounts.default,
  capFen: duesMonthlyCapFen.default,
};

export function duesRate(category: 'salaried' | 'retired', monthlyIncomeFen: number): number {
  const yuan = monthlyIncomeFen / 100;
  if (category === 'retired') return yuan <= 5000 ? 0.005 : 0.01;
  if (yuan <= 3000) return 0.005;
  if (yuan <= 5000) return 0.01;
  if (yuan <= 10000) return 0.015;
  return 0.02;
}

/** The basis a category takes when none is named: salary for the salaried, pension for retirees. */
export function defaultBasis(category: DuesCategory | null): DuesBasis | null {
  if (category === 'salaried') return 'salary';
  if (category === 'retired') return 'pension';
  return null;
}

/**
 * The monthly base the rate applies to (2008 rules, 二): 实行年薪制的党员，以年薪的十二分之一为
 * 基数 (annual ÷ 12, half a fen up); 个体 and other members with their own income, the monthly
 * income they declare; otherwise the monthly figure as given (after-tax salary, retirement pay).
 */
export function duesBase(basis: DuesBasis | null, incomeFen: number): number {
  if (basis === 'annual_salary') return Math.floor((incomeFen + 6) / 12);
  return incomeFen;
}

/** A basis belongs to its category: salary, annual salary or self-employed income for the salaried, pension for retirees, none for the fixed categories. */
export function basisProblem(category: DuesCategory | null, basis: DuesBasis | null): Text | null {
  if (basis === null) return null;
  if (category === 'retired' && basis !== 'pension')
    return { zh: '离退休党员以月离退休费为基数', en: 'retirees pay on their monthly retirement pay' };
  if (category === 'salaried' && basis === 'pension')
    return { zh: '在职党员不以离退休费为基数', en: 'salaried members do not pay on a pension' };
  if (category !== 'salaried' && category !== 'retired')
    return { zh: '农民、学生和困难党员按固定标准交纳，无计算基数', en: 'fixed categories have no base' };
  return null;
}

/**
 * The monthly standard: the rate of its bracket on the base, rounded half up to the fen, and then
 * held to the cap: 中组部 2017 年通知，党员每月交纳党费一般不超过 1000 元 (members.duesMonthlyCapFen).
 * A member may pay more of their own will (自愿多交): that is a payment, not the standard.
 */
export function duesStandard(
  category: DuesCategory,
  incomeFen: number | null,
  terms: DuesTerms = DEFAULT_DUES_TERMS,
  basis: DuesBasis | null = null,
): number {
  if (category === 'farmer' || category === 'student' || category === 'relief')
    return Math.min(terms.fixed[category], terms.capFen);
  if (incomeFen == null || incomeFen < 0) throw new Error('income required for salaried and retired members');
  const base = duesBase(basis ?? defaultBasis(category), incomeFen);
  // integer arithmetic: rate has at most 3 decimals, so scale by 1000 and round half up
  const perMille = Math.round(duesRate(category, base) * 1000);
  return Math.min(Math.floor((base * perMille + 500) / 1000), terms.capFen);
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
 * are read from duesRate itself and the fixed amounts and cap from the department's settings, so
 * the table shown is the rule the server computes with.
 */
export function duesStandardTable(terms: DuesTerms = DEFAULT_DUES_TERMS) {
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
    amountFen: duesStandard(category, null, terms),
  }));
  return {
    source: '中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008 年）',
    basis:
      '按月交纳；在职党员以税后工资收入、实行年薪制的以年薪的十二分之一、个体等以本人申报的月收入、离退休党员以离退休费为基数，四舍五入到分',
    brackets,
    fixed,
    capFen: terms.capFen,
    capSource: duesMonthlyCapFen.source,
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
  // biome-ignore lint/complexity/useMathMinMax: months are YYYY-MM strings, compared as strings
  return joined > p.arrivedMonth ? joined : p.arrivedMonth;
}

// ── reductions, exemptions, good reasons ─────────────────────────────────────────────────────

export type ReliefLike = {
  kind: ReliefKind;
  amountFen: number | null;
  fromMonth: string;
  toMonth: string | null;
  branchApprovedOn: string | null;
  committeeApprovedOn: string | null;
};

/**
 * 2008 规定（三）: 少交或免交党费，须经党支部委员会（不设委员会的由党支部党员大会）讨论同意，报上级
 * 党委批准 — both dates recorded before a reduction or exemption applies. A good reason for not
 * paying (党章第九条 "没有正当理由"; illness, hardship, paying at the host branch) is the branch's
 * finding: its date is enough.
 */
export function reliefInEffect(r: Pick<ReliefLike, 'kind' | 'branchApprovedOn' | 'committeeApprovedOn'>) {
  if (!r.branchApprovedOn) return false;
  return r.kind === 'excused' || !!r.committeeApprovedOn;
}

/** Whether a relief covers `month` (its period, open-ended when toMonth is null). */
export const reliefCovers = (r: Pick<ReliefLike, 'fromMonth' | 'toMonth'>, month: string) =>
  r.fromMonth <= month && (r.toMonth === null || month <= r.toMonth);

/**
 * What is owed for a month: nothing when exempt, the reduced amount when reduced, otherwise the
 * standard. A good reason does not lower what is owed: it only means the months do not count
 * towards 自行脱党.
 */
export function dueFor(standardFen: number, relief: Pick<ReliefLike, 'kind' | 'amountFen'> | null): number {
  if (relief?.kind === 'exempt') return 0;
  if (relief?.kind === 'reduced') return Math.min(relief.amountFen ?? 0, standardFen);
  return standardFen;
}

/**
 * A month's payment compared with what was due: less is still owing (the month is not settled),
 * more is recorded as it is and shown as voluntary extra (自愿多交, which the rules welcome). A month
 * not yet over (`over` false: this month, or one paid ahead) is not owed: a month's dues fall due
 * within it, and the arrears count completed months only (arrears.ts lastCompletedMonth); what it
 * still lacks is pending.
 */
export function monthState(
  dueFen: number | null,
  paidFen: number | null,
  notDue = false,
  over = true,
): DuesMonthState {
  if (notDue) return 'not_due';
  // no standard yet (a record-quality problem): still owed, the amount as the branch enters it
  if (!paidFen) return dueFen === 0 ? 'exempt' : over ? 'unpaid' : 'pending';
  if (dueFen == null || paidFen === dueFen) return 'paid';
  if (paidFen > dueFen) return 'overpaid';
  return over ? 'underpaid' : 'pending';
}

export type Problem = { path: string; text: Text };

/** What must hold of a relief when it is recorded, each problem naming its field. */
export function reliefProblems(
  r: ReliefLike & { reasonKind: string | null },
  m: { duesFromMonth: string | null; standardFen: number | null },
  today: string,
): Problem[] {
  const out: Problem[] = [];
  if (r.kind === 'reduced') {
    if (r.amountFen == null)
      out.push({
        path: 'amountFen',
        text: { zh: '少交党费须填写每月应交金额', en: 'required for reduced dues' },
      });
    else if (m.standardFen == null)
      out.push({
        path: 'amountFen',
        text: { zh: '该党员尚无党费标准，请先核定标准', en: 'the member has no standard yet' },
      });
    else if (r.amountFen >= m.standardFen)
      out.push({
        path: 'amountFen',
        text: {
          zh: `少交金额须低于党费标准（每月 ${(m.standardFen / 100).toFixed(2)} 元）`,
          en: `must be below the standard (${(m.standardFen / 100).toFixed(2)} yuan a month)`,
        },
      });
  } else if (r.amountFen != null)
    out.push({ path: 'amountFen', text: { zh: '只有少交党费填写金额', en: 'only for reduced dues' } });
  if (r.kind === 'excused' && !r.reasonKind)
    out.push({ path: 'reasonKind', text: { zh: '请选择正当理由', en: 'choose the reason' } });
  if (r.kind !== 'excused' && r.reasonKind)
    out.push({ path: 'reasonKind', text: { zh: '只有正当理由填写此项', en: 'only for a good reason' } });
  if (r.toMonth && r.toMonth < r.fromMonth)
    out.push({ path: 'toMonth', text: { zh: '截止月份早于起始月份', en: 'before the first month' } });
  if (m.duesFromMonth && r.toMonth && r.toMonth < m.duesFromMonth)
    out.push({
      path: 'toMonth',
      text: {
        zh: `早于党费计缴起始月份（${m.duesFromMonth}），无需登记`,
        en: `before dues are counted (${m.duesFromMonth})`,
      },
    });
  if (r.branchApprovedOn && r.branchApprovedOn > today)
    out.push({ path: 'branchApprovedOn', text: { zh: '不能晚于今天', en: 'cannot be in the future' } });
  if (r.committeeApprovedOn) {
    if (r.committeeApprovedOn > today)
      out.push({ path: 'committeeApprovedOn', text: { zh: '不能晚于今天', en: 'cannot be in the future' } });
    else if (r.branchApprovedOn && r.committeeApprovedOn < r.branchApprovedOn)
      out.push({
        path: 'committeeApprovedOn',
        text: { zh: '上级党委批准早于党支部同意', en: 'before the branch agreed' },
      });
  }
  if (r.committeeApprovedOn && r.kind === 'excused')
    out.push({
      path: 'committeeApprovedOn',
      text: { zh: '正当理由由党支部认定，无需上级批准', en: 'a good reason is the branch’s finding' },
    });
  return out;
}

// ── the yearly recalculation ─────────────────────────────────────────────────────────────────

export type RecalcWindow = { from: string | null; to: string | null };

/** Whether `today` falls in the window the department opened (both ends included). */
export const windowOpen = (w: RecalcWindow, today: string) =>
  !!w.from && !!w.to && w.from <= today && today <= w.to;

/**
 * 2008 规定: 党员工资收入发生变化后，应按新的收入计算交纳党费 — recalculated once a year, in the
 * window the department opens (members.duesRecalcWindow). Outside it a standard already set changes
 * only with the reason recorded (a raise, retirement, a new post…); a member's first standard (a
 * new member, or one who had none) may be set at any time.
 */
export function standardChangeProblem(p: {
  hadStandard: boolean;
  window: RecalcWindow;
  today: string;
  reason: string | null;
}): Text | null {
  if (!p.hadStandard || windowOpen(p.window, p.today) || p.reason) return null;
  const when =
    p.window.from && p.window.to ? `${p.window.from} 至 ${p.window.to}` : '组织部尚未开放本年度核定期';
  return {
    zh: `党费标准每年在核定期内调整（${when}）；核定期外调整须填写原因`,
    en: 'standards are recalculated in the yearly window; outside it, give the reason for the change',
  };
}
