// 网上班级 (GLOSSARY.md: online class): a cohort of members (an org's subtree, or members picked one
// by one), a plan of courses from the library, a start and a deadline; the progress of each member
// (courses finished, seconds studied on the plan), a chart of how many finished 0, 1, … n courses,
// the table as .xlsx, and a reminder to those who have not finished (at most once an hour).
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';

export const COHORT_KINDS = ['org', 'members'] as const;
export const CohortKind = z.enum(COHORT_KINDS);
export type CohortKind = z.infer<typeof CohortKind>;

export const MAX_PLAN_COURSES = 50;
export const MAX_PICKED_MEMBERS = 2000;

export const SaveClass = z
  .strictObject({
    orgId: Id.meta({ title: '举办党组织' }),
    name: text(60).meta({ title: '班级名称' }),
    description: z.string().trim().max(1000).default('').meta({ title: '班级说明' }),
    cohortKind: CohortKind.meta({ title: '学员范围' }),
    cohortOrgId: Id.nullable().default(null).meta({ title: '学员所在党组织（含下级）' }),
    memberIds: z.array(Id).max(MAX_PICKED_MEMBERS).default([]).meta({ title: '学员' }),
    courseIds: z
      .array(Id)
      .min(1, { message: '请至少选择一门课程' })
      .max(MAX_PLAN_COURSES, { message: `一个班级最多 ${MAX_PLAN_COURSES} 门课程` })
      .meta({ title: '课程计划' }),
    startsOn: DateOnly.meta({ title: '开班日期' }),
    deadline: DateOnly.meta({ title: '截止日期' }),
  })
  .refine((c) => c.deadline > c.startsOn, { message: '截止日期须晚于开班日期', path: ['deadline'] })
  .refine((c) => c.cohortKind !== 'org' || c.cohortOrgId != null, {
    message: '请选择学员所在的党组织',
    path: ['cohortOrgId'],
  })
  .refine((c) => c.cohortKind !== 'members' || c.memberIds.length > 0, {
    message: '请选择学员',
    path: ['memberIds'],
  })
  .refine((c) => new Set(c.courseIds).size === c.courseIds.length, {
    message: '同一门课程只能选一次',
    path: ['courseIds'],
  });
export type SaveClass = z.infer<typeof SaveClass>;

export const ClassListQuery = PageQuery.extend({
  orgId: Id.optional(),
  q: z.string().trim().max(60).optional(),
});

export const PlanCourse = z.object({ id: Id, title: z.string(), kind: z.string() });
export type PlanCourse = z.infer<typeof PlanCourse>;

export const OnlineClass = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  cohortKind: CohortKind,
  cohortOrgId: Id.nullable(),
  cohortOrgName: z.string().nullable(),
  memberCount: z.number().int(),
  /** Members who finished every course of the plan. */
  finishedCount: z.number().int(),
  courses: z.array(PlanCourse),
  startsOn: z.string(),
  deadline: z.string(),
  lastRemindedAt: z.string().nullable(),
  can: z.object({ edit: z.boolean(), remind: z.boolean() }),
});
export type OnlineClass = z.infer<typeof OnlineClass>;
export const OnlineClassPage = pageOf(OnlineClass);

/** The picked members of a class (for the drawer's edit). */
export const ClassMembers = z.object({ items: z.array(z.object({ memberId: Id, name: z.string() })) });

export const ProgressQuery = PageQuery.extend({
  unfinished: z.enum(['true', 'false']).optional(),
});
export const ProgressRow = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  seconds: z.number().int(),
  finishedAll: z.boolean(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;
export const ClassProgress = pageOf(ProgressRow).extend({
  courseCount: z.number().int(),
  memberCount: z.number().int(),
  finishedCount: z.number().int(),
  /** histogram[k]: members who finished exactly k courses of the plan, k = 0 … courseCount. */
  histogram: z.array(z.number().int()),
});
export type ClassProgress = z.infer<typeof ClassProgress>;

export const RemindResult = z.object({ reminded: z.number().int(), remindedAt: z.string() });
export type RemindResult = z.infer<typeof RemindResult>;

/** The member's side: each class with its plan, each course marked done or not. */
export const MyClass = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  orgName: z.string(),
  startsOn: z.string(),
  deadline: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  courses: z.array(PlanCourse.extend({ done: z.boolean(), seconds: z.number().int() })),
});
export type MyClass = z.infer<typeof MyClass>;
export const MyClasses = z.object({ items: z.array(MyClass) });
export type MyClasses = z.infer<typeof MyClasses>;

/** Members of an org's subtree who may be picked for a cohort one by one. */
export const ClassPeopleQuery = z.strictObject({ orgId: Id });
export const ClassPeople = z.object({
  items: z.array(z.object({ memberId: Id, name: z.string(), orgName: z.string() })),
  truncated: z.boolean(),
});
export type ClassPeople = z.infer<typeof ClassPeople>;

/** Published courses of the library open to every member of an org's subtree, by the words typed. */
export const ClassCourseQuery = z.strictObject({ orgId: Id, q: z.string().trim().max(60).optional() });
export const ClassCourses = z.object({ items: z.array(PlanCourse) });
