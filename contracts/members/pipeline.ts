// 发展党员: the recruitment pipeline, its dates and the due list.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf } from '../common.ts';
import { PIPELINE_ITEMS, type PipelineItem } from './enums.ts';
import { MemberStatus } from './record.ts';

export const PipelineUpdate = z
  .strictObject(
    Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, DateOnly.nullable()])) as Record<
      PipelineItem,
      z.ZodNullable<typeof DateOnly>
    >,
  )
  .partial();

export const PipelineDue = z.object({
  memberId: Id,
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
  status: MemberStatus,
  nextStatus: MemberStatus.nullable(),
  /** Items still missing for the next step. */
  missing: z.array(z.string()),
  /** Earliest date the next step may be taken (rules on minimum periods). */
  earliestOn: z.string().nullable(),
  ready: z.boolean(),
  overdueItems: z.array(z.string()),
});
/** One page of the due list, the ready first; readyTotal counts the whole list. */
export const PipelineDueList = pageOf(PipelineDue).extend({ readyTotal: z.number().int() });
export const AdvanceMember = z.strictObject({ to: MemberStatus, on: DateOnly });

export const PipelineDueQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** Only those whose next step may be taken now. */
  onlyReady: z.enum(['true', 'false']).optional(),
});
