// 党员信息: the record with the national field set, its history, the full-number view.
import { z } from 'zod';
import { DateOnly, Id, Month, PageQuery, pageOf, text } from '../common.ts';
import { MEMBER_FIELD_LABELS, type MemberField } from '../labels.ts';
import { OrgKind, OrgSector } from '../orgs.ts';
import { Phone } from '../users.ts';
import { ETHNICITIES, HARDSHIP_KINDS, POST_CODES } from './codes.ts';
import { DuesCategory } from './dues.ts';
import { DEGREES, EDUCATIONS, GENDERS, MEMBER_STATUSES, POSITIONS } from './enums.ts';
import { StandingSummary } from './standing.ts';

export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Gender = z.enum(GENDERS);

export const Education = z.enum(EDUCATIONS);
export const Degree = z.enum(DEGREES);

export const Position = z.enum(POSITIONS);

/**
 * One of the 56 ethnic groups by its full name (GB 3304, contracts/members/codes.ts). Records saved
 * before the list was enforced may hold other text ("回"): they are shown as they are and counted
 * as a record-quality problem; an edit that changes the field must pick from the list.
 */
export const Ethnicity = z.enum(ETHNICITIES, { message: '请从 56 个民族中选择，如“汉族”“回族”' });

/** 工作岗位 by its code in the national post list (codes.ts). */
export const PostCode = z.enum(POST_CODES, { message: '请从工作岗位代码表中选择' });
export const HardshipKind = z.enum(HARDSHIP_KINDS);
export type HardshipKind = z.infer<typeof HardshipKind>;

const untitledFields = {
  name: text(30),
  gender: Gender,
  ethnicity: Ethnicity,
  /** 18 characters, GB 11643 check digit verified; birth date and gender are checked against it. */
  idNumber: z.string().trim().toUpperCase(),
  birthDate: DateOnly,
  education: Education,
  degree: Degree.nullable(),
  status: MemberStatus,
  /** 入党日期: admitted as probationary member. */
  joinedOn: DateOnly.nullable(),
  /** 转正日期: full membership. */
  fullOn: DateOnly.nullable(),
  orgId: Id,
  positions: z.array(Position).max(6),
  phone: Phone.nullable(),
  workUnit: text(100).nullable(),
  mobile: z.boolean(),
  /** 流动党员的外出地点 / 工作地. */
  mobileLocation: text(100).nullable(),
  duesCategory: DuesCategory.nullable(),
  /** After-tax monthly income in fen (salaried) or retirement pay (retired). */
  monthlyIncomeFen: z.number().int().min(0).max(100_000_000).nullable(),
  /** 工作岗位 (national post list). */
  postCode: PostCode.nullable(),
  /** 家庭住址: personal data, stored encrypted and shown masked. */
  homeAddress: text(200).nullable(),
  /** 参加工作日期. */
  workStartedOn: DateOnly.nullable(),
  /** 困难党员: the kind of hardship, or null. */
  hardshipKind: HardshipKind.nullable(),
};

/** Each field labelled for messages and forms (contracts/labels.ts). */
const MemberFields = Object.fromEntries(
  Object.entries(untitledFields).map(([k, v]) => [
    k,
    v.meta({ title: MEMBER_FIELD_LABELS[k as MemberField] }),
  ]),
) as typeof untitledFields;

export const CreateMember = z.strictObject({
  ...MemberFields,
  degree: MemberFields.degree.default(null),
  joinedOn: MemberFields.joinedOn.default(null),
  fullOn: MemberFields.fullOn.default(null),
  positions: MemberFields.positions.default([]),
  phone: MemberFields.phone.default(null),
  workUnit: MemberFields.workUnit.default(null),
  mobile: MemberFields.mobile.default(false),
  mobileLocation: MemberFields.mobileLocation.default(null),
  duesCategory: MemberFields.duesCategory.default(null),
  monthlyIncomeFen: MemberFields.monthlyIncomeFen.default(null),
  postCode: MemberFields.postCode.default(null),
  homeAddress: MemberFields.homeAddress.default(null),
  workStartedOn: MemberFields.workStartedOn.default(null),
  hardshipKind: MemberFields.hardshipKind.default(null),
  /**
   * 党费已交至: the last month the member paid before arriving here (YYYY-MM); dues are counted from
   * the month after. Empty: from the later of the join month and this month.
   */
  duesPaidUntil: Month.nullable().default(null).meta({ title: '党费已交至' }),
});
export type CreateMember = z.infer<typeof CreateMember>;

/** orgId is not editable here: a member changes org only by a transfer. */
export const UpdateMember = z
  .strictObject({ ...MemberFields })
  .omit({ orgId: true })
  .partial()
  .extend({
    /** The record's version the edit was made on (Member.version): a newer edit is never overwritten. */
    version: z.number().int().min(1).meta({ title: '版本' }),
  })
  .refine((v) => Object.keys(v).length > 1, { message: '至少修改一项' });
export type UpdateMember = z.infer<typeof UpdateMember>;

/** What the caller may do with a record (the server's policy, so the web does not repeat it). */
export const MemberAbilities = z.object({
  edit: z.boolean(),
  revealPii: z.boolean(),
  transfer: z.boolean(),
  manageCard: z.boolean(),
  advance: z.boolean(),
});
export type MemberAbilities = z.infer<typeof MemberAbilities>;

