// 党费: the dues standard, payments and arrears.
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf } from '../common.ts';

/** Dues categories of the 2008 rules (server/src/modules/members/dues.ts). */
export const DuesCategory = z.enum(['salaried', 'retired', 'farmer', 'student', 'relief']);
export type DuesCategory = z.infer<typeof DuesCategory>;

export const RecordPayments = z.strictObject({
  payments: z
    .array(z.strictObject({ memberId: Id, month: Month, amountFen: z.number().int().min(1).max(10_000_000) }))
    .min(1)
    .max(5000),
});
export const ArrearsQuery = PageQuery.extend({
  orgId: Id.optional(),
  asOf: Month.optional(),
  minMonths: z.coerce.number().int().min(1).default(1),
});
export const ArrearsRow = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  duesStandardFen: z.number().nullable(),
  monthsOwed: z.number().int(),
  owedFen: z.number().int(),
  since: z.string().nullable(),
  flagged: z.boolean(),
});
/** One page of members owing dues, most owed first, with the totals of the whole report. */
export const ArrearsReport = pageOf(ArrearsRow).extend({
  asOf: z.string(),
  /** Members flagged (six months or more in a row) in the whole report, not just this page. */
  flaggedTotal: z.number().int(),
  owedFenTotal: z.number().int(),
});

/** The 2008 dues rules as data, for the UI. */
export const DuesStandardTable = z.object({
  source: z.string(),
  basis: z.string(),
  /** Income brackets (overFen, upToFen] with their rate; upToFen null: no upper limit. */
  brackets: z.array(
    z.object({
      category: z.enum(['salaried', 'retired']),
      label: z.string(),
      labelEn: z.string(),
      overFen: z.number().int(),
      upToFen: z.number().int().nullable(),
      rate: z.number(),
    }),
  ),
  fixed: z.array(
    z.object({ category: DuesCategory, label: z.string(), labelEn: z.string(), amountFen: z.number().int() }),
  ),
});
export const RecordedPayments = z.object({ recorded: z.number().int(), totalFen: z.number().int() });
