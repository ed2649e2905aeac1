import type { MemberStatus, PipelineAlert, PipelineItem } from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addMonthsToDate } from '../../../platform/time.ts';
import {
  MEMBER_FIELD_LABELS,
  MEMBER_STATUS_LABELS,
  PIPELINE_FILE_LABELS,
  PIPELINE_ITEM_LABELS,
} from '../../../../../contracts/labels.ts';

/**
 * The recruitment pipeline as the rule book has it (中国共产党章程; 中国共产党发展党员工作细则, 2014,
 * "细则" below): 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. Pure functions of a
 * member's file and today (Asia/Shanghai, YYYY-MM-DD); the services read and write, these decide.
 *
 * Each step has prerequisites (recorded beforehand with PATCH …/pipeline) and one *decision date*,
 * the date of the decision that takes the step, which the advance itself records:
 *   activist     ← 确定为入党积极分子 (activistOn)
 *   candidate    ← 确定为发展对象 (candidateOn)
 *   probationary ← 上级党委审批 (admissionApprovedOn); joinedOn = 支部党员大会通过之日
 *   full         ← 上级党委审批转正 (conversionApprovedOn); fullOn = 预备期满之日
 */

/** The file's items besides its dates. */
export type FileField = 'trainingHours' | 'cultivationContactIds' | 'sponsorIds';
/** Whatever a gap, a deadline or a refusal may name. */
export type FileItem = PipelineItem | FileField | 'joinedOn' | 'probationExtensionApprovedOn';

/** Each item and date as users read it (contracts/labels.ts). */
export const LABEL: Record<
  FileItem | 'fullOn' | 'birthDate' | 'probationExtensionMonths' | 'probationExtensionResolutionOn',
  string
> = {
  ...(Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, PIPELINE_ITEM_LABELS[k].zh])) as Record<
    PipelineItem,
    string
  >),
  ...(Object.fromEntries(Object.entries(PIPELINE_FILE_LABELS).map(([k, v]) => [k, v.zh])) as Record<
    keyof typeof PIPELINE_FILE_LABELS,
    string
  >),
  joinedOn: MEMBER_FIELD_LABELS.joinedOn,
  fullOn: MEMBER_FIELD_LABELS.fullOn,
  birthDate: MEMBER_FIELD_LABELS.birthDate,
};

export const STATUS_LABEL = Object.fromEntries(
  Object.entries(MEMBER_STATUS_LABELS).map(([k, v]) => [k, v.zh]),
) as Record<MemberStatus, string>;

const ORDER: readonly MemberStatus[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];

/** The item the step's own decision dates; the advance records it from `on`. */
export const DECISION: Partial<Record<MemberStatus, PipelineItem>> = {
  activist: 'activistOn',
  candidate: 'candidateOn',
  probationary: 'admissionApprovedOn',
  full: 'conversionApprovedOn',
};

/** The step each item belongs to (is a prerequisite or the decision of). */
export const STEP_OF: Record<PipelineItem | FileField, MemberStatus> = {
  appliedOn: 'activist',
  talkedOn: 'activist',
  recommendedOn: 'activist',
  activistOn: 'activist',
  activistFiledOn: 'candidate',
  cultivationContactIds: 'candidate',
  candidateOn: 'candidate',
  candidateFiledOn: 'probationary',
  sponsorIds: 'probationary',
  politicalReviewOn: 'probationary',
  trainingOn: 'probationary',
  trainingHours: 'probationary',
  preReviewOn: 'probationary',
  applicationFormOn: 'probationary',
  admissionResolutionOn: 'probationary',
  committeeTalkOn: 'probationary',
  admissionApprovedOn: 'probationary',
  oathOn: 'full',
  conversionRequestOn: 'full',
  conversionResolutionOn: 'full',
  conversionApprovedOn: 'full',
};

export type PipelineDates = Record<PipelineItem, string | null> & {
  joinedOn: string | null;
  fullOn: string | null;
};
/** 延长预备期 as recorded: the branch meeting, the months, the approval (null until given). */
export type Extension = { months: number; resolutionOn: string; approvedOn: string | null };
/** 取消预备党员资格 resolved by the branch; approvedOn null while it awaits the committee. */
export type Cancellation = { resolutionOn: string; approvedOn: string | null };

