// 党员信息: the record with the national field set, its history, the full-number view.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';
import { MEMBER_FIELD_LABELS, type MemberField } from '../labels.ts';
import { OrgKind, OrgSector } from '../orgs.ts';
import { Phone } from '../users.ts';
import { DuesCategory } from './dues.ts';
import { DEGREES, EDUCATIONS, GENDERS, MEMBER_STATUSES, POSITIONS } from './enums.ts';

export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Gender = z.enum(GENDERS);

export const Education = z.enum(EDUCATIONS);
export const Degree = z.enum(DEGREES);

export const Position = z.enum(POSITIONS);

/** The 56 ethnic groups are free text here but trimmed and bounded; 汉族 is the common case. */
export const Ethnicity = text(20);

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
  hasPhoto: z.boolean(),
  studyCardNo: z.string().nullable(),
  recordUpdatedAt: z.string(),
  createdAt: z.string(),
  /** Moves with every change of the record's fields; an edit sends back the one it was made on. */
  version: z.number().int(),
  can: MemberAbilities,
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
  /** A name prefix, a full ID-card number or a full phone number. */
  q: z.string().trim().max(30).optional(),
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
export const RevealedPii = z.object({ idNumber: z.string(), phone: z.string().nullable() });
