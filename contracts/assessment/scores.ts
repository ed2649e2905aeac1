// 考核结果 (issue 18, items 3–5): a month's computation, the scores of every org, rankings among
// siblings, each score explained down to the records behind it.
import { z } from 'zod';
import { Id, Month, text } from '../common.ts';
import { Scheme } from './scheme.ts';

export const MonthParams = z.strictObject({ month: Month });
export const MonthOrgParams = z.strictObject({ month: Month, orgId: Id });
export const MonthOrgKeyParams = z.strictObject({ month: Month, orgId: Id, key: z.string().min(1).max(80) });

export const MonthState = z.object({
  month: z.string(),
  state: z.enum(['open', 'closed']),
  computedAt: z.string().nullable(),
  /** How the last computation ran: every org, or only those whose records changed since the one before. */
  lastRun: z
    .object({ mode: z.enum(['full', 'incremental']), orgs: z.number().int(), ms: z.number() })
    .nullable(),
  closedAt: z.string().nullable(),
  scheme: Scheme.nullable(),
});
export type MonthState = z.infer<typeof MonthState>;

export const ComputeBody = z.strictObject({
  /** Recompute every org (default: only orgs whose records changed since the last run). */
  full: z.boolean().default(false),
});

export const ReasonBody = z.strictObject({
  reason: text(500).meta({ title: '原因' }),
});

/** One org's line among its siblings. */
export const RankedOrg = z.object({
  orgId: z.string(),
  name: z.string(),
  kind: z.string(),
  /** The org's score: a 党支部's own, or the mean of the 党支部 below it. Null when none is scored. */
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** 党支部 (scored units) in its subtree, and how many of them recorded nothing at all this month. */
  units: z.number().int(),
  unitsEmpty: z.number().int(),
  /** The score a month earlier, for the trend arrow; null when there is none. */
  previous: z.number().nullable(),
});
export type RankedOrg = z.infer<typeof RankedOrg>;

export const Rankings = z.object({
  month: z.string(),
  org: RankedOrg,
  children: z.array(RankedOrg),
});
export type Rankings = z.infer<typeof Rankings>;

/** One indicator of an org's month: its figures over the subtree and, for a 党支部, its points. */
export const OrgItem = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  measure: z.enum(['count', 'rate']),
  basis: z.enum(['outcome', 'activity']),
  scored: z.boolean(),
  num: z.number(),
  den: z.number().nullable(),
  target: z.number().nullable(),
  weight: z.number().nullable(),
  /** A 党支部: the points it earned on this item (weight × attainment + bonus); null when not scored. */
  points: z.number().nullable(),
  /** Above a 党支部: the 党支部 below that met the target, out of `units`. */
  met: z.number().int().nullable(),
});
export type OrgItem = z.infer<typeof OrgItem>;

export const Adjustment = z.object({
  id: z.string(),
  points: z.number(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type Adjustment = z.infer<typeof Adjustment>;

export const OrgMonth = z.object({
  month: z.string(),
  org: RankedOrg,
  unit: z.boolean(),
  items: z.array(OrgItem),
  adjustments: z.array(Adjustment),
});
export type OrgMonth = z.infer<typeof OrgMonth>;

export const IndicatorRecords = z.object({
  key: z.string(),
  label: z.string(),
  records: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      title: z.string(),
      at: z.string().nullable(),
      counted: z.boolean(),
      note: z.string().nullable(),
      href: z.string().nullable(),
    }),
  ),
});
export type IndicatorRecords = z.infer<typeof IndicatorRecords>;

export const AddAdjustment = z.strictObject({
  orgId: Id.meta({ title: '党组织' }),
  points: z
    .number()
    .min(-100)
    .max(100)
    .refine((n) => n !== 0, { message: '加减分不能为 0' })
    .meta({ title: '加减分' }),
  reason: text(500).meta({ title: '原因' }),
});
export type AddAdjustment = z.infer<typeof AddAdjustment>;

/** An org's line of the trend or the heat map. */
const OrgLine = {
  orgId: z.string(),
  name: z.string(),
  kind: z.string(),
};

export const TrendQuery = z.strictObject({
  orgId: Id.optional(),
  /** How many months, ending with the one asked for. */
  months: z.coerce.number().int().min(2).max(24).default(12),
});
export type TrendQuery = z.input<typeof TrendQuery>;

/** 得分趋势: the org and each of its children (党小组 aside), a score per month, oldest first. */
export const Trend = z.object({
  /** The months shown, oldest first, ending with the one asked for. */
  months: z.array(z.string()),
  org: z.object({ ...OrgLine, scores: z.array(z.number().nullable()) }),
  /** `scores[i]` is the score in `months[i]`: null where the month was not computed or the org not scored. */
  children: z.array(z.object({ ...OrgLine, scores: z.array(z.number().nullable()) })),
});
export type Trend = z.infer<typeof Trend>;

export const HeatmapQuery = z.strictObject({ orgId: Id.optional() });

/** One cell of the heat map: how far a child reached one scored item. */
export const HeatCell = z.object({
  /**
   * Attainment, 0–1. A 党支部: how far it reached the item's target (the share of the item's points
   * it earned before scaling and extra points). Above: the share of its 党支部 the item applies to
   * that met the target. Null where the item does not apply (a rate with nothing to divide by).
   */
  value: z.number().nullable(),
  /** The figures over the child's subtree. */
  num: z.number(),
  den: z.number().nullable(),
  /** A 党支部: the points it earned on the item. */
  points: z.number().nullable(),
  /** Above a 党支部: the 党支部 that met the target, out of `of` (those the item applies to). */
  met: z.number().int().nullable(),
  of: z.number().int().nullable(),
});
export type HeatCell = z.infer<typeof HeatCell>;

/** 指标热力图: the org's children (党小组 aside) × the month's scored items. */
export const Heatmap = z.object({
  month: z.string(),
  org: z.object({ ...OrgLine, score: z.number().nullable() }),
  /** The month's scheme items, in its order (today's scheme when the month was never computed). */
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      measure: z.enum(['count', 'rate']),
      weight: z.number(),
      target: z.number(),
    }),
  ),
  /** `cells[i]` is the child on `columns[i]`. */
  rows: z.array(
    z.object({ ...OrgLine, score: z.number().nullable(), unit: z.boolean(), cells: z.array(HeatCell) }),
  ),
  computedAt: z.string().nullable(),
});
export type Heatmap = z.infer<typeof Heatmap>;