export type PipelineMember = {
  status: MemberStatus;
  birthDate: string;
  dates: PipelineDates;
  trainingHours: number | null;
  /** 培养联系人 and 入党介绍人: member ids, checked to be full members when recorded. */
  contacts: readonly number[];
  sponsors: readonly number[];
  extension: Extension | null;
  /** Known to the operations that look (not stored with the standing): see `alertsOf`. */
  cancellation?: Cancellation | null;
  /** The day a probationer's transfer into this deployment's org was accepted. */
  transferredInOn?: string | null;
};

export type Gap = { item: FileItem; text: Text };
export type Deadline = { item: FileItem; dueOn: string; text: Text };
export type Alert = PipelineAlert & { text: Text };
export type NextStep = {
  status: MemberStatus;
  next: MemberStatus | null;
  /** Prerequisites not recorded, or recorded against the rules. */
  missing: Gap[];
  /** The earliest date the step may be taken, as far as the recorded dates tell. */
  earliestOn: string | null;
  ready: boolean;
  /** Every deadline the next step has, soonest first, passed or not. */
  deadlines: Deadline[];
  /** The deadlines already passed. */
  overdue: Deadline[];
  /** Flags beside the step: a late talk, advice, a postponement allowed, a decision pending. */
  alerts: Alert[];
};

export const nextStatus = (s: MemberStatus): MemberStatus | null => ORDER[ORDER.indexOf(s) + 1] ?? null;
export const stepIndex = (s: MemberStatus) => ORDER.indexOf(s);

const latest = (...dates: (string | null | undefined)[]): string | null =>
  dates.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/** Said after the item's name (“政治审查（politicalReviewOn）：尚未登记日期”). */
const missingText = (item: FileItem): Text => ({ zh: '尚未登记日期', en: `${item} is not recorded` });

const adultOn = (m: Pick<PipelineMember, 'birthDate'>) => addMonthsToDate(m.birthDate, 18 * 12);

/** 党章第七条：预备期从支部大会通过之日算起 — the join date, or the meeting's when not yet admitted. */
export const joinedOf = (m: PipelineMember) => m.dates.joinedOn ?? m.dates.admissionResolutionOn;

/**
 * 党章第七条；细则第三十二条：预备期为一年，可以延长一次，延长时间不能少于半年，最长不超过一年。
 * The probation ends a year after the join date, later by the extension the branch meeting
 * resolved (counted from its resolution, so the conversion cannot be discussed before its end
 * while the approval is awaited). The full-membership date is this day (党龄从预备期满转为正式党员之日算起).
 */
export function probationEndOf(m: PipelineMember): string | null {
  const joined = joinedOf(m);
  if (!joined) return null;
  return addMonthsToDate(joined, 12 + (m.extension?.months ?? 0));
}

/** 细则第七条：党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话. */
export const talkDueOf = (m: PipelineMember) =>
  m.dates.appliedOn ? addMonthsToDate(m.dates.appliedOn, 1) : null;

/** 细则第二十五、三十四条 (and the extension's): the superior committee decides within three months. */
const APPROVAL_MONTHS = 3;

/**
 * A rule between two dates: `item` may not be earlier than `bound` (computed from other dates).
 * `after` names what the bound comes from, so a PATCH is only refused for rules it touches.
 */
type OrderRule = {
  item: PipelineItem;
  after: (PipelineItem | 'birthDate' | 'joinedOn' | 'probationExtension')[];
  bound: (m: PipelineMember) => string | null;
  text: (bound: string) => Text;
};

