// 组织生活: 三会一课, 主题党日, 组织生活会 and 民主生活会 — planned, signed in to, minuted, counted.
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf, text } from '../common.ts';

export const ACTIVITY_KINDS = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'party_day',
  'life_meeting',
  'democratic_life_meeting',
] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

export const SIGN_IN_METHODS = ['qr', 'card', 'roll_call'] as const;
export const SignInMethod = z.enum(SIGN_IN_METHODS);
export type SignInMethod = z.infer<typeof SignInMethod>;

export const LEAVE_STATES = ['requested', 'approved', 'refused'] as const;
export const LeaveState = z.enum(LEAVE_STATES);
export type LeaveState = z.infer<typeof LeaveState>;

/** How often the 支部工作条例 requires a kind of activity (a department setting per kind). */
export const ACTIVITY_FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly', 'none'] as const;
export const ActivityFrequency = z.enum(ACTIVITY_FREQUENCIES);
export type ActivityFrequency = z.infer<typeof ActivityFrequency>;

/** An instant with its offset, e.g. 2026-11-20T14:30:00+08:00. */
const Instant = z.iso.datetime({ offset: true, message: '时间格式须为 ISO 8601（带时区）' });

/** 计划组织生活: the branch, the kind, when and where, the topic; attendees default to the branch's members. */
export const PlanActivity = z.strictObject({
  orgId: Id,
  kind: ActivityKind,
  topic: text(200),
  place: text(100),
  startsAt: Instant,
  endsAt: Instant,
  /** Who is expected; omitted: every member of the branch in good standing. */
  memberIds: z.array(Id).min(1).max(2000).optional(),
});

export const CancelActivity = z.strictObject({ reason: text(200) });

/** 会议记录: what was said and decided (plain text, shown as text), the host and the recorder. */
export const RecordMinutes = z.strictObject({
  host: text(40),
  recorder: text(40),
  minutes: text(20_000),
});

/** The code a phone read from the room's screen (the `c` of /m/activities/:id/sign?c=…). */
export const QrSignIn = z.strictObject({ code: z.string().trim().min(1).max(200) });

/** A study card at the kiosk: its number and its 6-digit password. */
export const CardSignIn = z.strictObject({
  cardNo: z
    .string()
    .trim()
    .regex(/^\d{12}$/, { message: '学习卡号为12位数字' }),
  password: z.string().min(1).max(64),
});

/** 点名: the members the secretary saw present. */
export const RollCall = z.strictObject({ memberIds: z.array(Id).min(1).max(2000) });

export const SignInState = z.strictObject({ open: z.boolean() });

export const AskLeave = z.strictObject({ reason: text(200) });
export const DecideLeave = z.strictObject({ approve: z.boolean(), note: text(200).optional() });
export const AttendeeParams = z.strictObject({ id: Id, memberId: Id });
export const FileParams = z.strictObject({ id: Id, fileId: Id });
export const FileQuery = z.strictObject({ size: z.enum(['thumb', 'full']).optional() });
export const UploadQuery = z.strictObject({ kind: z.enum(['photo', 'attachment']).default('photo') });

export const Attendee = z.object({
  memberId: Id,
  name: z.string(),
  expected: z.boolean(),
  signedInAt: z.string().nullable(),
  method: SignInMethod.nullable(),
  leave: LeaveState.nullable(),
  leaveReason: z.string().nullable(),
  leaveNote: z.string().nullable(),
  leaveDecidedBy: z.string().nullable(),
});
export type Attendee = z.infer<typeof Attendee>;

export const ActivityFile = z.object({
  id: Id,
  kind: z.enum(['photo', 'attachment']),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  createdAt: z.string(),
});
export type ActivityFile = z.infer<typeof ActivityFile>;

/**
 * Attendance of one activity: expected attendees, those present, approved leave and the rate. The
 * rate's denominator is the expected attendees less those on approved leave who did not come.
 */
export const Attendance = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  leave: z.number().int(),
  absent: z.number().int(),
  /** present / (expected − approved leave not present), 0–1; null when nobody was due. */
  rate: z.number().nullable(),
});
export type Attendance = z.infer<typeof Attendance>;

export const ActivityAbilities = z.object({
  manage: z.boolean(),
  /** Show the rotating QR code (sign-in open, not cancelled). */
  qr: z.boolean(),
  rollCall: z.boolean(),
  minutes: z.boolean(),
  cancel: z.boolean(),
});

