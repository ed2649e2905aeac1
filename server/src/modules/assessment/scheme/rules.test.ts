import { describe, expect, it } from 'vitest';
import type { IndicatorInfo, Scheme } from '../../../../../contracts/assessment/scheme.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { attainment, bonus, checkScheme, defaultScheme, schemeWarnings, scoreUnit } from './rules.ts';

const ind = (key: string, over: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  key,
  module: key.split('.')[0],
  label: key,
  unit: '次',
  measure: 'count',
  basis: 'outcome',
  better: 'higher',
  target: 1,
  ...over,
});
const activities = ind('life.activities_held');
const answered = ind('openness.messages_answered', { measure: 'rate', target: 0.9 });
const arrears = ind('members.dues_arrears', { better: 'lower', target: 0 });
const logins = ind('auth.member_logins', { measure: 'rate', basis: 'activity', target: 0.4 });
const study = ind('learning.study_minutes', { basis: 'activity', target: null });
const all = [activities, answered, arrears, logins, study];

const item = (key: string, weight: number, target: number, more: Partial<Scheme['items'][0]> = {}) => ({
  key,
  weight,
  target,
  bonusPer: 0,
  bonusMax: 0,
  ...more,
});
const issues = (f: () => void) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return ((e as AppError).details as { path: string; message: string }[]).map(
      (i) => `${i.path} ${i.message}`,
    );
  }
  throw new Error('no error');
};

describe('the default scheme (2024 anti-formalism rules, 2026 rules for government apps)', () => {
  it('scores only outcomes with a target, weights adding up to exactly 100; activity is shown, not scored', () => {
    const s = defaultScheme(all);
    expect(s.items.map((i) => i.key)).toEqual([activities.key, answered.key, arrears.key]);
    expect(s.items.reduce((n, i) => n + i.weight, 0)).toBeCloseTo(100, 10);
    expect(s.items.map((i) => i.weight)).toEqual([33.33, 33.33, 33.34]);
    expect(s.shown).toEqual([logins.key, study.key]);
    expect(() => checkScheme(s, all)).not.toThrow();
  });
});

describe('a scheme the department submits', () => {
  it('weights must add up to 100', () => {
    expect(issues(() => checkScheme({ items: [item(activities.key, 60, 1)], shown: [] }, all))).toEqual([
      'items 各项权重之和须为 100，现为 60',
    ]);
  });
  it('an unknown indicator, and one of a module switched off, are refused with the reason', () => {
    const s = { items: [item('exams.pass_rate', 50, 0.8), item('nope.x', 50, 1)], shown: [] };
    expect(issues(() => checkScheme(s, all, ['exams']))).toEqual([
      'items.0.key 指标 exams.pass_rate 所属模块（exams）未启用，不能选用',
      'items.1.key 没有指标 nope.x',
    ]);
  });
  it('a rate target above 1, a duplicate, extra points on a rate or without a cap are refused', () => {
    const s = {
      items: [
        item(answered.key, 40, 90, { bonusPer: 1, bonusMax: 5 }),
        item(activities.key, 30, 1, { bonusPer: 2 }),
        item(activities.key, 30, 1),
      ],
      shown: [],
    };
    expect(issues(() => checkScheme(s, all))).toEqual([
      'items.0.target 比率指标的目标值应在 0 到 1 之间（如 0.4 表示 40%）',
      'items.0.bonusPer 只有"越多越好"的计数指标可以设超额加分',
      'items.1.bonusMax 设了超额加分，须同时设加分上限',
      'items.2.key 指标 life.activities_held 重复',
    ]);
  });
  it('scoring logins is allowed but flagged with the rule', () => {
    const s = { items: [item(logins.key, 100, 0.4)], shown: [] };
    expect(() => checkScheme(s, all)).not.toThrow();
    expect(schemeWarnings(s, all, 'zh')[0].message).toContain('不得作为考核依据');
  });
});

describe('how far a 党支部 reached a target', () => {
  it('a count: share of the target, capped at 1; a target of 0 is always met', () => {
    expect(attainment(activities, 2, 1, null)).toBe(0.5);
    expect(attainment(activities, 2, 5, null)).toBe(1);
    expect(attainment(activities, 0, 0, null)).toBe(1);
  });
  it('a rate: the rate against the target; nothing to divide by does not apply', () => {
    expect(attainment(answered, 0.8, 4, 5)).toBe(1);
    expect(attainment(answered, 0.8, 2, 5)).toBeCloseTo(0.5);
    expect(attainment(answered, 0.8, 0, 0)).toBeNull();
    expect(attainment(answered, 0.8, 0, null)).toBeNull();
  });
  it('less is better: met at or under the target, shrinking above it', () => {
    expect(attainment(arrears, 0, 0, null)).toBe(1);
    expect(attainment(arrears, 0, 3, null)).toBe(0);
    expect(attainment(arrears, 2, 4, null)).toBe(0.5);
  });
  it('extra points for each one beyond the target, up to the cap', () => {
    const i = item(activities.key, 50, 1, { bonusPer: 1.5, bonusMax: 4 });
    expect(bonus(i, 1)).toBe(0);
    expect(bonus(i, 3)).toBe(3);
    expect(bonus(i, 10)).toBe(4);
  });
});

describe('a 党支部’s score', () => {
  const defs = new Map(all.map((d) => [d.key, d]));
  const scheme: Scheme = {
    items: [
      item(activities.key, 50, 2, { bonusPer: 1, bonusMax: 3 }),
      item(answered.key, 30, 0.8),
      item(arrears.key, 20, 0),
    ],
    shown: [],
  };
  it('every target met scores 100, plus extra points and adjustments', () => {
    const f = new Map([
      [activities.key, { num: 4, den: null }],
      [answered.key, { num: 5, den: 5 }],
    ]);
    expect(scoreUnit(scheme, defs, f).score).toBe(102);
    expect(scoreUnit(scheme, defs, f, -5).score).toBe(97);
  });
  it('an item that does not apply (no messages received) neither helps nor hurts: the rest count as 100', () => {
    const s = scoreUnit(scheme, defs, new Map([[activities.key, { num: 1, den: null }]]));
    // activities half reached (50 × 0.5 of 70 applicable), arrears met (20 of 70): (25 + 20) × 100 / 70
    expect(s.score).toBe(64.29);
    expect(s.points.get(answered.key)).toBeNull();
    expect([...s.met]).toEqual([arrears.key]);
  });
  it('nothing recorded at all: only the less-is-better items are met', () => {
    expect(scoreUnit(scheme, defs, new Map()).score).toBe(28.57);
  });
});