const ORDER_RULES: OrderRule[] = [
  {
    // 党章第一条；细则第五条：年满十八岁的 … 可以申请加入中国共产党
    item: 'appliedOn',
    after: ['birthDate'],
    bound: adultOn,
    text: (b) => ({ zh: `申请入党须年满十八岁（${b} 起）`, en: `the applicant must be 18 (from ${b})` }),
  },
  {
    // 细则第七条：党组织收到入党申请书后 … 派人同入党申请人谈话
    item: 'talkedOn',
    after: ['appliedOn'],
    bound: (m) => m.dates.appliedOn,
    text: (b) => ({ zh: `谈话不能早于递交入党申请书（${b}）`, en: `cannot precede the application (${b})` }),
  },
  {
    // 细则第八条：在入党申请人中 … 采取党员推荐、群团组织推优等方式产生人选
    item: 'recommendedOn',
    after: ['appliedOn'],
    bound: (m) => m.dates.appliedOn,
    text: (b) => ({
      zh: `推优的对象是入党申请人，不能早于递交入党申请书（${b}）`,
      en: `the recommendation is of an applicant (from ${b})`,
    }),
  },
  {
    // 细则第八条：在入党申请人中确定入党积极分子（经谈话、推荐之后）
    item: 'activistOn',
    after: ['appliedOn', 'talkedOn', 'recommendedOn'],
    bound: (m) => latest(m.dates.appliedOn, m.dates.talkedOn, m.dates.recommendedOn),
    text: (b) => ({
      zh: `确定为入党积极分子不能早于递交申请、谈话和推优（${b}）`,
      en: `cannot precede the application, the talk and the recommendation (${b})`,
    }),
  },
  {
    // 细则第八条：由支部委员会研究决定，并报上级党委备案
    item: 'activistFiledOn',
    after: ['activistOn'],
    bound: (m) => m.dates.activistOn,
    text: (b) => ({
      zh: `备案的是已确定的入党积极分子，不能早于确定之日（${b}）`,
      en: `the filing follows the designation (${b})`,
    }),
  },
  {
    // 细则第十三条：对经过一年以上培养教育和考察 … 的入党积极分子 … 可列为发展对象
    item: 'candidateOn',
    after: ['activistOn'],
    bound: (m) => (m.dates.activistOn ? addMonthsToDate(m.dates.activistOn, 12) : null),
    text: (b) => ({
      zh: `入党积极分子须经一年以上培养教育方可确定为发展对象（${b} 起）`,
      en: `an activist needs one year of training first (from ${b})`,
    }),
  },
  {
    // 细则第十三条：支部委员会讨论同意并报上级党委备案后，可列为发展对象
    item: 'candidateFiledOn',
    after: ['candidateOn'],
    bound: (m) => m.dates.candidateOn,
    text: (b) => ({
      zh: `备案的是已确定的发展对象，不能早于确定之日（${b}）`,
      en: `the filing follows the designation (${b})`,
    }),
  },
  {
    // 细则第十六条：对发展对象进行政治审查
    item: 'politicalReviewOn',
    after: ['candidateOn'],
    bound: (m) => m.dates.candidateOn,
    text: (b) => ({
      zh: `政治审查的对象是发展对象，不能早于确定为发展对象（${b}）`,
      en: `the review is of a candidate (from ${b})`,
    }),
  },
  {
    // 细则第十七条：对发展对象进行短期集中培训
    item: 'trainingOn',
    after: ['candidateOn'],
    bound: (m) => m.dates.candidateOn,
    text: (b) => ({
      zh: `集中培训的对象是发展对象，不能早于确定为发展对象（${b}）`,
      en: `the training is of a candidate (from ${b})`,
    }),
  },
  {
    // 细则第十九条：支部委员会对发展对象进行严格审查，经集体讨论认为合格后，报基层党委预审
    item: 'preReviewOn',
    after: ['candidateOn', 'politicalReviewOn', 'trainingOn'],
    bound: (m) => latest(m.dates.candidateOn, m.dates.politicalReviewOn, m.dates.trainingOn),
    text: (b) => ({
      zh: `基层党委预审须在政治审查和集中培训之后（${b} 起）`,
      en: `the pre-review follows the political review and the training (from ${b})`,
    }),
  },
  {
    // 细则第十九条：预审合格的 … 发放《中国共产党入党志愿书》
    item: 'applicationFormOn',
    after: ['preReviewOn'],
    bound: (m) => m.dates.preReviewOn,
    text: (b) => ({
      zh: `入党志愿书在预审合格后发放，不能早于预审（${b}）`,
      en: `the form is issued after the pre-review (${b})`,
    }),
  },
  {
    // 党章第五条；细则第二十二条：填写入党志愿书，经审查、培训之后由支部党员大会讨论；入党时须年满十八岁
    item: 'admissionResolutionOn',
    after: [
      'candidateOn',
      'politicalReviewOn',
      'trainingOn',
      'preReviewOn',
      'applicationFormOn',
      'birthDate',
    ],
    bound: (m) =>
      latest(
        m.dates.candidateOn,
        m.dates.politicalReviewOn,
        m.dates.trainingOn,
        m.dates.preReviewOn,
        m.dates.applicationFormOn,
        adultOn(m),
      ),
    text: (b) => ({
      zh: `支部党员大会讨论须在政治审查、集中培训、预审和填写入党志愿书之后（${b} 起）`,
      en: `the branch meeting follows the review, the training, the pre-review and the form (from ${b})`,
    }),
  },
  {
    // 党章第五条；细则第二十四条：上级党委在审批前，应当指派党委委员或组织员同发展对象谈话
    item: 'committeeTalkOn',
    after: ['admissionResolutionOn'],
    bound: (m) => m.dates.admissionResolutionOn,
    text: (b) => ({
      zh: `上级党委派人谈话在支部党员大会讨论之后、审批之前，不能早于大会（${b}）`,
      en: `the committee's talk follows the branch meeting (${b})`,
    }),
  },
  {
    // 细则第二十四、二十五条：谈话之后，上级党委审批
    item: 'admissionApprovedOn',
    after: ['admissionResolutionOn', 'committeeTalkOn'],
    bound: (m) => latest(m.dates.admissionResolutionOn, m.dates.committeeTalkOn),
    text: (b) => ({
      zh: `上级党委审批不能早于支部党员大会讨论和上级党委派人谈话（${b}）`,
      en: `approval cannot precede the resolution and the committee's talk (${b})`,
    }),
  },
  {
    // 党章第六条；细则第三十条：预备党员必须面向党旗进行入党宣誓
    item: 'oathOn',
    after: ['admissionApprovedOn'],
    bound: (m) => m.dates.admissionApprovedOn,
    text: (b) => ({
      zh: `入党宣誓由已批准的预备党员进行，不能早于上级党委审批（${b}）`,
      en: `the oath is taken once admitted (from ${b})`,
    }),
  },
  {
    // 细则第三十三条：预备党员转正，本人向党支部提出书面转正申请
    item: 'conversionRequestOn',
    after: ['joinedOn', 'admissionResolutionOn'],
    bound: joinedOf,
    text: (b) => ({
      zh: `书面转正申请由预备党员提出，不能早于入党（${b}）`,
      en: `the request is made by a probationary member (from ${b})`,
    }),
  },
  {
    // 党章第七条；细则第三十二、三十三条：预备期满（含延长的预备期），经本人申请，支部党员大会讨论转正
    item: 'conversionResolutionOn',
    after: ['joinedOn', 'admissionResolutionOn', 'conversionRequestOn', 'probationExtension'],
    bound: (m) => latest(probationEndOf(m), m.dates.conversionRequestOn),
    text: (b) => ({
      zh: `预备期满并提出书面转正申请后（${b} 起）方可讨论转正`,
      en: `the probation must be over and the request made (from ${b})`,
    }),
  },
  {
    item: 'conversionApprovedOn',
    after: ['conversionResolutionOn'],
    bound: (m) => m.dates.conversionResolutionOn,
    text: (b) => ({
      zh: `上级党委审批转正不能早于支部党员大会讨论转正（${b}）`,
      en: `approval cannot precede the resolution (${b})`,
    }),
  },
];

