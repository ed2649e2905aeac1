// 发展党员: the recruitment file (its dates, training hours, contacts and sponsors), the probation
// (its extension and cancellation) and the due list.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';
import { PIPELINE_ITEMS, type PipelineItem } from './enums.ts';
import { MemberStatus } from './record.ts';

/** 集中培训：一般不少于三天（或不少于二十四个学时）. Three days count as 24 hours. */
export const TrainingHours = z.number().int().min(0).max(2000).meta({ title: '集中培训学时' });

/** Member ids of full members in the caller's scope; at most two of each (细则：一至两名 / 两名). */
const People = (title: string) =>
  z
    .array(Id)
    .max(2, { message: `${title}最多两名` })
    .meta({ title });

export const PipelineUpdate = z
  .strictObject({
    ...(Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, DateOnly.nullable()])) as Record<
      PipelineItem,
      z.ZodNullable<typeof DateOnly>
    >),
    trainingHours: TrainingHours.nullable(),
    cultivationContactIds: People('培养联系人'),
    sponsorIds: People('入党介绍人'),
  })
  .partial();

/** The file's items besides its dates: what a missing-item list may name. */
export const PIPELINE_FILE_FIELDS = ['trainingHours', 'cultivationContactIds', 'sponsorIds'] as const;

/**
 * What the due list and the file flag besides missing items and deadlines (pipeline/rules.ts):
 * talkLate — the talk came later than one month after the application (细则第七条);
 * recommendationAdvised — under 28 when applying and no 推优 on file (advisory, 细则第八条);
 * transferredIn — a probationer who transferred in: conversion may be postponed up to six months;
 * cancellationPending — 取消预备党员资格 resolved by the branch, awaiting the committee.
 */
export const PIPELINE_ALERTS = [
  'talkLate',
  'recommendationAdvised',
  'transferredIn',
  'cancellationPending',
] as const;
export const PipelineAlert = z.object({
  kind: z.enum(PIPELINE_ALERTS),
  /** The day the alert is about: the talk's deadline, the latest postponed meeting, the approval's deadline. */
  on: z.string().nullable(),
});
export type PipelineAlert = z.infer<typeof PipelineAlert>;

/** A date by which an item is due; overdue when today is past it. */
export const PipelineDeadline = z.object({ item: z.string(), dueOn: z.string() });

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
  /** The nearest deadline of the next step, overdue or not. */
  deadline: PipelineDeadline.nullable(),
  /** A probationer's end of probation (join date + 12 months + any extension). */
  probationEndsOn: z.string().nullable(),
  alerts: z.array(PipelineAlert),
});
/** One page of the due list, the ready first; readyTotal counts the whole list. */
export const PipelineDueList = pageOf(PipelineDue).extend({ readyTotal: z.number().int() });
export const AdvanceMember = z.strictObject({ to: MemberStatus, on: DateOnly });

export const PipelineDueQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** Only those whose next step may be taken now. */
  onlyReady: z.enum(['true', 'false']).optional(),
});

/** 延长预备期 (党章第七条；细则第三十二条): once, 6–12 months, by the branch meeting, approved above. */
export const ExtendProbation = z.strictObject({
  months: z
    .number()
    .int()
    .min(6, { message: '延长预备期不能少于半年（6 个月）' })
    .max(12, { message: '延长预备期最长不超过一年（12 个月）' })
    .meta({ title: '延长月数' }),
  resolutionOn: DateOnly.meta({ title: '支部党员大会日期' }),
  /** 上级党委批准之日; null until it is given. */
  approvedOn: DateOnly.nullable().default(null).meta({ title: '上级党委批准日期' }),
  reason: text(200).meta({ title: '延长理由' }),
});
export type ExtendProbation = z.input<typeof ExtendProbation>;

/** 取消预备党员资格 (党章第七条；细则第三十二条): by the branch meeting, approved above. */
export const CancelProbation = z.strictObject({
  resolutionOn: DateOnly.meta({ title: '支部党员大会日期' }),
  /** 上级党委批准之日: the member leaves the Party on it; null until it is given. */
  approvedOn: DateOnly.nullable().default(null).meta({ title: '上级党委批准日期' }),
  reason: text(200).meta({ title: '取消理由' }),
});
export type CancelProbation = z.input<typeof CancelProbation>;

/**
 * Withdrawing a cancellation that awaits the committee (the branch meeting reconsidered it, or it
 * was recorded in error): why, for the audit entry.
 */
export const WithdrawCancellation = z.strictObject({
  reason: text(200).meta({ title: '撤回理由' }),
});
export type WithdrawCancellation = z.input<typeof WithdrawCancellation>;

const Person = z.object({ id: Id, name: z.string() });

const Gap = z.object({ item: z.string(), message: z.string() });

/** One person's recruitment file as the member page shows it. */
export const PipelineFile = z.object({
  memberId: Id,
  name: z.string(),
  status: MemberStatus,
  joinedOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  dates: z.record(z.string(), z.string().nullable()),
  trainingHours: z.number().nullable(),
  cultivationContacts: z.array(Person),
  sponsors: z.array(Person),
  probation: z.object({
    /** Join date + 12 months + the extension: the full-membership date when converted on time. */
    endsOn: z.string().nullable(),
    extension: z
      .object({
        months: z.number().int(),
        resolutionOn: z.string(),
        approvedOn: z.string().nullable(),
        reason: z.string().nullable(),
      })
      .nullable(),
    cancellation: z
      .object({ resolutionOn: z.string(), approvedOn: z.string().nullable(), reason: z.string() })
      .nullable(),
  }),
  step: z.object({
    next: MemberStatus.nullable(),
    /** What the next step still needs, in the caller's language. */
    missing: z.array(Gap),
    earliestOn: z.string().nullable(),
    ready: z.boolean(),
    deadline: PipelineDeadline.nullable(),
    overdue: z.array(Gap.extend({ dueOn: z.string() })),
    alerts: z.array(PipelineAlert),
  }),
  can: z.object({
    manage: z.boolean(),
    advance: z.boolean(),
    extend: z.boolean(),
    cancel: z.boolean(),
    /** Record the committee's approval of an extension or cancellation: only from above the branch. */
    approve: z.boolean(),
    /** Withdraw a cancellation the branch resolved that awaits the committee. */
    withdraw: z.boolean(),
  }),
});
export type PipelineFile = z.infer<typeof PipelineFile>;
