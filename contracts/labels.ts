// Labels as users read them, without zod: one source for the API's messages, the Excel files, the
// admin console and the member app (which imports this file and must stay light). A contract
// field carries its label as zod meta `title`; an enumeration's values are labelled here, in both
// languages, and checked against the enumeration at compile time (`satisfies`).
import type { z } from 'zod';
import type { Role } from './auth.ts';
import type { Correction } from './members/corrections.ts';
import type { DuesCategory } from './members/dues.ts';
import type { MEMBER_STATUSES, PipelineItem } from './members/enums.ts';
import type { ImportJob } from './members/excel.ts';
import type { TransferKind, TransferStatus } from './members/transfers.ts';
import type { OrgKind, OrgSector } from './orgs.ts';

/** 党员信息 fields, as the national member-information system and the import template name them. */
export const MEMBER_FIELD_LABELS = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  idNumber: '身份证号',
  birthDate: '出生日期',
  education: '学历',
  degree: '学位',
  status: '人员类别',
  joinedOn: '入党日期',
  fullOn: '转正日期',
  orgId: '所在党支部',
  positions: '党内职务',
  phone: '手机号',
  workUnit: '工作单位',
  mobile: '是否流动党员',
  mobileLocation: '外出地点',
  duesCategory: '党费类别',
  monthlyIncomeFen: '月收入',
} as const;
export type MemberField = keyof typeof MEMBER_FIELD_LABELS;

/** The same fields in English, as the console's English UI names them. */
export const MEMBER_FIELD_LABELS_EN = {
  name: 'Name',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  idNumber: 'ID number',
  birthDate: 'Birth date',
  education: 'Education',
  degree: 'Degree',
  status: 'Category',
  joinedOn: 'Joined on',
  fullOn: 'Full member since',
  orgId: 'Party branch',
  positions: 'Party positions',
  phone: 'Mobile',
  workUnit: 'Work unit',
  mobile: 'Mobile member',
  mobileLocation: 'Working in',
  duesCategory: 'Dues category',
  monthlyIncomeFen: 'Monthly income',
} as const satisfies Record<MemberField, string>;

// ── labels of enumerations ──────────────────────────────────────────────────────────────────

export type Lang = 'zh' | 'en';
/** What one value of an enumeration is called, in Chinese (the terms of GLOSSARY.md) and English. */
export type Label = { readonly zh: string; readonly en: string };
type Labels<K extends string> = Readonly<Record<K, Label>>;

/** 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员 (member.status). */
export const MEMBER_STATUS_LABELS = {
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Candidate' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
} as const satisfies Labels<(typeof MEMBER_STATUSES)[number]>;

export const GENDER_LABELS = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
} as const satisfies Labels<'male' | 'female'>;

/**
 * The recruitment items (中国共产党发展党员工作细则), each the date of one step. The admission is
 * "接收预备党员" in full, like the conversion's "转正", so the two approvals are not confused.
 */
export const PIPELINE_ITEM_LABELS = {
  appliedOn: { zh: '递交入党申请书', en: 'Application handed in' },
  talkedOn: { zh: '党组织派人谈话', en: 'Talk with the applicant' },
  activistOn: { zh: '确定为入党积极分子', en: 'Named activist' },
  candidateOn: { zh: '确定为发展对象', en: 'Named candidate' },
  politicalReviewOn: { zh: '政治审查', en: 'Political review' },
  trainingOn: { zh: '集中培训', en: 'Concentrated training' },
  admissionResolutionOn: {
    zh: '支部党员大会讨论接收为预备党员',
    en: 'Branch meeting admits as probationary',
  },
  admissionApprovedOn: { zh: '上级党委审批接收预备党员', en: 'Superior committee approves admission' },
  conversionResolutionOn: { zh: '支部党员大会讨论转正', en: 'Branch meeting resolves full membership' },
  conversionApprovedOn: { zh: '上级党委审批转正', en: 'Superior committee approves full membership' },
} as const satisfies Labels<PipelineItem>;

