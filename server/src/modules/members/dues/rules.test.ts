import { describe, expect, it } from 'vitest';
import {
  basisProblem,
  DEFAULT_DUES_TERMS,
  dueFor,
  duesBase,
  duesFromMonth,
  duesStandard,
  monthState,
  reliefInEffect,
  type ReliefLike,
  reliefProblems,
  standardChangeProblem,
  windowOpen,
} from './rules.ts';

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

  it('farmers, students and members on relief pay the department’s fixed amount, which is a setting', () => {
    expect(duesStandard('farmer', null)).toBe(DEFAULT_DUES_TERMS.fixed.farmer);
    expect(duesStandard('student', null)).toBe(DEFAULT_DUES_TERMS.fixed.student);
    const terms = { fixed: { farmer: 100, student: 20, relief: 10 }, capFen: 100_000 };
    expect(duesStandard('relief', null, terms)).toBe(10);
    expect(duesStandard('farmer', null, terms)).toBe(100);
  });

  it('rounds half a fen up', () => {
    expect(duesStandard('salaried', 100)).toBe(1); // 1 yuan × 0.5% = 0.5 fen → 1 fen
  });
});

describe('the monthly cap (2017 notice: generally at most 1,000 yuan a month)', () => {
  it('given a member earning 60,000 yuan a month after tax (2% is 1,200), when the standard is computed, then it is 1,000', () => {
    expect(duesStandard('salaried', yuan(60_000))).toBe(yuan(1_000));
  });
  it('given 50,000 yuan a month (2% is exactly 1,000), then the cap changes nothing', () => {
    expect(duesStandard('salaried', yuan(50_000))).toBe(yuan(1_000));
  });
  it('given the department set the cap at 800 yuan, then 1,200 becomes 800', () => {
    expect(duesStandard('salaried', yuan(60_000), { ...DEFAULT_DUES_TERMS, capFen: yuan(800) })).toBe(
      yuan(800),
    );
  });
});

describe('bases (2008 rules): annual salary, the self-employed, retirement pay', () => {
  it('given an annual salary of 240,000 yuan (年薪制), then the base is one twelfth, 20,000 a month, and the dues 2% of it: 400', () => {
    expect(duesBase('annual_salary', yuan(240_000))).toBe(yuan(20_000));
    expect(duesStandard('salaried', yuan(240_000), DEFAULT_DUES_TERMS, 'annual_salary')).toBe(yuan(400));
  });
  it('given an annual salary that does not divide by twelve, then the twelfth is rounded half a fen up', () => {
    expect(duesBase('annual_salary', 1_000_006)).toBe(83_334); // 83,333.83 fen
  });
  it('given a self-employed member declaring 4,000 yuan a month (个体), then the salaried brackets apply to it: 1%, 40 yuan', () => {
    expect(duesStandard('salaried', yuan(4_000), DEFAULT_DUES_TERMS, 'self_employed')).toBe(yuan(40));
  });
  it('a basis belongs to its category: a pension for retirees, a salary basis for the salaried, none for fixed amounts', () => {
    expect(basisProblem('retired', 'pension')).toBeNull();
    expect(basisProblem('retired', 'annual_salary')).not.toBeNull();
    expect(basisProblem('salaried', 'pension')).not.toBeNull();
    expect(basisProblem('salaried', 'self_employed')).toBeNull();
    expect(basisProblem('farmer', 'salary')).not.toBeNull();
    expect(basisProblem('farmer', null)).toBeNull();
  });
});

describe('where dues counting starts', () => {
  it('given a member who joined in 2010 and was created on the platform in 2026-11, then counting starts in 2026-11', () => {
    expect(duesFromMonth({ joinedOn: '2010-07-01', arrivedMonth: '2026-11' })).toBe('2026-11');
  });
  it('given a member who joined after arriving (a probationer admitted this month), then from the join month', () => {
    expect(duesFromMonth({ joinedOn: '2026-12-03', arrivedMonth: '2026-11' })).toBe('2026-12');
  });
  it('given "dues paid until 2026-09" at creation, then counting starts in 2026-10', () => {
    expect(duesFromMonth({ joinedOn: '2010-07-01', arrivedMonth: '2026-11', paidUntil: '2026-09' })).toBe(
      '2026-10',
    );
  });
});