export type DateProblem = { path: PipelineItem; about: string[]; text: Text };

/** Dates against each other and against today: every problem, each naming its item. */
export function checkPipelineDates(m: PipelineMember, today: string): DateProblem[] {
  const out: DateProblem[] = [];
  for (const item of PIPELINE_ITEMS) {
    const v = m.dates[item];
    if (v && v > today)
      out.push({
        path: item,
        about: [item],
        text: { zh: '日期不能晚于今天', en: 'cannot be in the future' },
      });
  }
  for (const r of ORDER_RULES) {
    const v = m.dates[r.item];
    const b = v ? r.bound(m) : null;
    if (v && b && v < b) out.push({ path: r.item, about: [r.item, ...r.after], text: r.text(b) });
  }
  return out;
}

/** 细则第九条：党组织应当指定一至两名正式党员作入党积极分子的培养联系人. */
export function contactsGap(m: PipelineMember): Gap[] {
  if (m.contacts.length >= 1) return [];
  return [
    {
      item: 'cultivationContactIds',
      text: {
        zh: '须指定一至两名正式党员作培养联系人',
        en: 'one or two full members must be named as cultivation contacts',
      },
    },
  ];
}

/** 党章第五条；细则第十四条：发展对象应当有两名正式党员作入党介绍人. */
export function sponsorsGap(m: PipelineMember): Gap[] {
  if (m.sponsors.length >= 2) return [];
  return [
    {
      item: 'sponsorIds',
      text: {
        zh: `须有两名正式党员作入党介绍人（已登记 ${m.sponsors.length} 名）`,
        en: `two full members must sponsor the candidate (${m.sponsors.length} recorded)`,
      },
    },
  ];
}

