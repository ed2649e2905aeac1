// 学时 (GLOSSARY.md: study_hours): the player and reader send a heartbeat every 15 seconds while
// the page is visible and focused (and, for video and audio, playing); the server decides the
// credit (server/src/modules/learning/study/rules.ts) and keeps it per member, course and day.
import { z } from 'zod';
import { Id } from '../common.ts';

/** How often a page beats while the member studies (seconds): the credit rules assume it. */
export const HEARTBEAT_SECONDS = 15;

/**
 * A device's id, kept in the browser's localStorage: "one active device per member" tells devices
 * apart by it. Random, not secret.
 */
export const DeviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '设备标识须为 8–64 位字母、数字、- 或 _' });

/**
 * One heartbeat. `seq` numbers a device's beats (kept with the device id, so it keeps rising
 * across page loads); `start` marks the first beat of a page's study session (opening the course,
 * or "continue on this device" after another took over): it starts the clock and earns nothing.
 * The flags describe the time since the device's previous beat: visible and focused throughout,
 * and for video and audio playing throughout. `sentAt` is the device's clock, never trusted.
 */
export const Heartbeat = z.strictObject({
  courseId: Id.meta({ title: '课件' }),
  deviceId: DeviceId.meta({ title: '设备标识' }),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).meta({ title: '序号' }),
  start: z.boolean().default(false).meta({ title: '开始学习' }),
  visible: z.boolean().meta({ title: '页面可见' }),
  focused: z.boolean().meta({ title: '页面在前台' }),
  playing: z.boolean().optional().meta({ title: '正在播放' }),
  sentAt: z.iso.datetime({ offset: true }).optional().meta({ title: '发送时间' }),
});
export type Heartbeat = z.input<typeof Heartbeat>;

/** What the device is told: studying and credited, paused (nothing counts), or another device took over. */
export const STUDY_STATES = ['active', 'paused', 'taken-over'] as const;
export const StudyState = z.enum(STUDY_STATES);
export type StudyState = z.infer<typeof StudyState>;

/**
 * Why a beat earned less than the time since the previous one (null: it earned all of it). Every
 * beat that earns nothing has one, and the server logs it.
 */
export const STUDY_REASONS = [
  'started',
  'took_over',
  'taken_over',
  'hidden',
  'unfocused',
  'paused',
  'out_of_order',
  'too_soon',
  'gap',
  'course_switched',
  'warming_up',
  'item_cap',
  'reading_cap',
  'daily_cap',
  'clock_ahead',
] as const;
export const StudyReason = z.enum(STUDY_REASONS);
export type StudyReason = z.infer<typeof StudyReason>;

export const HeartbeatResult = z.object({
  seq: z.number().int(),
  state: StudyState,
  /** Seconds this beat earned. */
  credited: z.number().int(),
  reason: StudyReason.nullable(),
  /** Seconds credited today (Beijing) for this course, and for all courses (the daily cap's). */
  courseToday: z.number().int(),
  dayTotal: z.number().int(),
  /** A beat sent again (same seq): the first answer, and nothing credited twice. */
  replayed: z.boolean(),
});
export type HeartbeatResult = z.infer<typeof HeartbeatResult>;
