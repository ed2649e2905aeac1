// Labels as users read them, without zod: one source for the API's messages, the Excel files, the
// admin console and the member app (which imports this file and must stay light). A contract
// field carries its label as zod meta `title`; an enumeration's values are labelled here, in both
// languages, and checked against the enumeration at compile time (`satisfies`).
import type { z } from 'zod';
import type { Role } from './auth.ts';
import type {
  ActivityFrequency,
  ActivityKind,
  ActivityStatus,
  LeaveState,
  SignInMethod,
} from './life/activities.ts';
import type { DUE_STATES, ThoughtReportFrequency, ThoughtReportState } from './life/thought-reports.ts';
import type { Correction } from './members/corrections.ts';
import type { HARDSHIP_KINDS } from './members/codes.ts';
import type { DuesBasis, DuesCategory, DuesMonthState, ExcuseReason, ReliefKind } from './members/dues.ts';
import type { MEMBER_STATUSES, PipelineItem } from './members/enums.ts';
import type { ImportJob, ImportMode } from './members/excel.ts';
import type {
  ABROAD_KINDS,
  LEFT_HOWS,
  PARTY_STANDINGS,
  STANDING_DECISION_KINDS,
  STANDING_DUE_RULES,
} from './members/standing.ts';
import type { TransferKind, TransferStatus } from './members/transfers.ts';
import type { PostKind, PostStatus, Visibility } from './openness/posts.ts';
import type { CourseKind, CourseStatus } from './learning/library.ts';
import type { OfflineState } from './learning/offline.ts';
import type { StaffKind, StationMonthState } from './learning/stations.ts';
import type { MessageFilter, MessageStatus } from './openness/messages.ts';
import type { OrgKind, OrgSector } from './orgs.ts';
import type { NOTICE_AUDIENCES, RECEIPT_STATES } from './notify.ts';
import type { QuestionKind } from './surveys/definition.ts';
import type { AgeBand, CrossBy, SurveyAudience, SurveyStatus } from './surveys/surveys.ts';

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
  postCode: '工作岗位',
  homeAddress: '家庭住址',
  workStartedOn: '参加工作日期',
  hardshipKind: '困难党员类别',
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
  postCode: 'Post',
  homeAddress: 'Home address',
  workStartedOn: 'Started work on',
  hardshipKind: 'Hardship',
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
  recommendedOn: { zh: '群团组织推优', en: 'Recommended by the Youth League' },
  activistOn: { zh: '确定为入党积极分子', en: 'Named activist' },
  activistFiledOn: { zh: '入党积极分子报上级党委备案', en: 'Activist filed with the superior committee' },
  candidateOn: { zh: '确定为发展对象', en: 'Named candidate' },
  candidateFiledOn: { zh: '发展对象报上级党委备案', en: 'Candidate filed with the superior committee' },
  politicalReviewOn: { zh: '政治审查', en: 'Political review' },
  trainingOn: { zh: '集中培训', en: 'Concentrated training' },
  preReviewOn: { zh: '基层党委预审', en: 'Pre-review by the Party committee' },
  applicationFormOn: { zh: '填写入党志愿书', en: 'Application form filled in' },
  admissionResolutionOn: {
    zh: '支部党员大会讨论接收为预备党员',
    en: 'Branch meeting admits as probationary',
  },
  committeeTalkOn: { zh: '上级党委派人谈话', en: 'Talk by the superior committee' },
  admissionApprovedOn: { zh: '上级党委审批接收预备党员', en: 'Superior committee approves admission' },
  oathOn: { zh: '入党宣誓', en: 'Oath taken' },
  conversionRequestOn: { zh: '提出书面转正申请', en: 'Written request for full membership' },
  conversionResolutionOn: { zh: '支部党员大会讨论转正', en: 'Branch meeting resolves full membership' },
  conversionApprovedOn: { zh: '上级党委审批转正', en: 'Superior committee approves full membership' },
} as const satisfies Labels<PipelineItem>;

/**
 * The recruitment file's items that are not a date of their own, and the probation's: what the
 * due list and the refusals name besides PIPELINE_ITEM_LABELS.
 */