export const Member = z.object({
  id: Id,
  name: z.string(),
  gender: Gender,
  ethnicity: z.string(),
  /** Masked (5101**********1234) unless the caller asked for and may see the full number. */
  idNumber: z.string(),
  birthDate: z.string(),
  education: z.string(),
  degree: z.string().nullable(),
  status: MemberStatus,
  joinedOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  orgId: Id,
  orgName: z.string(),
  positions: z.array(z.string()),
  phone: z.string().nullable(),
  workUnit: z.string().nullable(),
  mobile: z.boolean(),
  mobileLocation: z.string().nullable(),
  duesCategory: DuesCategory.nullable(),
  monthlyIncomeFen: z.number().nullable(),
  duesStandardFen: z.number().nullable(),
  postCode: z.string().nullable(),
  /** Masked (the district and the first characters) unless revealed with the ID number and phone. */
  homeAddress: z.string().nullable(),
  workStartedOn: z.string().nullable(),
  hardshipKind: HardshipKind.nullable(),
  hasPhoto: z.boolean(),
  studyCardNo: z.string().nullable(),
  recordUpdatedAt: z.string(),
  createdAt: z.string(),
  /** Moves with every change of the record's fields; an edit sends back the one it was made on. */
  version: z.number().int(),
  can: MemberAbilities,
  /** 党籍状态: normal, suspended or left (how, when); lost contact and abroad (standing/). */
  standing: StandingSummary,
});
export type Member = z.infer<typeof Member>;

export const MemberDetail = Member.extend({
  pipeline: z.record(z.string(), z.string().nullable()),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

export const MemberListQuery = PageQuery.extend({
  /** The subtree to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  status: MemberStatus.optional(),
  orgKind: OrgKind.optional(),
  sector: OrgSector.optional(),
  mobile: z.enum(['true', 'false']).optional(),
  /**
   * Any part of a name, its pinyin initials (张三丰: zs, zsf, sf), the last four digits of a phone,
   * a full ID-card number or a full phone number.
   */
  q: z.string().trim().max(30).optional(),
  /**
   * Also people who left the Party (党籍 left: death, 退党, 除名…): on file, read only, found only
   * by those with the full view of records (member.reveal_pii).
   */
  includeLeft: z.enum(['true', 'false']).optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;
export const MemberPage = pageOf(Member);

export const HistoryEntry = z.object({
  id: Id,
  at: z.string(),
  actorName: z.string().nullable(),
  source: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export const HistoryList = z.object({ items: z.array(HistoryEntry) });

/** 身份证号、手机号 in full: a separate permission, and each view is audited. */
export const RevealedPii = z.object({
  idNumber: z.string(),
  phone: z.string().nullable(),
  homeAddress: z.string().nullable(),
});

// ── 奖惩 and 出国（境）: kept with a member, listed on the member page ──────────────────────────

export const SanctionKind = z.enum(['reward', 'discipline']);
export type SanctionKind = z.infer<typeof SanctionKind>;

/** 奖惩: a commendation, or one of the five disciplinary sanctions (党章第四十一条), with its date and issuer. */
export const CreateSanction = z.strictObject({
  kind: SanctionKind.meta({ title: '奖惩类别' }),
  /** The commendation's name ("优秀共产党员"), or the sanction ("警告", "严重警告"…). */
  title: text(100).meta({ title: '奖惩名称' }),
  on: DateOnly.meta({ title: '奖惩日期' }),
  issuedBy: text(100).meta({ title: '批准机关' }),
  note: text(500).nullable().default(null).meta({ title: '说明' }),
});
export type CreateSanction = z.infer<typeof CreateSanction>;

export const Sanction = z.object({
  id: Id,
  memberId: Id,
  kind: SanctionKind,
  title: z.string(),
  on: z.string(),
  issuedBy: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  can: z.object({ remove: z.boolean() }),
});
export type Sanction = z.infer<typeof Sanction>;
export const SanctionPage = pageOf(Sanction);

/** 出国（境）: where, why, when, and who approved it. */
export const CreateTrip = z.strictObject({
  destination: text(100).meta({ title: '前往国家（地区）' }),
  purpose: text(200).meta({ title: '事由' }),
  leftOn: DateOnly.meta({ title: '出境日期' }),
  returnedOn: DateOnly.nullable().default(null).meta({ title: '回国（境）日期' }),
  approvedBy: text(100).nullable().default(null).meta({ title: '审批机关' }),
});
export type CreateTrip = z.infer<typeof CreateTrip>;

/** The trip ends: the member is back. */
export const EndTrip = z.strictObject({ returnedOn: DateOnly.meta({ title: '回国（境）日期' }) });

export const Trip = z.object({
  id: Id,
  memberId: Id,
  destination: z.string(),
  purpose: z.string(),
  leftOn: z.string(),
  returnedOn: z.string().nullable(),
  approvedBy: z.string().nullable(),
  recordedAt: z.string(),
  can: z.object({ end: z.boolean(), remove: z.boolean() }),
});
export type Trip = z.infer<typeof Trip>;
export const TripPage = pageOf(Trip);

/** A member's sub-record: the member and the item. */
export const MemberItemParams = z.strictObject({ id: Id, itemId: Id });
