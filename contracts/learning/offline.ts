// 线下学习 "组织认定 + 网络登记" (GLOSSARY.md: offline_study with approval): an org records an
// offline session — topic, day, minutes, place, who attended, photos — and submits it; the superior
// org approves it or returns it with a reason; only approved minutes count towards study hours.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';

export const OFFLINE_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
export const OfflineState = z.enum(OFFLINE_STATES);
export type OfflineState = z.infer<typeof OfflineState>;

/** The three lists: mine to fix (drafts and returned), mine to approve, everything in scope. */
export const OFFLINE_BOXES = ['mine', 'approve', 'all'] as const;
export const OfflineBox = z.enum(OFFLINE_BOXES);
export type OfflineBox = z.infer<typeof OfflineBox>;

/** At most a day of concentrated training (8 hours) in one session. */
export const MAX_OFFLINE_MINUTES = 480;
export const MAX_OFFLINE_ATTENDEES = 2000;

/** 记录线下学习: the org, what was studied, when, for how long, where, and who attended. */
export const SaveOfflineStudy = z.strictObject({
  orgId: Id.meta({ title: '党组织' }),
  topic: text(200).meta({ title: '学习主题' }),
  studiedOn: DateOnly.meta({ title: '学习日期' }),
  minutes: z
    .number()
    .int({ message: '学习时长须为整数分钟' })
    .min(1, { message: '学习时长至少 1 分钟' })
    .max(MAX_OFFLINE_MINUTES, { message: `一次线下学习最多 ${MAX_OFFLINE_MINUTES} 分钟（8 小时）` })
    .meta({ title: '学习时长（分钟）' }),
  place: z.string().trim().max(100).default('').meta({ title: '学习地点' }),
  summary: z.string().trim().max(2000).default('').meta({ title: '学习内容' }),
  memberIds: z
    .array(Id)
    .min(1, { message: '请选择参加学习的党员' })
    .max(MAX_OFFLINE_ATTENDEES)
    .meta({ title: '参学党员' }),
  /** Submit to the superior at once (otherwise kept as a draft). */
  submit: z.boolean().default(false),
});
export type SaveOfflineStudy = z.infer<typeof SaveOfflineStudy>;

/** Changing one (a draft, or one returned): the same fields, the org stays. */
export const EditOfflineStudy = SaveOfflineStudy.omit({ orgId: true });
export type EditOfflineStudy = z.infer<typeof EditOfflineStudy>;

export const ReturnOfflineStudy = z.strictObject({ reason: text(500).meta({ title: '退回原因' }) });

export const OfflineListQuery = PageQuery.extend({
  box: OfflineBox.default('all'),
  orgId: Id.optional(),
  state: OfflineState.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export type OfflineListQuery = z.infer<typeof OfflineListQuery>;

export const OfflinePeopleQuery = z.strictObject({ orgId: Id });
export const OfflinePerson = z.object({ memberId: Id, name: z.string(), orgName: z.string() });
export type OfflinePerson = z.infer<typeof OfflinePerson>;
export const OfflinePeople = z.object({ items: z.array(OfflinePerson), truncated: z.boolean() });
export type OfflinePeople = z.infer<typeof OfflinePeople>;

export const OfflinePhotoParams = z.strictObject({ id: Id, photoId: Id });
export const OfflinePhotoQuery = z.strictObject({ size: z.enum(['thumb', 'full']).optional() });

export const OfflineAbilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  remove: z.boolean(),
  approve: z.boolean(),
});

export const OfflineStudySummary = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  topic: z.string(),
  studiedOn: z.string(),
  minutes: z.number().int(),
  /** The minutes as class hours (the requirement's minutes per class hour), one decimal. */
  classHours: z.number(),
  place: z.string(),
  attendeeCount: z.number().int(),
  state: OfflineState,
  /** The org asked to approve it (set when submitted). */
  approverOrg: z.object({ id: Id, name: z.string() }).nullable(),
  submissions: z.number().int(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  can: OfflineAbilities,
});
export type OfflineStudySummary = z.infer<typeof OfflineStudySummary>;

export const OfflineEvent = z.object({
  action: z.enum(['submitted', 'returned', 'approved']),
  reason: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});
export type OfflineEvent = z.infer<typeof OfflineEvent>;

export const OfflineStudy = OfflineStudySummary.extend({
  summary: z.string(),
  recordedBy: z.string().nullable(),
  attendees: z.array(z.object({ memberId: Id, name: z.string() })),
  photos: z.array(z.object({ id: Id, width: z.number().int(), height: z.number().int() })),
  history: z.array(OfflineEvent),
});
export type OfflineStudy = z.infer<typeof OfflineStudy>;

export const OfflineStudyPage = pageOf(OfflineStudySummary);