export const PIPELINE_FILE_LABELS = {
  trainingHours: { zh: '集中培训学时', en: 'Training hours' },
  cultivationContactIds: { zh: '培养联系人', en: 'Cultivation contacts' },
  sponsorIds: { zh: '入党介绍人', en: 'Sponsors' },
  probationExtensionMonths: { zh: '延长预备期（月）', en: 'Probation extended by (months)' },
  probationExtensionResolutionOn: {
    zh: '支部党员大会讨论延长预备期',
    en: 'Branch meeting extends the probation',
  },
  probationExtensionApprovedOn: {
    zh: '上级党委批准延长预备期',
    en: 'Superior committee approves the extension',
  },
} as const satisfies Labels<
  | 'trainingHours'
  | 'cultivationContactIds'
  | 'sponsorIds'
  | 'probationExtensionMonths'
  | 'probationExtensionResolutionOn'
  | 'probationExtensionApprovedOn'
>;

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

/** What a percentage standard is computed from (2008 dues rules). */
export const DUES_BASIS_LABELS = {
  salary: { zh: '税后月工资', en: 'After-tax monthly salary' },
  annual_salary: { zh: '年薪制（年薪的十二分之一）', en: 'Annual salary (one twelfth)' },
  self_employed: { zh: '个体（本人申报的月收入）', en: 'Self-employed (declared monthly income)' },
  pension: { zh: '月离退休费', en: 'Monthly retirement pay' },
} as const satisfies Labels<DuesBasis>;

/** 少交、免交党费 (2008 rules) and a good reason for not paying (党章第九条). */
export const RELIEF_KIND_LABELS = {
  reduced: { zh: '少交党费', en: 'Reduced dues' },
  exempt: { zh: '免交党费', en: 'Exempt from dues' },
  excused: { zh: '有正当理由', en: 'Good reason recorded' },
} as const satisfies Labels<ReliefKind>;

export const EXCUSE_REASON_LABELS = {
  illness: { zh: '因病', en: 'Illness' },
  hardship: { zh: '生活困难', en: 'Hardship' },
  paid_at_host: { zh: '在流入地党组织交纳', en: 'Paid at the host branch (migrant)' },
} as const satisfies Labels<ExcuseReason>;

/** A month of dues compared with what was due. */
export const DUES_MONTH_STATE_LABELS = {
  paid: { zh: '已交', en: 'Paid' },
  overpaid: { zh: '已交（自愿多交）', en: 'Paid (voluntary extra)' },
  underpaid: { zh: '少交，尚欠', en: 'Paid short, still owing' },
  unpaid: { zh: '未交', en: 'Not paid' },
  exempt: { zh: '免交', en: 'Exempt' },
  not_due: { zh: '无需交纳', en: 'Not due' },
  pending: { zh: '待交（未到期）', en: 'Not yet owed' },
} as const satisfies Labels<DuesMonthState>;

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
  previewed: { zh: '待确认更新', en: 'Awaiting confirmation' },
  confirmed: { zh: '已确认，排队写入', en: 'Confirmed, waiting to write' },
  writing: { zh: '正在写入', en: 'Writing' },
  done: { zh: '导入完成', en: 'Done' },
  failed: { zh: '导入失败', en: 'Failed' },
  cancelled: { zh: '已放弃', en: 'Discarded' },
} as const satisfies Labels<ImportJob['status']>;

/** What an import does with rows whose ID number is already on file (member_imports.mode). */
export const IMPORT_MODE_LABELS = {
  create: { zh: '新增党员', en: 'Add new members' },
  update: { zh: '更新已有党员', en: 'Update existing members' },
} as const satisfies Labels<ImportMode>;

/** 困难党员 by cause (《中国共产党党内关怀帮扶办法》, 2017): members.hardship_kind. */
export const HARDSHIP_KIND_LABELS = {
  subsistence: { zh: '享受最低生活保障', en: 'On the minimum living allowance' },
  illness: { zh: '因病致困', en: 'Hardship through illness' },
  disability: { zh: '因残致困', en: 'Hardship through disability' },
  disaster: { zh: '因灾致困', en: 'Hardship through a disaster' },
  schooling: { zh: '因学致困', en: 'Hardship through schooling costs' },
  unemployment: { zh: '失业致困', en: 'Hardship through unemployment' },
  other: { zh: '其他原因致困', en: 'Hardship for another reason' },
} as const satisfies Labels<(typeof HARDSHIP_KINDS)[number]>;

/** 奖惩: a commendation or a disciplinary sanction (member_sanctions.kind). */
export const SANCTION_KIND_LABELS = {
  reward: { zh: '奖励', en: 'Commendation' },
  discipline: { zh: '惩处', en: 'Discipline' },
} as const satisfies Labels<'reward' | 'discipline'>;

