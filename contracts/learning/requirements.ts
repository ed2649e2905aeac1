// 学时要求 (GLOSSARY.md: study_hours): the yearly requirement of concentrated study (党员教育管理
// 工作条例: 32 class hours for members, 56 for branch secretaries and committee members), each
// member's progress towards it and each org's, rolled up the tree. Shown as progress, never as a
// ranking of people.
import { z } from 'zod';
import { Id } from '../common.ts';

/** Where the seconds came from: online study (heartbeats), approved offline study, station sessions. */
export const STUDY_SOURCES = ['online', 'offline', 'station'] as const;
export const StudySource = z.enum(STUDY_SOURCES);
export type StudySource = z.infer<typeof StudySource>;

/** Who is held to which figure: members, or secretaries and committee members (书记、委员). */
export const REQUIREMENT_KINDS = ['member', 'leader'] as const;
export const RequirementKind = z.enum(REQUIREMENT_KINDS);
export type RequirementKind = z.infer<typeof RequirementKind>;

export const Year = z.coerce
  .number()
  .int({ message: '年份须为整数' })
  .min(2000, { message: '年份不早于 2000' })
  .max(2100, { message: '年份不晚于 2100' });

export const ProgressQuery = z.strictObject({ year: Year.optional().meta({ title: '年度' }) });

/** The member's own year: what is required of them, what they have, and today's online study. */
export const MyStudyProgress = z.object({
  year: z.number().int(),
  /** False for a login without a member record (nothing is required of it). */
  member: z.boolean(),
  kind: RequirementKind,
  requiredClassHours: z.number(),
  /** Joined the Party this year: the months counted (the year's figure × months ÷ 12); else null. */
  proratedMonths: z.number().int().nullable(),
  classHourMinutes: z.number().int(),
  requiredSeconds: z.number().int(),
  seconds: z.object({
    online: z.number().int(),
    offline: z.number().int(),
    station: z.number().int(),
    total: z.number().int(),
  }),
  /** total ÷ one class hour, one decimal. */
  classHours: z.number(),
  /** 0–1: the share of the requirement done (1 once met). */
  progress: z.number(),
  met: z.boolean(),
  today: z.object({ seconds: z.number().int(), capSeconds: z.number().int() }),
});
export type MyStudyProgress = z.infer<typeof MyStudyProgress>;

/** The member home's tile: one figure against its target (a bar; no target: the figure alone). */
export const ProgressTile = z.object({ value: z.number(), max: z.number() });
export type ProgressTile = z.infer<typeof ProgressTile>;

export const SummaryQuery = z.strictObject({
  orgId: Id.optional().meta({ title: '党组织' }),
  year: Year.optional().meta({ title: '年度' }),
});

/** An org's subtree in a year: its members held to the requirement, how many meet it, average progress. */
export const StudyFigures = z.object({
  members: z.number().int(),
  met: z.number().int(),
  /** met ÷ members, 0–1 (0 when there are no members). */
  metRate: z.number(),
  /** The average of each member's progress (capped at 1), 0–1. */
  avgProgress: z.number(),
  /** Class hours per member, one decimal. */
  avgClassHours: z.number(),
});
export type StudyFigures = z.infer<typeof StudyFigures>;

export const ChildFigures = StudyFigures.extend({
  orgId: Id,
  name: z.string(),
  kind: z.string(),
  /** Has orgs below it (the page opens it). */
  hasChildren: z.boolean(),
});
export type ChildFigures = z.infer<typeof ChildFigures>;

export const StudySummary = z.object({
  year: z.number().int(),
  org: z.object({ id: Id, name: z.string(), parentId: Id.nullable() }),
  requirement: z.object({
    memberClassHours: z.number(),
    leaderClassHours: z.number(),
    classHourMinutes: z.number().int(),
  }),
  /** When the figures were counted (they are kept, recounted every ten minutes); null: not yet. */
  computedAt: z.string().nullable(),
  total: StudyFigures,
  /** The members who belong to the org itself (not to an org below it), when it has any. */
  own: StudyFigures.nullable(),
  children: z.array(ChildFigures),
});
export type StudySummary = z.infer<typeof StudySummary>;