/** 细则第十七条：集中培训时间一般不少于三天（或不少于二十四个学时）. */
export const MIN_TRAINING_HOURS = 24;
export function trainingHoursGap(m: PipelineMember): Gap[] {
  if (m.trainingHours === null)
    return [{ item: 'trainingHours', text: { zh: '尚未登记学时', en: 'the hours are not recorded' } }];
  if (m.trainingHours >= MIN_TRAINING_HOURS) return [];
  return [
    {
      item: 'trainingHours',
      text: {
        zh: `集中培训一般不少于三天或二十四学时，已登记 ${m.trainingHours} 学时`,
        en: `the training lasts at least three days or 24 hours; ${m.trainingHours} recorded`,
      },
    },
  ];
}

function gapsFor(m: PipelineMember, items: PipelineItem[], today: string): Gap[] {
  const problems = checkPipelineDates(m, today);
  const out: Gap[] = [];
  for (const item of items) {
    if (!m.dates[item]) out.push({ item, text: missingText(item) });
    else for (const p of problems.filter((x) => x.path === item)) out.push({ item, text: p.text });
  }
  return out;
}

const deadline = (item: FileItem, from: string | null, months: number, text: Text): Deadline[] =>
  from ? [{ item, dueOn: addMonthsToDate(from, months), text }] : [];

/**
 * What the next step needs, when it may be taken and by when its parts are due. Everything here
 * depends on the stored file only, so the due list can rank a standing derived once (standingOf).
 */
function stepOf(m: PipelineMember, today: string) {
  const d = m.dates;
  const next = nextStatus(m.status);
  let missing: Gap[] = [];
  let earliestOn: string | null = null;
  let deadlines: Deadline[] = [];
  switch (next) {
    case 'activist':
      missing = gapsFor(m, ['appliedOn', 'talkedOn'], today);
      earliestOn = latest(d.appliedOn, d.talkedOn, d.recommendedOn);
      // 细则第七条：一个月内派人谈话
      if (!d.talkedOn)
        deadlines = deadline('talkedOn', d.appliedOn, 1, {
          zh: '收到入党申请书后一个月内须派人谈话',
          en: 'the talk is due within one month of the application',
        });
      break;
    case 'candidate':
      missing = [...gapsFor(m, ['activistOn', 'activistFiledOn'], today), ...contactsGap(m)];
      earliestOn = latest(d.activistOn ? addMonthsToDate(d.activistOn, 12) : null, d.activistFiledOn);
      if (!d.activistOn) earliestOn = null;
      break;
    case 'probationary': {
      missing = [
        ...gapsFor(m, ['candidateOn', 'candidateFiledOn'], today),
        ...sponsorsGap(m),
        ...gapsFor(m, ['politicalReviewOn', 'trainingOn'], today),
        ...trainingHoursGap(m),
        ...gapsFor(
          m,
          ['preReviewOn', 'applicationFormOn', 'admissionResolutionOn', 'committeeTalkOn'],
          today,
        ),
      ];
      earliestOn = d.admissionResolutionOn
        ? latest(d.admissionResolutionOn, d.committeeTalkOn)
        : latest(d.candidateOn, d.politicalReviewOn, d.trainingOn, d.preReviewOn, d.applicationFormOn);
      // 细则第二十五条：上级党委应当在三个月内审批
      if (!d.admissionApprovedOn)
        deadlines = deadline('admissionApprovedOn', d.admissionResolutionOn, APPROVAL_MONTHS, {
          zh: '上级党委须在支部党员大会讨论后三个月内审批',
          en: 'approval is due within three months of the resolution',
        });
      break;
    }
    case 'full': {
      const end = probationEndOf(m);
      if (!joinedOf(m)) missing.push({ item: 'joinedOn', text: missingText('joinedOn') });
      const ext = m.extension;
      if (ext && !ext.approvedOn)
        missing.push({
          item: 'probationExtensionApprovedOn',
          text: { zh: '延长预备期尚待上级党委批准', en: 'the extension awaits approval' },
        });
      missing.push(...gapsFor(m, ['oathOn', 'conversionRequestOn', 'conversionResolutionOn'], today));
      earliestOn = latest(end, d.conversionResolutionOn, ext?.approvedOn);
      // 细则第三十二条：延长预备期应当经上级党组织批准；审批时限比照第三十四条转正决议的三个月
      if (ext && !ext.approvedOn)
        deadlines.push(
          ...deadline('probationExtensionApprovedOn', ext.resolutionOn, APPROVAL_MONTHS, {
            zh: '上级党委须在支部党员大会讨论后三个月内审批延长预备期',
            en: 'approval of the extension is due within three months',
          }),
        );
      // 党章第七条：预备党员预备期满，党的支部应当及时讨论他能否转为正式党员
      if (!d.conversionResolutionOn && end)
        deadlines.push({
          item: 'conversionResolutionOn',
          dueOn: end,
          text: {
            zh: `预备期已于 ${end} 届满，支部应当及时讨论其能否转为正式党员`,
            en: `the probation ended on ${end}: the branch discusses the conversion`,
          },
        });
      // 细则第三十四条：转正的决议，上级党委应当在三个月内审批
      if (!d.conversionApprovedOn)
        deadlines.push(
          ...deadline('conversionApprovedOn', d.conversionResolutionOn, APPROVAL_MONTHS, {
            zh: '上级党委须在支部党员大会讨论转正后三个月内审批',
            en: 'approval of the conversion is due within three months',
          }),
        );
      break;
    }
  }
  deadlines.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return { next, missing, earliestOn, deadlines };
}