export const ActivitySummary = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  kind: ActivityKind,
  topic: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: ActivityStatus,
  signInOpen: z.boolean(),
  attendance: Attendance,
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Activity = ActivitySummary.extend({
  host: z.string().nullable(),
  recorder: z.string().nullable(),
  minutes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  plannedBy: z.string().nullable(),
  attendees: z.array(Attendee),
  files: z.array(ActivityFile),
  can: ActivityAbilities,
});
export type Activity = z.infer<typeof Activity>;

export const ActivityListQuery = PageQuery.extend({
  orgId: Id.optional(),
  kind: ActivityKind.optional(),
  status: ActivityStatus.optional(),
  /** Activities starting in this month (Asia/Shanghai). */
  month: Month.optional(),
});
export const ActivityPage = pageOf(ActivitySummary);

/** The code on the room's screen now, and when the next one replaces it. */
export const QrCode = z.object({
  code: z.string(),
  /** What the phone opens: /m/activities/:id/sign?c=… (relative to the site). */
  path: z.string(),
  step: z.number().int(),
  validFrom: z.string(),
  nextAt: z.string(),
  /** How long after nextAt this code is still accepted (the grace). */
  graceSeconds: z.number().int(),
});

export const SignInResult = z.object({
  activityId: Id,
  topic: z.string(),
  memberName: z.string(),
  signedInAt: z.string(),
  method: SignInMethod,
  /** True when the member had signed in already: nothing was written. */
  already: z.boolean(),
});
export type SignInResult = z.infer<typeof SignInResult>;

/** One of the member's own activities (member app). */
export const MyActivity = z.object({
  id: Id,
  orgName: z.string(),
  kind: ActivityKind,
  topic: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: ActivityStatus,
  signedInAt: z.string().nullable(),
  leave: LeaveState.nullable(),
  leaveReason: z.string().nullable(),
  can: z.object({ askLeave: z.boolean() }),
});
export type MyActivity = z.infer<typeof MyActivity>;
export const MyActivityQuery = PageQuery.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') });
export const MyActivityPage = pageOf(MyActivity);

/** Due and overdue per branch (支部工作条例, frequencies as the department set them). */
export const DueQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** Only branches with a kind overdue. */
  overdue: z.enum(['true', 'false']).optional(),
});
export const KindDue = z.object({
  kind: ActivityKind,
  frequency: ActivityFrequency,
  /** The current period (2026-11, 2026-Q4, 2026-H2, 2026) and its last day. */
  period: z.string(),
  dueBy: z.string(),
  heldThisPeriod: z.number().int(),
  /** None held yet in the current period. */
  due: z.boolean(),
  /** The last complete period went by without one: that period. */
  overduePeriod: z.string().nullable(),
  lastHeldOn: z.string().nullable(),
});
export type KindDue = z.infer<typeof KindDue>;
export const BranchDue = z.object({
  orgId: Id,
  orgName: z.string(),
  kinds: z.array(KindDue),
  overdueCount: z.number().int(),
});
export type BranchDue = z.infer<typeof BranchDue>;
export const DueSummaryItem = z.object({
  kind: ActivityKind,
  met: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
});
export const DueList = pageOf(BranchDue).extend({
  today: z.string(),
  branches: z.number().int(),
  summary: z.array(DueSummaryItem),
});
export type DueList = z.infer<typeof DueList>;

/** Activities held per kind and attendance, per org below the chosen one, for a month. */
export const MonthlyQuery = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
export const MonthlyRow = z.object({
  orgId: Id,
  orgName: z.string(),
  held: z.record(z.string(), z.number().int()),
  heldTotal: z.number().int(),
  expected: z.number().int(),
  present: z.number().int(),
  leave: z.number().int(),
  rate: z.number().nullable(),
});
export type MonthlyRow = z.infer<typeof MonthlyRow>;
export const MonthlyCounts = z.object({ month: z.string(), items: z.array(MonthlyRow), total: MonthlyRow });
export type MonthlyCounts = z.infer<typeof MonthlyCounts>;

/**
 * The three lists of the record sheet (会议记录), for the printed page and the .docx alike: who
 * came, who was excused (approved leave, did not come), who was absent (expected, not excused).
 */
export function rollOf<T extends Pick<Attendee, 'signedInAt' | 'leave' | 'expected'>>(
  attendees: readonly T[],
) {
  return {
    present: attendees.filter((p) => p.signedInAt),
    leave: attendees.filter((p) => !p.signedInAt && p.leave === 'approved'),
    absent: attendees.filter((p) => !p.signedInAt && p.leave !== 'approved' && p.expected),
  };
}
