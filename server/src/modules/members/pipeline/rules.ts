import type { MemberStatus, PipelineItem } from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addMonthsToDate } from '../../../platform/time.ts';
import {
  MEMBER_FIELD_LABELS,
  MEMBER_STATUS_LABELS,
  PIPELINE_ITEM_LABELS,
} from '../../../../../contracts/labels.ts';

/**
 * The recruitment pipeline as the rule book has it (中国共产党发展党员工作细则, 2014):
 * 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. Pure functions of a member's dates and
 * today (Asia/Shanghai, YYYY-MM-DD); the services read and write, these decide.
 *
 * Each step has prerequisites (recorded beforehand with PATCH …/pipeline) and one *decision date*,
 * the date of the decision that takes the step, which the advance itself records:
 *   activist     ← 确定为入党积极分子 (activistOn)
 *   candidate    ← 确定为发展对象 (candidateOn)
 *   probationary ← 上级党委审批 (admissionApprovedOn); joinedOn = 支部党员大会通过之日
 *   full         ← 上级党委审批转正 (conversionApprovedOn); fullOn = 预备期满之日
 */

/** Each item and date as users read it (contracts/labels.ts). */
export const LABEL: Record<PipelineItem | 'joinedOn' | 'fullOn' | 'birthDate', string> = {
  ...(Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, PIPELINE_ITEM_LABELS[k].zh])) as Record<
    PipelineItem,
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
export const STEP_OF: Record<PipelineItem, MemberStatus> = {
  appliedOn: 'activist',
  talkedOn: 'activist',
  activistOn: 'activist',
  candidateOn: 'candidate',
  politicalReviewOn: 'probationary',
  trainingOn: 'probationary',
  admissionResolutionOn: 'probationary',
  admissionApprovedOn: 'probationary',
  conversionResolutionOn: 'full',
  conversionApprovedOn: 'full',
};

export type PipelineDates = Record<PipelineItem, string | null> & {
  joinedOn: string | null;
  fullOn: string | null;
};
export type PipelineMember = { status: MemberStatus; birthDate: string; dates: PipelineDates };

export type Gap = { item: PipelineItem | 'joinedOn'; text: Text };
export type Overdue = { item: PipelineItem; dueOn: string; text: Text };
export type NextStep = {
  status: MemberStatus;
  next: MemberStatus | null;
  /** Prerequisites not recorded, or recorded against the rules. */
  missing: Gap[];
  /** The earliest date the step may be taken, as far as the recorded dates tell. */
  earliestOn: string | null;
  ready: boolean;
  overdue: Overdue[];
};

export const nextStatus = (s: MemberStatus): MemberStatus | null => ORDER[ORDER.indexOf(s) + 1] ?? null;
export const stepIndex = (s: MemberStatus) => ORDER.indexOf(s);

const latest = (...dates: (string | null)[]): string | null =>
  dates.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/** Said after the item's name (“政治审查（politicalReviewOn）：尚未登记日期”). */
const missingText = (item: PipelineItem | 'joinedOn'): Text => ({
  zh: '尚未登记日期',
  en: `${item} is not recorded`,
});

/**
 * A rule between two dates: `item` may not be earlier than `bound` (computed from other dates).
 * `after` names the items the bound comes from, so a PATCH is only refused for rules it touches.
 */
type OrderRule = {
  item: PipelineItem;
  after: (PipelineItem | 'birthDate' | 'joinedOn')[];
  bound: (m: PipelineMember) => string | null;
  text: (bound: string) => Text;
};

const adultOn = (m: PipelineMember) => addMonthsToDate(m.birthDate, 18 * 12);