/**
 * The flags beside the step. Some rest on facts kept elsewhere (a transfer, a pending
 * cancellation): the operations that show them look those up; they never change the standing.
 */
export function alertsOf(m: PipelineMember): Alert[] {
  const d = m.dates;
  const out: Alert[] = [];
  // 细则第七条：一个月内 — flagged when late, not only when missing
  const talkDue = talkDueOf(m);
  if (talkDue && d.talkedOn && d.talkedOn > talkDue)
    out.push({
      kind: 'talkLate',
      on: talkDue,
      text: {
        zh: `谈话晚于规定：应在 ${talkDue} 前谈话，实际 ${d.talkedOn}`,
        en: `the talk was late: due by ${talkDue}, held on ${d.talkedOn}`,
      },
    });
  // 细则第八条（群团组织推优）：28 周岁以下的入党申请人一般经共青团推优 — advisory, not a gap:
  // not every young applicant is a League member, and the branch judges
  if (
    stepIndex(m.status) < stepIndex('candidate') &&
    d.appliedOn &&
    !d.recommendedOn &&
    d.appliedOn < addMonthsToDate(m.birthDate, 28 * 12)
  )
    out.push({
      kind: 'recommendationAdvised',
      on: null,
      text: {
        zh: '申请时未满 28 周岁，一般应经共青团组织推优（非团员的除外）',
        en: 'under 28 when applying: usually recommended by the Youth League (unless not a member)',
      },
    });
  // 细则第三十六条：基层党组织对转入的预备党员，在其预备期满时，如认为有必要，可推迟讨论其转正问题，推迟时间不超过六个月
  const end = probationEndOf(m);
  const joined = joinedOf(m);
  if (m.status === 'probationary' && end && joined && m.transferredInOn && m.transferredInOn >= joined) {
    const latestOn = addMonthsToDate(end, 6);
    out.push({
      kind: 'transferredIn',
      on: latestOn,
      text: {
        zh: `转入的预备党员：如有必要，可推迟讨论其转正问题，但不超过六个月（至 ${latestOn}）`,
        en: `transferred in during probation: the conversion may be postponed up to six months (until ${latestOn})`,
      },
    });
  }
  const c = m.cancellation;
  if (m.status === 'probationary' && c && !c.approvedOn) {
    const dueOn = addMonthsToDate(c.resolutionOn, APPROVAL_MONTHS);
    out.push({
      kind: 'cancellationPending',
      on: dueOn,
      text: {
        zh: `支部党员大会已于 ${c.resolutionOn} 决定取消预备党员资格，待上级党委审批（三个月内，至 ${dueOn}）`,
        en: `the branch resolved on ${c.resolutionOn} to cancel the probation; approval due by ${dueOn}`,
      },
    });
  }
  return out;
}

