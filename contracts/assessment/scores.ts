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