describe('少交、免交党费 (2008 rules: the branch agrees, the higher committee approves)', () => {
  const base: ReliefLike = {
    kind: 'exempt',
    amountFen: null,
    fromMonth: '2026-01',
    toMonth: null,
    branchApprovedOn: '2026-01-10',
    committeeApprovedOn: null,
  };
  it('given an exemption the branch agreed to but the committee has not approved, then it does not apply yet', () => {
    expect(reliefInEffect(base)).toBe(false);
    expect(reliefInEffect({ ...base, committeeApprovedOn: '2026-01-20' })).toBe(true);
  });
  it('given a good reason (illness) the branch recorded, then it applies with the branch’s date alone', () => {
    expect(reliefInEffect({ ...base, kind: 'excused' })).toBe(true);
    expect(reliefInEffect({ ...base, kind: 'excused', branchApprovedOn: null })).toBe(false);
  });
  it('when exempt nothing is due; when reduced the reduced amount; a good reason does not lower what is due', () => {
    expect(dueFor(1500, { kind: 'exempt', amountFen: null })).toBe(0);
    expect(dueFor(1500, { kind: 'reduced', amountFen: 500 })).toBe(500);
    expect(dueFor(1500, { kind: 'excused', amountFen: null })).toBe(1500);
    expect(dueFor(1500, null)).toBe(1500);
  });
  const check = (r: Partial<typeof base> & { reasonKind?: string | null; amountFen?: number | null }) =>
    reliefProblems(
      { ...base, reasonKind: null, ...r },
      { duesFromMonth: '2025-06', standardFen: 1500 },
      '2026-02-01',
    ).map((p) => p.path);
  it('a reduction names its monthly amount, below the standard; the others name none', () => {
    expect(check({ kind: 'reduced', amountFen: null })).toEqual(['amountFen']);
    expect(check({ kind: 'reduced', amountFen: 1500 })).toEqual(['amountFen']);
    expect(check({ kind: 'reduced', amountFen: 500 })).toEqual([]);
    expect(check({ kind: 'exempt', amountFen: 500 })).toEqual(['amountFen']);
  });
  it('a good reason names which one; the committee does not approve it', () => {
    expect(check({ kind: 'excused' })).toEqual(['reasonKind']);
    expect(check({ kind: 'excused', reasonKind: 'illness' })).toEqual([]);
    expect(check({ kind: 'excused', reasonKind: 'illness', committeeApprovedOn: '2026-01-20' })).toEqual([
      'committeeApprovedOn',
    ]);
  });
  it('the period runs forwards, the approvals are not in the future and the committee’s follows the branch’s', () => {
    expect(check({ toMonth: '2025-12' })).toEqual(['toMonth']);
    expect(check({ branchApprovedOn: '2026-03-01' })).toEqual(['branchApprovedOn']);
    expect(check({ committeeApprovedOn: '2026-01-05' })).toEqual(['committeeApprovedOn']);
  });
});

describe('a payment compared with what was due', () => {
  it('paid in full is paid; more is paid with voluntary extra (自愿多交); less still owes', () => {
    expect(monthState(1500, 1500)).toBe('paid');
    expect(monthState(1500, 2000)).toBe('overpaid');
    expect(monthState(1500, 1000)).toBe('underpaid');
    expect(monthState(1500, null)).toBe('unpaid');
  });
  it('a member without a standard still owes the month: unpaid until the branch records what was paid', () => {
    expect(monthState(null, null)).toBe('unpaid');
    expect(monthState(null, 50)).toBe('paid');
  });
  it('an exempt month with nothing paid is exempt; before counting starts or while suspended it is not due', () => {
    expect(monthState(0, null)).toBe('exempt');
    expect(monthState(1500, null, true)).toBe('not_due');
  });
  it('a month not yet over is not owed: nothing or too little paid is pending, as the arrears count it', () => {
    expect(monthState(1500, null, false, false)).toBe('pending');
    expect(monthState(1500, 1000, false, false)).toBe('pending');
    expect(monthState(null, null, false, false)).toBe('pending');
    // paid already, or nothing to pay, reads the same as in a past month
    expect(monthState(1500, 1500, false, false)).toBe('paid');
    expect(monthState(1500, 2000, false, false)).toBe('overpaid');
    expect(monthState(0, null, false, false)).toBe('exempt');
    expect(monthState(1500, null, true, false)).toBe('not_due');
  });
});

describe('the yearly recalculation window (members.duesRecalcWindow)', () => {
  const window = { from: '2026-01-01', to: '2026-03-31' };
  it('is open from its first to its last day', () => {
    expect(windowOpen(window, '2026-01-01')).toBe(true);
    expect(windowOpen(window, '2026-03-31')).toBe(true);
    expect(windowOpen(window, '2026-04-01')).toBe(false);
    expect(windowOpen({ from: null, to: null }, '2026-02-01')).toBe(false);
  });
  it('given a member with a standard, outside the window, when the branch changes it without a reason, then it is refused', () => {
    expect(
      standardChangeProblem({ hadStandard: true, window, today: '2026-05-01', reason: null }),
    ).not.toBeNull();
  });
  it('…with the reason recorded, or inside the window, or for a member with no standard yet, then it is allowed', () => {
    expect(
      standardChangeProblem({ hadStandard: true, window, today: '2026-05-01', reason: '退休' }),
    ).toBeNull();
    expect(
      standardChangeProblem({ hadStandard: true, window, today: '2026-02-01', reason: null }),
    ).toBeNull();
    expect(
      standardChangeProblem({ hadStandard: false, window, today: '2026-05-01', reason: null }),
    ).toBeNull();
  });
});