/** Where a member stands: the next step, what it still needs, when it may be taken, what is due. */
export function nextStep(m: PipelineMember, today: string): NextStep {
  const { next, missing, earliestOn, deadlines } = stepOf(m, today);
  const ready = next !== null && missing.length === 0 && earliestOn !== null && today >= earliestOn;
  return {
    status: m.status,
    next,
    missing,
    earliestOn,
    ready,
    deadlines,
    overdue: deadlines.filter((x) => today > x.dueOn),
    alerts: alertsOf(m),
  };
}

export type AdvanceProblem = { path: string; text: Text };

/** Why `to` on `on` may not be taken now; empty when it may. */
export function advanceProblems(
  m: PipelineMember,
  to: MemberStatus,
  on: string,
  today: string,
): AdvanceProblem[] {
  const step = nextStep(m, today);
  if (step.next === null)
    return [{ path: 'to', text: { zh: '已是正式党员，没有下一阶段', en: 'already a full member' } }];
  if (to !== step.next)
    return [
      {
        path: 'to',
        text: {
          zh: `只能从${STATUS_LABEL[m.status]}转为${STATUS_LABEL[step.next]}，不能转为${STATUS_LABEL[to]}`,
          en: `the next step from ${m.status} is ${step.next}, not ${to}`,
        },
      },
    ];
  // 党章第七条：转正、延长预备期或取消预备党员资格，都应当经支部大会讨论通过和上级党组织批准 — one outcome
  if (m.cancellation && to === 'full')
    return [
      {
        path: 'to',
        text: {
          zh: `支部党员大会已于 ${m.cancellation.resolutionOn} 决定取消其预备党员资格，不能转正`,
          en: 'the branch resolved to cancel the probation',
        },
      },
    ];
  const out: AdvanceProblem[] = step.missing.map((g) => ({ path: g.item, text: g.text }));
  if (on > today) out.push({ path: 'on', text: { zh: '日期不能晚于今天', en: 'cannot be in the future' } });
  if (step.earliestOn && on < step.earliestOn)
    out.push({
      path: 'on',
      text: {
        zh: `最早可于 ${step.earliestOn} 转为${STATUS_LABEL[to]}`,
        en: `the earliest date for this step is ${step.earliestOn}`,
      },
    });
  const decision = DECISION[to]!;
  const recorded = m.dates[decision];
  if (recorded && recorded !== on)
    out.push({
      path: 'on',
      text: {
        zh: `已登记“${LABEL[decision]}”日期为 ${recorded}，与本次日期不一致`,
        en: `${decision} is recorded as ${recorded}`,
      },
    });
  return out;
}

/** The dates an advance writes besides the status. */
export function advanceChanges(m: PipelineMember, to: MemberStatus, on: string): Partial<PipelineDates> {
  const decision = DECISION[to]!;
  const out: Partial<PipelineDates> = { [decision]: on };
  // 党章第七条：预备期从支部大会通过之日算起；党龄从预备期满转为正式党员之日算起 (with the extension)
  if (to === 'probationary') out.joinedOn = m.dates.admissionResolutionOn;
  if (to === 'full') out.fullOn = probationEndOf(m)!;
  return out;
}

export type DecisionProblem = { path: string; text: Text };

/** The dates of a probation decision (the branch meeting, the approval) against the file and today. */
function decisionDates(
  m: PipelineMember,
  d: { resolutionOn: string; approvedOn: string | null },
  today: string,
) {
  const out: DecisionProblem[] = [];
  const joined = joinedOf(m);
  if (d.resolutionOn > today)
    out.push({ path: 'resolutionOn', text: { zh: '日期不能晚于今天', en: 'cannot be in the future' } });
  if (joined && d.resolutionOn < joined)
    out.push({
      path: 'resolutionOn',
      text: {
        zh: `讨论的是预备党员，不能早于入党日期（${joined}）`,
        en: `the meeting is about a probationary member (from ${joined})`,
      },
    });
  if (d.approvedOn && d.approvedOn > today)
    out.push({ path: 'approvedOn', text: { zh: '日期不能晚于今天', en: 'cannot be in the future' } });
  if (d.approvedOn && d.approvedOn < d.resolutionOn)
    out.push({
      path: 'approvedOn',
      text: {
        zh: `上级党委批准不能早于支部党员大会讨论（${d.resolutionOn}）`,
        en: `approval cannot precede the resolution (${d.resolutionOn})`,
      },
    });
  return out;
}

