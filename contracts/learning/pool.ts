// 师资库 and 教育基地 (issue 14 item 7): the teachers an org keeps, their lectures rated by those
// who attended (1–5 stars, once, within 30 days), and the training bases with their photos.
// Phones are personal data: lists carry them masked, the full number only through `reveal`.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';
import { Phone } from '../users.ts';

/** Days after a lecture during which an attendee may rate it. */
export const RATING_WINDOW_DAYS = 30;
export const MAX_COMMENT = 200;
export const MAX_LECTURE_ATTENDEES = 2000;

const tags = (title: string) =>
  z
    .array(z.string().trim().min(1).max(20))
    .max(10)
    .default([])
    .transform((xs) => [...new Set(xs)])
    .meta({ title });
const optionalText = (max: number, title: string) => z.string().trim().max(max).default('').meta({ title });
/** null: none; left out when editing: unchanged (the console shows it masked, so it is typed anew to change). */
const optionalPhone = Phone.nullable().optional().meta({ title: '联系电话' });

export const PoolListQuery = PageQuery.extend({
  orgId: Id.optional(),
  q: z.string().trim().max(40).optional(),
});

// ─── 师资库 ───
export const SaveTeacher = z.strictObject({
  orgId: Id.meta({ title: '管理单位（党组织）' }),
  shared: z.boolean().default(false).meta({ title: '向下级共享' }),
  name: text(30).meta({ title: '姓名' }),
  unit: optionalText(60, '工作单位'),
  title: optionalText(30, '职务职称'),
  topics: tags('擅长专题'),
  intro: optionalText(1000, '简介'),
  phone: optionalPhone,
});
export type SaveTeacher = z.infer<typeof SaveTeacher>;

export const Rating = z.object({ average: z.number().nullable(), count: z.number().int() });

export const Teacher = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  shared: z.boolean(),
  name: z.string(),
  unit: z.string(),
  title: z.string(),
  topics: z.array(z.string()),
  intro: z.string(),
  /** Masked: 138****5678. */
  phone: z.string().nullable(),
  rating: Rating,
  lectureCount: z.number().int(),
  can: z.object({ edit: z.boolean(), reveal: z.boolean(), lecture: z.boolean() }),
});
export type Teacher = z.infer<typeof Teacher>;
export const TeacherPage = pageOf(Teacher);

export const Lecture = z.object({
  id: Id,
  teacherId: Id,
  teacherName: z.string(),
  orgId: Id,
  orgName: z.string(),
  lecturedOn: z.string(),
  topic: z.string(),
  attendeeCount: z.number().int(),
  rating: Rating,
  /** What raters wrote, without their names. */
  comments: z.array(z.object({ stars: z.number().int(), comment: z.string(), ratedAt: z.string() })),
});
export type Lecture = z.infer<typeof Lecture>;

export const TeacherDetail = Teacher.extend({ lectures: z.array(Lecture) });
export type TeacherDetail = z.infer<typeof TeacherDetail>;

export const RevealedPhone = z.object({ phone: z.string().nullable() });

export const RecordLecture = z.strictObject({
  teacherId: Id.meta({ title: '授课教师' }),
  orgId: Id.meta({ title: '举办党组织' }),
  lecturedOn: DateOnly.meta({ title: '授课日期' }),
  topic: text(100).meta({ title: '授课主题' }),
  memberIds: z.array(Id).max(MAX_LECTURE_ATTENDEES).default([]).meta({ title: '参加党员' }),
});
export type RecordLecture = z.infer<typeof RecordLecture>;

export const LecturePeopleQuery = z.strictObject({ orgId: Id });
export const LecturePeople = z.object({
  items: z.array(z.object({ memberId: Id, name: z.string(), orgName: z.string() })),
  truncated: z.boolean(),
});

// ─── the member's side ───
export const MyLecture = z.object({
  id: Id,
  teacherName: z.string(),
  teacherTitle: z.string(),
  orgName: z.string(),
  lecturedOn: z.string(),
  topic: z.string(),
  /** The last day it may be rated. */
  rateBy: z.string(),
});
export type MyLecture = z.infer<typeof MyLecture>;
export const MyLectures = z.object({ items: z.array(MyLecture) });

export const RateLecture = z.strictObject({
  stars: z.number().int().min(1, '评分须为 1 到 5 星').max(5, '评分须为 1 到 5 星').meta({ title: '评分' }),
  comment: z
    .string()
    .trim()
    .max(MAX_COMMENT, `评语最多 ${MAX_COMMENT} 字`)
    .default('')
    .meta({ title: '评语' }),
});
export type RateLecture = z.infer<typeof RateLecture>;
export const RatedLecture = z.object({ id: Id, stars: z.number().int(), comment: z.string() });

// ─── 教育基地 ───
export const SaveTrainingBase = z.strictObject({
  orgId: Id.meta({ title: '管理单位（党组织）' }),
  shared: z.boolean().default(false).meta({ title: '向下级共享' }),
  name: text(60).meta({ title: '基地名称' }),
  address: optionalText(200, '地址'),
  capacity: z.number().int().min(0).max(100000).default(0).meta({ title: '可容纳人数' }),
  themes: tags('教育主题'),
  contactName: optionalText(30, '联系人'),
  contactPhone: optionalPhone,
  intro: optionalText(2000, '简介'),
});
export type SaveTrainingBase = z.infer<typeof SaveTrainingBase>;

export const BasePhoto = z.object({ id: Id, width: z.number().int(), height: z.number().int() });

export const TrainingBase = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  shared: z.boolean(),
  name: z.string(),
  address: z.string(),
  capacity: z.number().int(),
  themes: z.array(z.string()),
  contactName: z.string(),
  /** Masked: 138****5678. */
  contactPhone: z.string().nullable(),
  intro: z.string(),
  photos: z.array(BasePhoto),
  can: z.object({ edit: z.boolean(), reveal: z.boolean() }),
});
export type TrainingBase = z.infer<typeof TrainingBase>;
export const TrainingBasePage = pageOf(TrainingBase);

export const BasePhotoParams = z.strictObject({ id: Id, photoId: Id });
export const BasePhotoQuery = z.strictObject({ size: z.enum(['thumb', 'full']).default('full') });