const ORDER_RULES: OrderRule[] = [
  {
    // 细则：年满十八岁的 … 可以申请加入中国共产党
    item: 'appliedOn',
    after: ['birthDate'],
    bound: adultOn,
    text: (b) => ({ zh: `申请入党须年满十八岁（${b} 起）`, en: `the applicant must be 18 (from ${b})` }),
  },
  {
    // 细则：党组织收到入党申请书后 … 派人同入党申请人谈话
    item: 'talkedOn',
    after: ['appliedOn'],
    bound: (m) => m.dates.appliedOn,
    text: (b) => ({ zh: `谈话不能早于递交入党申请书（${b}）`, en: `cannot precede the application (${b})` }),
  },
  {
    // 细则：在入党申请人中确定入党积极分子
    item: 'activistOn',
    after: ['appliedOn', 'talkedOn'],
    bound: (m) => latest(m.dates.appliedOn, m.dates.talkedOn),
    text: (b) => ({
      zh: `确定为入党积极分子不能早于递交申请和谈话（${b}）`,
      en: `cannot precede the application and the talk (${b})`,
    }),
  },
  {
    // 细则：对经过一年以上培养教育和考察的入党积极分子 … 列为发展对象
    item: 'candidateOn',
    after: ['activistOn'],
    bound: (m) => (m.dates.activistOn ? addMonthsToDate(m.dates.activistOn, 12) : null),
    text: (b) => ({
      zh: `入党积极分子须经一年以上培养教育方可确定为发展对象（${b} 起）`,
      en: `an activist needs one year of training first (from ${b})`,
    }),
  },
  {
    // 细则：对发展对象进行政治审查
    item: 'politicalReviewOn',
    after: ['candidateOn'],
    bound: (m) => m.dates.candidateOn,
    text: (b) => ({
      zh: `政治审查的对象是发展对象，不能早于确定为发展对象（${b}）`,
      en: `the review is of a candidate (from ${b})`,
    }),
  },
  {
    // 细则：对发展对象进行短期集中培训
    item: 'trainingOn',
    after: ['candidateOn'],
    bound: (m) => m.dates.candidateOn,
    text: (b) => ({
      zh: `集中培训的对象是发展对象，不能早于确定为发展对象（${b}）`,
      en: `the training is of a candidate (from ${b})`,
    }),
  },
  {
    // 细则：审查、培训之后由支部党员大会讨论；入党时须年满十八岁
    item: 'admissionResolutionOn',
    after: ['candidateOn', 'politicalReviewOn', 'trainingOn', 'birthDate'],
    bound: (m) => latest(m.dates.candidateOn, m.dates.politicalReviewOn, m.dates.trainingOn, adultOn(m)),
    text: (b) => ({
      zh: `支部党员大会讨论须在政治审查和集中培训之后（${b} 起）`,
      en: `the branch meeting follows the review and the training (from ${b})`,
    }),
  },
  {
    // 细则：上级党委审批
    item: 'admissionApprovedOn',
    after: ['admissionResolutionOn'],
    bound: (m) => m.dates.admissionResolutionOn,
    text: (b) => ({
      zh: `上级党委审批不能早于支部党员大会讨论（${b}）`,
      en: `approval cannot precede the resolution (${b})`,
    }),
  },
  {
    // 党章第七条：预备期一年，从支部大会通过之日算起；期满讨论转正
    item: 'conversionResolutionOn',
    after: ['joinedOn', 'admissionResolutionOn'],
    bound: (m) => {
      const joined = m.dates.joinedOn ?? m.dates.admissionResolutionOn;
      return joined ? addMonthsToDate(joined, 12) : null;
    },
    text: (b) => ({
      zh: `预备期为一年，期满（${b}）后方可讨论转正`,
      en: `the probation lasts one year (until ${b})`,
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

function gapsFor(m: PipelineMember, items: PipelineItem[], today: string): Gap[] {
  const problems = checkPipelineDates(m, today);
  const out: Gap[] = [];
  for (const item of items) {
    if (!m.dates[item]) out.push({ item, text: missingText(item) });
    else for (const p of problems.filter((x) => x.path === item)) out.push({ item, text: p.text });
  }
  return out;
}

function overdueIf(item: PipelineItem, from: string | null, months: number, today: string, text: Text) {
  if (!from) return [];
  const dueOn = addMonthsToDate(from, months);
  return today > dueOn ? [{ item, dueOn, text }] : [];
}

/** Where a member stands: the next step, what it still needs, when it may be taken, what is late. */
export function nextStep(m: PipelineMember, today: string): NextStep {
  const d = m.dates;
  const next = nextStatus(m.status);
  let missing: Gap[] = [];
  let earliestOn: string | null = null;
  let overdue: Overdue[] = [];
  switch (next) {
    case 'activist':
      missing = gapsFor(m, ['appliedOn', 'talkedOn'], today);
      earliestOn = latest(d.appliedOn, d.talkedOn);
      // 细则：一个月内派人谈话
      if (!d.talkedOn)
        overdue = overdueIf('talkedOn', d.appliedOn, 1, today, {
          zh: '收到入党申请书后一个月内须派人谈话',
          en: 'the talk is due within one month of the application',
        });
      break;
    case 'candidate':
      missing = gapsFor(m, ['activistOn'], today);
      earliestOn = d.activistOn ? addMonthsToDate(d.activistOn, 12) : null;
      break;
    case 'probationary':
      missing = gapsFor(
        m,
        ['candidateOn', 'politicalReviewOn', 'trainingOn', 'admissionResolutionOn'],
        today,
      );
      earliestOn = d.admissionResolutionOn ?? latest(d.candidateOn, d.politicalReviewOn, d.trainingOn);
      // 细则：上级党委应当在三个月内审批
      if (!d.admissionApprovedOn)
        overdue = overdueIf('admissionApprovedOn', d.admissionResolutionOn, 3, today, {
          zh: '上级党委须在支部党员大会讨论后三个月内审批',
          en: 'approval is due within three months of the resolution',
        });
      break;
    case 'full': {
      const joined = d.joinedOn ?? d.admissionResolutionOn;
      if (!joined) missing.push({ item: 'joinedOn', text: missingText('joinedOn') });
      missing.push(...gapsFor(m, ['conversionResolutionOn'], today));
      earliestOn = latest(joined ? addMonthsToDate(joined, 12) : null, d.conversionResolutionOn);
      // 细则：转正的决议，上级党组织应当在三个月内审批
      if (!d.conversionApprovedOn)
        overdue = overdueIf('conversionApprovedOn', d.conversionResolutionOn, 3, today, {
          zh: '上级党委须在支部党员大会讨论转正后三个月内审批',
          en: 'approval of the conversion is due within three months',
        });
      break;
    }
  }
  const ready = next !== null && missing.length === 0 && earliestOn !== null && today >= earliestOn;
  return { status: m.status, next, missing, earliestOn, ready, overdue };
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
  // 党章第七条：预备期从支部大会通过之日算起；党龄从预备期满转为正式党员之日算起
  if (to === 'probationary') out.joinedOn = m.dates.admissionResolutionOn;
  if (to === 'full') out.fullOn = addMonthsToDate((m.dates.joinedOn ?? m.dates.admissionResolutionOn)!, 12);
  return out;
}

/**
 * Bump when the rules above change what a standing would be: every stored standing is then
 * derived again before the due list ranks it.
 */
export const PIPELINE_RULES_VERSION = 1;

/**
 * The part of nextStep that does not move with the calendar, stored on the record so the due list
 * ranks and pages in SQL: how many prerequisites are missing, the earliest day the next step may
 * be taken, and the day after which something is overdue. Ready on `today` is then
 * `gaps = 0 and earliestOn <= today`, overdue is `today > dueOn`, exactly as nextStep says.
 * (A date recorded in the future is refused when it is written, so no gap waits on the calendar.)
 */
export type Standing = { gaps: number; earliestOn: string | null; dueOn: string | null };

export function standingOf(m: PipelineMember): Standing {
  // seen from the far future, every period has run and every deadline shows with its day
  const step = nextStep(m, '9999-12-31');
  const due = step.overdue.map((o) => o.dueOn).sort();
  return { gaps: step.missing.length, earliestOn: step.earliestOn, dueOn: due[0] ?? null };
}

export const readyOn = (s: Standing, today: string) =>
  s.gaps === 0 && s.earliestOn !== null && today >= s.earliestOn;
export const overdueOn = (s: Standing, today: string) => s.dueOn !== null && today > s.dueOn;