const onlyProbationary = (m: PipelineMember, what: Text): DecisionProblem[] =>
  m.status === 'probationary'
    ? []
    : [
        {
          path: 'status',
          text: {
            zh: `只有预备党员才能${what.zh}，该同志现为${STATUS_LABEL[m.status]}`,
            en: `only a probationary member's probation can be ${what.en}`,
          },
        },
      ];

/**
 * 党章第七条；细则第三十二条：需要继续考察和教育的，可以延长一次预备期，延长时间不能少于半年，最长
 * 不超过一年；经支部党员大会讨论通过和上级党组织批准. An extension awaiting approval may be corrected
 * or approved; once approved there is no second one.
 */
export function extensionProblems(m: PipelineMember, ext: Extension, today: string): DecisionProblem[] {
  const out = onlyProbationary(m, { zh: '延长预备期', en: 'extended' });
  if (out.length) return out;
  if (m.cancellation)
    return [
      {
        path: 'status',
        text: {
          zh: `支部党员大会已于 ${m.cancellation.resolutionOn} 决定取消其预备党员资格，不能再延长预备期`,
          en: 'the branch resolved to cancel the probation',
        },
      },
    ];
  const was = m.extension;
  if (
    was?.approvedOn &&
    (was.months !== ext.months || was.resolutionOn !== ext.resolutionOn || was.approvedOn !== ext.approvedOn)
  )
    return [
      {
        path: 'months',
        text: {
          zh: `预备期只能延长一次：已于 ${was.approvedOn} 经上级党委批准延长 ${was.months} 个月`,
          en: `the probation can be extended once; it was, by ${was.months} months`,
        },
      },
    ];
  if (!Number.isInteger(ext.months) || ext.months < 6 || ext.months > 12)
    out.push({
      path: 'months',
      text: {
        zh: '延长时间不能少于半年，最长不超过一年（6 至 12 个月）',
        en: 'six to twelve months',
      },
    });
  out.push(...decisionDates(m, ext, today));
  // a conversion meeting already on file must still come after the (longer) probation
  const after = { ...m, extension: ext };
  for (const p of checkPipelineDates(after, today))
    if (p.about.includes('probationExtension')) out.push({ path: p.path, text: p.text });
  return out;
}

/**
 * 党章第七条；细则第三十二条：不履行党员义务、不具备党员条件的，应当取消预备党员资格；经支部党员大会
 * 讨论通过和上级党组织批准. It takes effect on the approval: the person then leaves the Party.
 */
export function cancellationProblems(m: PipelineMember, c: Cancellation, today: string): DecisionProblem[] {
  const out = onlyProbationary(m, { zh: '取消预备党员资格', en: 'cancelled' });
  if (out.length) return out;
  return decisionDates(m, c, today);
}

/**
 * Bump when the rules above change what a standing would be: every stored standing is then
 * derived again before the due list ranks it. 2: the whole recruitment file (filings, contacts,
 * sponsors, training hours, pre-review, form, committee talk, oath, request) and the extended
 * probation.
 */
export const PIPELINE_RULES_VERSION = 2;

/**
 * The part of nextStep that does not move with the calendar, stored on the record so the due list
 * ranks and pages in SQL: how many prerequisites are missing, the earliest day the next step may
 * be taken, and the nearest deadline. Ready on `today` is then `gaps = 0 and earliestOn <= today`,
 * overdue is `today > dueOn`, exactly as nextStep says.
 * (A date recorded in the future is refused when it is written, so no gap waits on the calendar.)
 */
export type Standing = { gaps: number; earliestOn: string | null; dueOn: string | null };

export function standingOf(m: PipelineMember): Standing {
  // seen from the far future, every period has run; deadlines do not depend on the day
  const step = stepOf(m, '9999-12-31');
  return { gaps: step.missing.length, earliestOn: step.earliestOn, dueOn: step.deadlines[0]?.dueOn ?? null };
}

export const readyOn = (s: Standing, today: string) =>
  s.gaps === 0 && s.earliestOn !== null && today >= s.earliestOn;
export const overdueOn = (s: Standing, today: string) => s.dueOn !== null && today > s.dueOn;
