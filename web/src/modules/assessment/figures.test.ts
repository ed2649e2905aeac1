import { describe, expect, it } from 'vitest';
import type { IndicatorInfo } from '../../../../contracts/assessment/scheme.ts';
import {
  addMonths,
  defaultMonth,
  figureOf,
  fromForm,
  placeOf,
  targetOf,
  toForm,
  trendOf,
  weightTotal,
} from './figures.ts';

const rate: IndicatorInfo = {
  key: 'life.meeting_rate',
  module: 'life',
  label: '三会一课按时召开率',
  unit: '',
  measure: 'rate',
  basis: 'outcome',
  better: 'higher',
  target: 0.9,
};
const count: IndicatorInfo = { ...rate, key: 'life.meetings', measure: 'count', unit: '次', target: 3 };

describe('the month the dashboard opens on', () => {
  it('is last month in Beijing: at 00:30 on 1 March there it is February (UTC, still on 28 February, would say January)', () => {
    expect(defaultMonth(new Date('2026-02-28T16:30:00Z'))).toBe('2026-02');
  });
  it('crosses the year back in January', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
  });
});

describe('an item’s figure and target as the table says them', () => {
  it('a count with its unit', () => {
    expect(figureOf({ measure: 'count', num: 4, den: null, unit: '次' })).toBe('4 次');
    expect(targetOf({ measure: 'count', target: 3, unit: '次' })).toBe('3 次');
  });
  it('a rate as num/den and its percentage; nothing to divide by is a dash, not 0%', () => {
    expect(figureOf({ measure: 'rate', num: 9, den: 12, unit: '' })).toBe('9/12（75%）');
    expect(figureOf({ measure: 'rate', num: 0, den: 0, unit: '' })).toBe('—');
    expect(targetOf({ measure: 'rate', target: 0.9, unit: '' })).toBe('90%');
  });
});

describe('the trend arrow against last month', () => {
  it('says up, down or the same, and nothing without both scores', () => {
    expect(trendOf(82.5, 80)).toEqual({ dir: 'up', delta: 2.5 });
    expect(trendOf(70, 80)).toEqual({ dir: 'down', delta: -10 });
    expect(trendOf(80, 80)).toEqual({ dir: 'same', delta: 0 });
    expect(trendOf(80, null)).toBeNull();
    expect(trendOf(null, 80)).toBeNull();
  });
});

describe('the scheme form', () => {
  it('shows a rate target as a percentage and sends it back as a share', () => {
    const items = [
      { key: rate.key, weight: 60, target: 0.456, bonusPer: 0, bonusMax: 0 },
      { key: count.key, weight: 40, target: 3, bonusPer: 1, bonusMax: 5 },
    ];
    const form = toForm(items, [rate, count]);
    expect(form[0].target).toBe(45.6);
    expect(form[1].target).toBe(3);
    expect(fromForm(form, [rate, count])).toEqual(items);
  });
  it('adds the weights as the server does, blank boxes as 0', () => {
    expect(weightTotal([{ weight: 33.33 }, { weight: 33.33 }, { weight: 33.34 }])).toBe(100);
    expect(weightTotal([{ weight: 50 }, { weight: null }, {}])).toBe(50);
  });
  it('puts a server error beside the row and field its path names', () => {
    expect(placeOf('items.1.weight')).toEqual({ row: 1, field: 'weight' });
    expect(placeOf('items')).toEqual({ area: 'items' });
    expect(placeOf('shown.0')).toEqual({ area: 'shown' });
    expect(placeOf('scheme')).toEqual({ area: 'other' });
  });
});