/** 党籍状态 (members.party_standing): apart from the category (正式/预备党员). */
export const PARTY_STANDING_LABELS = {
  normal: { zh: '正常', en: 'In good standing' },
  suspended: { zh: '停止党籍', en: 'Membership suspended' },
  left: { zh: '已出党', en: 'Left the Party' },
} as const satisfies Labels<(typeof PARTY_STANDINGS)[number]>;

/** How someone left the Party (members.left_how). */
export const LEFT_HOW_LABELS = {
  death: { zh: '逝世', en: 'Died' },
  resignation: { zh: '退党', en: 'Resigned' },
  removal: { zh: '除名', en: 'Removed' },
  expulsion: { zh: '开除党籍', en: 'Expelled' },
  lapsed: { zh: '自行脱党', en: 'Lapsed' },
  probation_cancelled: { zh: '取消预备党员资格', en: 'Probation cancelled' },
} as const satisfies Labels<(typeof LEFT_HOWS)[number]>;

/** 条例第二十四条: abroad for good, or studying abroad (members.abroad_kind). */
export const ABROAD_KIND_LABELS = {
  settled: { zh: '出国（境）定居', en: 'Settled abroad' },
  studying: { zh: '出国（境）学习研究', en: 'Studying abroad' },
} as const satisfies Labels<(typeof ABROAD_KINDS)[number]>;

/** The decisions on a member's standing (standing_decisions.kind). */
export const STANDING_DECISION_LABELS = {
  suspend: { zh: '停止党籍', en: 'Suspend membership' },
  restore: { zh: '恢复党籍', en: 'Restore membership' },
  remove: { zh: '除名', en: 'Remove' },
  lapse: { zh: '按自行脱党除名', en: 'Remove as lapsed' },
  expel: { zh: '开除党籍', en: 'Expel' },
  resign: { zh: '退党', en: 'Resignation' },
  death: { zh: '逝世', en: 'Death' },
} as const satisfies Labels<(typeof STANDING_DECISION_KINDS)[number]>;

/** Why a decision is due: the rule and where it is written. */
export const STANDING_DUE_RULE_LABELS = {
  lost_contact: {
    zh: '失去联系满6个月，可停止党籍（《党员教育管理工作条例》第二十四条）',
    en: 'Out of contact for 6 months: membership may be suspended (Regulations on Member Education and Management, art. 24)',
  },
  suspended_lost: {
    zh: '停止党籍满2年仍无法取得联系，按自行脱党除名（《党员教育管理工作条例》第二十四条）',
    en: 'Suspended 2 years and still out of contact: removed as lapsed (art. 24)',
  },
  settled_abroad: {
    zh: '出国（境）定居，一般予以停止党籍（《党员教育管理工作条例》第二十四条）',
    en: 'Settled abroad: membership is generally suspended (art. 24)',
  },
  studying_abroad: {
    zh: '出国（境）学习研究超过5年仍未返回，一般予以停止党籍（《党员教育管理工作条例》第二十四条）',
    en: 'Studying abroad for over 5 years: membership is generally suspended (art. 24)',
  },
  found_again: {
    zh: '停止党籍后已恢复联系，符合条件的可恢复党籍（《党员教育管理工作条例》第二十四条）',
    en: 'Back in contact after suspension: membership may be restored (art. 24)',
  },
  dues_unpaid: {
    zh: '连续6个月不交纳党费，无正当理由的视为自行脱党（《党章》第九条）',
    en: 'Six months in a row without paying dues and without good reason: lapsed (Party Constitution, art. 9)',
  },
  awaiting_approval: {
    zh: '支部党员大会已作出决定，待上级党组织批准',
    en: 'Decided by the branch meeting, awaiting the approval of the committee above',
  },
} as const satisfies Labels<(typeof STANDING_DUE_RULES)[number]>;

// ── 组织生活 (life/activities) ─────────────────────────────────────────────────────────────

/** 三会一课, 主题党日, 组织生活会, 民主生活会 (activities.kind). */
export const ACTIVITY_KIND_LABELS = {
  general_meeting: { zh: '支部党员大会', en: 'Branch general meeting' },
  committee_meeting: { zh: '支部委员会', en: 'Branch committee meeting' },
  group_meeting: { zh: '党小组会', en: 'Party group meeting' },
  party_lecture: { zh: '党课', en: 'Party lecture' },
  party_day: { zh: '主题党日', en: 'Themed Party day' },
  life_meeting: { zh: '组织生活会', en: 'Organizational life meeting' },
  democratic_life_meeting: { zh: '民主生活会', en: 'Democratic life meeting' },
} as const satisfies Labels<ActivityKind>;

