// Record quality: completeness, update, photo and dues-standard rates per org.
import { z } from 'zod';
import { DateOnly, Id } from '../common.ts';

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