/** 党费类别: the short names forms, lists and the Excel template use. */
export const DUES_CATEGORY_LABELS = {
  salaried: { zh: '在职', en: 'Salaried' },
  retired: { zh: '离退休', en: 'Retired' },
  farmer: { zh: '农民', en: 'Farmer' },
  student: { zh: '学生', en: 'Student' },
  relief: { zh: '困难党员', en: 'In hardship' },
} as const satisfies Labels<DuesCategory>;

/** Who falls in each dues category and what the standard is computed from (2008 dues rules). */
export const DUES_CATEGORY_DESCRIPTIONS = {
  salaried: { zh: '在职党员（按税后月工资收入）', en: 'Salaried (after-tax monthly income)' },
  retired: { zh: '离退休党员（按月离退休费）', en: 'Retired (monthly retirement pay)' },
  farmer: { zh: '农民党员', en: 'Farmers' },
  student: { zh: '学生党员', en: 'Students' },
  relief: { zh: '下岗失业、依靠抚恤或救济生活的党员', en: 'Unemployed or on relief' },
} as const satisfies Labels<DuesCategory>;

/** GLOSSARY.md: 党委, 党工委, 党总支, 党支部, 党小组 (org.kind). */
export const ORG_KIND_LABELS = {
  committee: { zh: '党委', en: 'Party committee' },
  working_committee: { zh: '党工委', en: 'Working committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Party branch' },
  group: { zh: '党小组', en: 'Party group' },
} as const satisfies Labels<OrgKind>;

/** 两新组织 and everything else (org.sector). */
export const ORG_SECTOR_LABELS = {
  public: { zh: '机关事业单位、国企、村社区', en: 'Public institutions, SOEs, villages and communities' },
  non_public: { zh: '两新组织', en: 'Non-public sector' },
} as const satisfies Labels<z.infer<typeof OrgSector>>;

export const ROLE_LABELS = {
  dept_admin: { zh: '组织部管理员', en: 'Organization dept. admin' },
  org_admin: { zh: '党组织管理员', en: 'Org admin' },
  secretary: { zh: '书记', en: 'Secretary' },
  member: { zh: '党员', en: 'Member' },
  station_manager: { zh: '站点管理员', en: 'Station manager' },
} as const satisfies Labels<Role>;

/** 组织关系转接: within the platform, to outside it, or registered from outside. */
export const TRANSFER_KIND_LABELS = {
  internal: { zh: '系统内转接', en: 'Within the platform' },
  outgoing: { zh: '转出系统外', en: 'Out of the platform' },
  incoming: { zh: '系统外转入', en: 'Into the platform' },
} as const satisfies Labels<z.infer<typeof TransferKind>>;

export const TRANSFER_STATUS_LABELS = {
  pending: { zh: '待接收', en: 'Awaiting acceptance' },
  accepted: { zh: '已接收', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  cancelled: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Labels<z.infer<typeof TransferStatus>>;

/** A member's request to correct their record, decided by the branch. */
export const CORRECTION_STATUS_LABELS = {
  pending: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已同意', en: 'Approved' },
  rejected: { zh: '未同意', en: 'Not approved' },
} as const satisfies Labels<z.infer<typeof Correction>['status']>;

/** An Excel import as it goes: queued, every row checked, written (or not). */
export const IMPORT_STATUS_LABELS = {
  queued: { zh: '排队等待中', en: 'Waiting in the queue' },
  validating: { zh: '正在逐行校验', en: 'Checking every row' },
  writing: { zh: '正在写入', en: 'Writing' },
  done: { zh: '导入完成', en: 'Done' },
  failed: { zh: '导入失败', en: 'Failed' },
} as const satisfies Labels<ImportJob['status']>;

/** One language of an enumeration's labels, e.g. { full: '正式党员', … }: i18n resources, Excel lists. */
export function labelsIn<K extends string>(labels: Labels<K>, lang: Lang): Record<K, string> {
  return Object.fromEntries(Object.entries<Label>(labels).map(([k, l]) => [k, l[lang]])) as Record<K, string>;
}

/** The value a label names, e.g. '正式党员' → 'full' when reading an Excel cell; undefined if none. */
export function valueNamed<K extends string>(
  labels: Labels<K>,
  text: string,
  lang: Lang = 'zh',
): K | undefined {
  const t = text.trim();
  return (Object.keys(labels) as K[]).find((k) => labels[k][lang] === t);
}