export const ACTIVITY_STATUS_LABELS = {
  planned: { zh: '已计划', en: 'Planned' },
  held: { zh: '已召开', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const satisfies Labels<ActivityStatus>;

export const SIGN_IN_METHOD_LABELS = {
  qr: { zh: '扫码签到', en: 'QR code' },
  card: { zh: '学习卡签到', en: 'Study card' },
  roll_call: { zh: '点名签到', en: 'Roll call' },
} as const satisfies Labels<SignInMethod>;

export const LEAVE_STATE_LABELS = {
  requested: { zh: '请假待批', en: 'Leave requested' },
  approved: { zh: '已准假', en: 'Leave approved' },
  refused: { zh: '未准假', en: 'Leave refused' },
} as const satisfies Labels<LeaveState>;

export const ACTIVITY_FREQUENCY_LABELS = {
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  half_yearly: { zh: '每半年', en: 'Every half year' },
  yearly: { zh: '每年', en: 'Yearly' },
  none: { zh: '不作要求', en: 'Not required' },
} as const satisfies Labels<ActivityFrequency>;

// ── 思想汇报 (life/thought-reports) ───────────────────────────────────────────────────────

/** How often a branch's activists, candidates and probationary members hand in a report. */
export const THOUGHT_REPORT_FREQUENCY_LABELS = {
  monthly: { zh: '每月一次', en: 'Monthly' },
  quarterly: { zh: '每季度一次', en: 'Quarterly' },
  half_yearly: { zh: '每半年一次', en: 'Every half year' },
} as const satisfies Labels<ThoughtReportFrequency>;

export const THOUGHT_REPORT_STATE_LABELS = {
  pending: { zh: '待审阅', en: 'Awaiting review' },
  reviewed: { zh: '已审阅', en: 'Reviewed' },
} as const satisfies Labels<ThoughtReportState>;

/** A report not handed in: the period still runs (未交), or it ended without one (缺交). */
export const THOUGHT_REPORT_DUE_LABELS = {
  due: { zh: '本期未交', en: 'Not yet handed in' },
  missing: { zh: '缺交', en: 'Missing' },
} as const satisfies Labels<(typeof DUE_STATES)[number]>;

/** GLOSSARY.md: 工作动态 / 组织公告 / 党务公开 (post.kind). */
export const POST_KIND_LABELS = {
  update: { zh: '工作动态', en: 'Work update' },
  announcement: { zh: '组织公告', en: 'Announcement' },
  publicity: { zh: '党务公开', en: 'Party affairs openness' },
} as const satisfies Labels<PostKind>;

/** Who may read an item of an org's page or album. */
export const VISIBILITY_LABELS = {
  public: { zh: '公开', en: 'Public' },
  members: { zh: '仅党员可见', en: 'Members only' },
} as const satisfies Labels<Visibility>;

export const POST_STATUS_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Labels<PostStatus>;

/** Who a direct notice goes to (contracts/notify.ts). */
export const NOTICE_AUDIENCE_LABELS = {
  members: { zh: '全体党员', en: 'All members' },
  secretaries: { zh: '党组织书记', en: 'Secretaries' },
} as const satisfies Labels<(typeof NOTICE_AUDIENCES)[number]>;

/** A recipient's receipt: read or not yet. */
export const RECEIPT_STATE_LABELS = {
  read: { zh: '已读', en: 'Read' },
  unread: { zh: '未读', en: 'Unread' },
} as const satisfies Labels<(typeof RECEIPT_STATES)[number]>;

// ── 留言 (openness/messages) ────────────────────────────────────────────────────────────────

/** Where a message stands (messages.status). */
export const MESSAGE_STATUS_LABELS = {
  open: { zh: '待答复', en: 'Awaiting an answer' },
  answered: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
} as const satisfies Labels<MessageStatus>;

/** The inbox's filters. */
export const MESSAGE_FILTER_LABELS = {
  waiting: { zh: '待答复', en: 'Awaiting an answer' },
  unanswered: { zh: '未答复', en: 'Never answered' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  answered: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
} as const satisfies Labels<MessageFilter>;

// ── 课件库 (learning/library) ─────────────────────────────────────────────────────────────────

/** GLOSSARY.md: 课件 (course.kind). */
export const COURSE_KIND_LABELS = {
  video: { zh: '视频', en: 'Video' },
  audio: { zh: '音频', en: 'Audio' },
  article: { zh: '图文', en: 'Article' },
  document: { zh: '文档', en: 'Document' },
} as const satisfies Labels<CourseKind>;

export const COURSE_STATUS_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Labels<CourseStatus>;

// ── 线下学习 and 远程教育站点 (learning/offline, learning/stations) ──────────────────────────────────

/** Where an offline session stands (offline_studies.state). */
export const OFFLINE_STATE_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Awaiting approval' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已通过', en: 'Approved' },
} as const satisfies Labels<OfflineState>;

export const STAFF_KIND_LABELS = {
  manager: { zh: '站点管理员', en: 'Station manager' },
  operator: { zh: '操作员', en: 'Operator' },
} as const satisfies Labels<StaffKind>;

/** A station's month against the rule (240 minutes by default). */
export const STATION_MONTH_STATE_LABELS = {
  zero: { zh: '零播放', en: 'Nothing played' },
  short: { zh: '未达标', en: 'Short' },
  met: { zh: '已达标', en: 'Met' },
} as const satisfies Labels<StationMonthState>;

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

// ── 问卷调查 (surveys) ──

export const SURVEY_QUESTION_KIND_LABELS = {
  single: { zh: '单选题', en: 'Single choice' },
  multiple: { zh: '多选题', en: 'Multiple choice' },
  rating: { zh: '评分题', en: 'Rating scale' },
  matrix: { zh: '矩阵评分题', en: 'Matrix' },
  ranking: { zh: '排序题', en: 'Ranking' },
  number: { zh: '数字题', en: 'Number' },
  date: { zh: '日期题', en: 'Date' },
  text: { zh: '单行填空', en: 'Short text' },
  textarea: { zh: '多行填空', en: 'Long text' },
} as const satisfies Labels<QuestionKind>;

export const SURVEY_AUDIENCE_LABELS = {
  org: { zh: '党组织的党员', en: 'Members of an org' },
  class: { zh: '网上班级', en: 'An online class' },
  list: { zh: '指定党员', en: 'Members named' },
  public: { zh: '群众（公开链接）', en: 'The public (link)' },
} as const satisfies Labels<SurveyAudience>;

export const SURVEY_STATUS_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '进行中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
} as const satisfies Labels<SurveyStatus>;

