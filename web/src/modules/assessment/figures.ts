import type { IndicatorInfo, SchemeInput } from '../../../../contracts/assessment/scheme.ts';
import type { OrgItem } from '../../../../contracts/assessment/scores.ts';
import { currentMonth } from '../../app/dates.ts';

// How the assessment pages say their figures: pure, so the test beside it reads like the screen.

/** 'YYYY-MM' a number of months away from `month`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The month the dashboard opens on: last month in Beijing (this one's records are still coming in). */
export const defaultMonth = (now = new Date()) => addMonths(currentMonth(now), -1);

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A share (0–1) as a percentage, one decimal at most: 0.4 → '40%', 0.456 → '45.6%'. */
export const percent = (share: number) => `${round1(share * 100)}%`;

/** A score with at most two decimals (the server rounds to two). */
export const points = (n: number) => String(Math.round(n * 100) / 100);

/** An item's figure: a count with its unit, a rate as num/den and its percentage; '—' when it has no base. */
export function figureOf(item: Pick<OrgItem, 'measure' | 'num' | 'den' | 'unit'>): string {
  if (item.measure === 'count') return `${points(item.num)} ${item.unit}`.trim();
  if (!item.den) return '—';
  return `${points(item.num)}/${points(item.den)}（${percent(item.num / item.den)}）`;
}

/** An item's target: a count with its unit, a rate as a percentage. */
export function targetOf(item: Pick<OrgItem, 'measure' | 'target' | 'unit'>): string {
  if (item.target == null) return '—';
  return item.measure === 'rate' ? percent(item.target) : `${points(item.target)} ${item.unit}`.trim();
}

export type Trend = { dir: 'up' | 'down' | 'same'; delta: number } | null;

/** The change since last month, for the arrow; null when either month has no score. */
export function trendOf(score: number | null, previous: number | null): Trend {
  if (score == null || previous == null) return null;
  const delta = Math.round((score - previous) * 100) / 100;
  return { dir: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same', delta };
}

/** The weights' total as the form holds them (blank boxes count 0), two decimals like the server. */
export const weightTotal = (items: readonly { weight?: number | null }[]) =>
  Math.round(items.reduce((s, i) => s + (Number(i.weight) || 0), 0) * 100) / 100;

/** A scheme row as the form edits it: a rate's target as a percentage (40), not a share (0.4). */
export type FormItem = {
  key?: string;
  weight?: number | null;
  target?: number | null;
  bonusPer?: number | null;
  bonusMax?: number | null;
};

const byKey = (indicators: readonly IndicatorInfo[]) => new Map(indicators.map((i) => [i.key, i]));

/** The stored scheme's rows for the form: rates shown as percentages. */
export function toForm(items: SchemeInput['items'], indicators: readonly IndicatorInfo[]): FormItem[] {
  const defs = byKey(indicators);
  return items.map((i) => ({
    key: i.key,
    weight: i.weight,
    target: defs.get(i.key)?.measure === 'rate' ? round1(i.target * 10000) / 100 : i.target,
    bonusPer: i.bonusPer ?? 0,
    bonusMax: i.bonusMax ?? 0,
  }));
}

/** The form's rows as the server takes them: a rate's percentage back to a share (0–1). */
export function fromForm(
  items: readonly FormItem[],
  indicators: readonly IndicatorInfo[],
): SchemeInput['items'] {
  const defs = byKey(indicators);
  return items.map((i) => {
    const target = Number(i.target) || 0;
    return {
      key: i.key ?? '',
      weight: Number(i.weight) || 0,
      target: defs.get(i.key ?? '')?.measure === 'rate' ? Math.round(target * 100) / 10000 : target,
      bonusPer: Number(i.bonusPer) || 0,
      bonusMax: Number(i.bonusMax) || 0,
    };
  });
}

/**
 * Where a server error belongs on the scheme page: `items.1.weight` → row 1, field weight; `items`
 * (the weights' total) and `shown.N` to the table's foot and the information list.
 */
export function placeOf(
  path: string,
): { row: number; field: string } | { area: 'items' | 'shown' | 'other' } {
  const m = /^items\.(\d+)\.(\w+)$/.exec(path);
  if (m) return { row: Number(m[1]), field: m[2] };
  if (path === 'items' || /^items\.\d+$/.test(path)) return { area: 'items' };
  if (path.startsWith('shown')) return { area: 'shown' };
  return { area: 'other' };
}
