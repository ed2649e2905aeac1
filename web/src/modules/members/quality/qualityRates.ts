import type { QualityRowT } from './api.ts';

/** The four record-quality rates of PRODUCT.md, in the order they are shown. */
export const RATES = ['completenessRate', 'updateRate', 'photoRate', 'duesStandardRate'] as const;
export type Rate = (typeof RATES)[number];

export type Bar = { orgId: string; orgName: string; members: number; value: number };

/**
 * The bars of one rate: organizations with members only (a 党小组 holds none: members belong to
 * branches), lowest first, since the ones needing attention are what a town admin looks for; the
 * value a percentage to one decimal, as labelled.
 */
export function barsOf(rows: readonly QualityRowT[], rate: Rate): Bar[] {
  return rows
    .filter((r) => r.members > 0)
    .map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      members: r.members,
      value: Math.round(r[rate] * 1000) / 10,
    }))
    .sort((a, b) => a.value - b.value || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}

/**
 * Where the value axis starts: a round 5 % just below the lowest bar, so that 57 % and 99 % look
 * as different as they are; never below 0.
 */
export function axisMin(values: readonly number[]): number {
  if (!values.length) return 0;
  return Math.max(0, Math.floor((Math.min(...values) - 2) / 5) * 5);
}