export const SURVEY_CROSS_BY_LABELS = {
  org: { zh: '党组织', en: 'Org' },
  gender: { zh: '性别', en: 'Gender' },
  ageBand: { zh: '年龄段', en: 'Age band' },
  category: { zh: '党员类别', en: 'Category' },
} as const satisfies Labels<CrossBy>;

export const SURVEY_AGE_BAND_LABELS = {
  under35: { zh: '35岁以下', en: 'Under 35' },
  '35to45': { zh: '35–45岁', en: '35–45' },
  '46to60': { zh: '46–60岁', en: '46–60' },
  over60: { zh: '60岁以上', en: 'Over 60' },
  unknown: { zh: '未知', en: 'Unknown' },
} as const satisfies Labels<AgeBand>;

// ── 选举与民主评议 (elections) ─────────────────────────────────────────────────────────────────

/** GLOSSARY.md: 换届选举 `election`, 民主评议党员 `appraisal`, 网上推荐干部 `cadre_recommendation`. */
export const ELECTION_KIND_LABELS = {
  election: { zh: '选举', en: 'Election' },
  appraisal: { zh: '民主评议党员', en: 'Democratic appraisal' },
  cadre_recommendation: { zh: '民主推荐', en: 'Cadre recommendation' },
} as const satisfies Labels<import('./elections/elections.ts').ElectionKind>;

export const ELECTION_STATE_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待上级审批', en: 'Awaiting approval' },
  approved: { zh: '已批准', en: 'Approved' },
  open: { zh: '投票中', en: 'Voting' },
  closed: { zh: '已结束', en: 'Closed' },
} as const satisfies Labels<import('./elections/elections.ts').ElectionState>;

export const VOTE_MARK_LABELS = {
  yes: { zh: '赞成', en: 'For' },
  no: { zh: '不赞成', en: 'Against' },
  abstain: { zh: '弃权', en: 'Abstain' },
} as const satisfies Labels<import('./elections/elections.ts').VoteMark>;

export const APPRAISAL_GRADE_LABELS = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basic: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
} as const satisfies Labels<import('./elections/elections.ts').AppraisalGrade>;

export const OFFICE_LABELS = {
  member: { zh: '委员', en: 'Committee member' },
  secretary: { zh: '书记', en: 'Secretary' },
  deputy: { zh: '副书记', en: 'Deputy secretary' },
} as const satisfies Labels<import('./elections/elections.ts').Office>;
