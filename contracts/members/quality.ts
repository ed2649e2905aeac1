// Record quality: completeness, update, photo and dues-standard rates per org.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf } from '../common.ts';

export const QualityQuery = z.strictObject({
  orgId: Id.optional(),
  /** The period for the update rate; default: this calendar year up to today (Asia/Shanghai). */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export const QualityRow = z.object({
  orgId: Id,
  orgName: z.string(),
  members: z.number().int(),
  completenessRate: z.number(),
  updateRate: z.number(),
  photoRate: z.number(),
  duesStandardRate: z.number(),
});
export const QualityReport = z.object({
  total: QualityRow,
  children: z.array(QualityRow),
  from: z.string(),
  to: z.string(),
});

/** The four rates, by the names the report gives them. */
export const QUALITY_RATES = ['completenessRate', 'updateRate', 'photoRate', 'duesStandardRate'] as const;
export const QualityRate = z.enum(QUALITY_RATES);

/** From a rate to the records behind it: the records of a subtree that lack what the rate counts. */
export const QualityGapQuery = PageQuery.extend({
  orgId: Id.optional(),
  rate: QualityRate,
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export const QualityGap = z.object({
  id: Id,
  name: z.string(),
  status: z.string(),
  orgId: Id,
  orgName: z.string(),
  /**
   * What the record lacks: for completeness the required fields missing (names as in the record
   * form); for the other rates the one thing counted (photo, duesStandardFen, recordUpdatedAt).
   */
  missing: z.array(z.string()),
  recordUpdatedAt: z.string(),
});
export const QualityGapPage = pageOf(QualityGap).extend({
  /** The subtree listed, and the period the update rate was counted over. */
  orgId: Id,
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
});
