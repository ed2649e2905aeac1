// 远程教育站点 (GLOSSARY.md: station): the registry of stations with their managers and operators,
// the group sessions an operator enters (what was played, when, how long, who attended), and each
// station's minutes by month against the rule (at least 240 minutes a month by default).
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf, text } from '../common.ts';

export const STAFF_KINDS = ['manager', 'operator'] as const;
export const StaffKind = z.enum(STAFF_KINDS);
export type StaffKind = z.infer<typeof StaffKind>;

/** A station's month against the rule: no minutes at all, some but fewer than required, enough. */
export const STATION_MONTH_STATES = ['zero', 'short', 'met'] as const;
export const StationMonthState = z.enum(STATION_MONTH_STATES);
export type StationMonthState = z.infer<typeof StationMonthState>;

export const MAX_SESSION_MINUTES = 480;
export const MAX_SESSION_ATTENDEES = 500;

/** An instant with its offset, e.g. 2026-11-20T14:30:00+08:00. */
const Instant = z.iso.datetime({ offset: true, message: '时间格式须为 ISO 8601（带时区）' });

export const SaveStation = z.strictObject({
  orgId: Id.meta({ title: '所在村（社区）党组织' }),
  name: text(60).meta({ title: '站点名称' }),
  address: z.string().trim().max(200).default('').meta({ title: '地址' }),
  managerIds: z.array(Id).max(10).default([]).meta({ title: '站点管理员' }),
  operatorIds: z.array(Id).max(20).default([]).meta({ title: '操作员' }),
  active: z.boolean().default(true).meta({ title: '在用' }),
});
export type SaveStation = z.infer<typeof SaveStation>;

export const StationListQuery = PageQuery.extend({
  orgId: Id.optional(),
  q: z.string().trim().max(60).optional(),
});

export const StationPerson = z.object({ userId: Id, name: z.string(), username: z.string() });
export type StationPerson = z.infer<typeof StationPerson>;

export const Station = z.object({
  id: Id,
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
  address: z.string(),
  active: z.boolean(),
  managers: z.array(StationPerson),
  operators: z.array(StationPerson),
  /** This month's minutes so far. */
  monthMinutes: z.number().int(),
  can: z.object({ edit: z.boolean(), operate: z.boolean() }),
});
export type Station = z.infer<typeof Station>;
export const StationPage = pageOf(Station);

/** Accounts that may be made a station's manager or operator: station_manager grants covering the org. */
export const StaffCandidatesQuery = z.strictObject({ orgId: Id });
export const StaffCandidates = z.object({ items: z.array(StationPerson) });

/** The members a station serves (its org's subtree), for the attendee list. */
export const StationPeople = z.object({
  items: z.array(z.object({ memberId: Id, name: z.string(), orgName: z.string() })),
  truncated: z.boolean(),
});
export type StationPeople = z.infer<typeof StationPeople>;

/** Published courses of the library open to the station's members, by title. */
export const StationCourseQuery = z.strictObject({ q: z.string().trim().max(60).optional() });
export const StationCourse = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  durationSeconds: z.number().int().nullable(),
});
export type StationCourse = z.infer<typeof StationCourse>;
export const StationCourses = z.object({ items: z.array(StationCourse) });

/** 集中学习: what was played (a course of the library, or a title), when it started, how long, who came. */
export const RecordStationSession = z
  .strictObject({
    courseId: Id.nullable().default(null).meta({ title: '播放课件' }),
    title: z.string().trim().max(200).default('').meta({ title: '播放内容' }),
    startedAt: Instant.meta({ title: '开始时间' }),
    minutes: z
      .number()
      .int({ message: '时长须为整数分钟' })
      .min(1, { message: '时长至少 1 分钟' })
      .max(MAX_SESSION_MINUTES, { message: `一次最多 ${MAX_SESSION_MINUTES} 分钟` })
      .meta({ title: '时长（分钟）' }),
    memberIds: z
      .array(Id)
      .min(1, { message: '请选择参加学习的党员' })
      .max(MAX_SESSION_ATTENDEES)
      .meta({ title: '参学党员' }),
  })
  .refine((s) => s.courseId != null || s.title.length > 0, {
    message: '请选择播放的课件，或填写播放内容',
    path: ['title'],
  });
export type RecordStationSession = z.infer<typeof RecordStationSession>;

export const StationSession = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string(),
  orgName: z.string(),
  courseId: Id.nullable(),
  title: z.string(),
  startedAt: z.string(),
  minutes: z.number().int(),
  attendeeCount: z.number().int(),
  attendees: z.array(z.object({ memberId: Id, name: z.string() })),
  hasPhoto: z.boolean(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  /** Withdrawn as entered by mistake: shown struck out, counted nowhere. */
  withdrawn: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  can: z.object({ photo: z.boolean(), withdraw: z.boolean() }),
});
export type StationSession = z.infer<typeof StationSession>;

export const WithdrawStationSession = z.strictObject({ reason: text(200).meta({ title: '撤销原因' }) });
export type WithdrawStationSession = z.infer<typeof WithdrawStationSession>;

export const SessionListQuery = PageQuery.extend({
  orgId: Id.optional(),
  stationId: Id.optional(),
  month: Month.optional(),
});
export const StationSessionPage = pageOf(StationSession.omit({ attendees: true }));
export type StationSessionSummary = Omit<StationSession, 'attendees'>;

export const PhotoQuery = z.strictObject({ size: z.enum(['thumb', 'full']).optional() });

/** The month view: each station's minutes against the rule, the zero-minute ones flagged. */
export const StationMonthlyQuery = PageQuery.extend({
  orgId: Id.optional(),
  month: Month.optional(),
  state: StationMonthState.optional(),
});
export const StationMonthRow = z.object({
  stationId: Id,
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
  minutes: z.number().int(),
  sessions: z.number().int(),
  attendances: z.number().int(),
  state: StationMonthState,
});
export type StationMonthRow = z.infer<typeof StationMonthRow>;
export const StationMonthCounts = z.object({
  stations: z.number().int(),
  met: z.number().int(),
  short: z.number().int(),
  zero: z.number().int(),
  minutes: z.number().int(),
});
export type StationMonthCounts = z.infer<typeof StationMonthCounts>;
export const StationMonthly = pageOf(StationMonthRow).extend({
  month: z.string(),
  requiredMinutes: z.number().int(),
  org: z.object({ id: Id, name: z.string() }).nullable(),
  totals: StationMonthCounts,
  /** The same counts for each org directly below the chosen one (the chart). */
  byOrg: z.array(StationMonthCounts.extend({ orgId: Id, name: z.string() })),
});
export type StationMonthly = z.infer<typeof StationMonthly>;
