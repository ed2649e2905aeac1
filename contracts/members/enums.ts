// Plain lists of the member record's enumerations, without zod: the member app (first load
// ≤ 200 KB) imports them from here; contracts/members/record.ts builds its schemas on them.

/** GLOSSARY.md: 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. */
export const MEMBER_STATUSES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;

export const GENDERS = ['male', 'female'] as const;

/** 学历 as the national member-information system lists it. */
export const EDUCATIONS = [
  '研究生',
  '大学本科',
  '大学专科',
  '中等专科',
  '高中',
  '初中',
  '小学及以下',
] as const;

export const DEGREES = ['博士', '硕士', '学士', '无'] as const;

/** 党内职务 a member may hold in their branch. */
export const POSITIONS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长'] as const;

/**
 * The recruitment file's dates (中国共产党发展党员工作细则), in the order the steps are taken; each
 * step's last is its decision (pipeline/rules.ts). Training hours, cultivation contacts and
 * sponsors are the file's other items (contracts/members/pipeline.ts).
 */
export const PIPELINE_ITEMS = [
  'appliedOn', // 递交入党申请书
  'talkedOn', // 党组织派人谈话（一个月内）
  'recommendedOn', // 推优（群团组织推荐）
  'activistOn', // 确定为入党积极分子
  'activistFiledOn', // 入党积极分子报上级党委备案
  'candidateOn', // 确定为发展对象（培养教育一年以上）
  'candidateFiledOn', // 发展对象报上级党委备案
  'politicalReviewOn', // 政治审查
  'trainingOn', // 集中培训
  'preReviewOn', // 基层党委预审
  'applicationFormOn', // 填写入党志愿书
  'admissionResolutionOn', // 支部党员大会讨论接收为预备党员
  'committeeTalkOn', // 上级党委派人谈话
  'admissionApprovedOn', // 上级党委审批（三个月内）
  'oathOn', // 入党宣誓
  'conversionRequestOn', // 提出书面转正申请
  'conversionResolutionOn', // 预备期满，支部党员大会讨论转正
  'conversionApprovedOn', // 上级党委审批转正
] as const;
export type PipelineItem = (typeof PIPELINE_ITEMS)[number];

export const CORRECTABLE = [
  'name',
  'ethnicity',
  'education',
  'degree',
  'phone',
  'workUnit',
  'mobileLocation',
] as const;
