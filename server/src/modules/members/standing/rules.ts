import type {
  MemberStatus,
  StandingDecisionKind,
  StandingDueRule,
} from '../../../../../contracts/members/index.ts';
import { type LEFT_HOW_LABELS, STANDING_DECISION_LABELS } from '../../../../../contracts/labels.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addDays, addMonthsToDate, addMonthsToMonth } from '../../../platform/time.ts';
import { FLAG_AFTER_MONTHS } from '../dues/rules.ts';

/**
 * 党籍状态, from the regulations:
 *
 * - 《中国共产党党员教育管理工作条例》（2019）第二十四条: "对因私出国并在国外长期定居的党员，出国
 *   学习研究超过5年仍未返回的党员，一般予以停止党籍 … 对与党组织失去联系6个月以上、通过各种方式
 *   查找仍然没有取得联系的党员，予以停止党籍 … 停止党籍2年后确实无法取得联系的，按照自行脱党予以
 *   除名。对停止党籍的党员，符合条件的，可以按照规定程序恢复党籍。"
 * - 《中国共产党章程》第九条: 退党 (the branch meeting announces the removal, the committee above
 *   files it), 劝退 and 除名 (the branch meeting decides, the committee above approves), and
 *   "党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被
 *   认为是自行脱党。支部大会应当决定把这样的党员除名，并报上级党组织批准。"
 * - 党章第四十二条: 开除党籍 is decided by the branch meeting and approved above.
 *
 * The platform lists who is due for which decision; people take the decision and record it.
 */

export type PartyStanding = 'normal' | 'suspended' | 'left';
export type AbroadKind = 'settled' | 'studying';
export type Problem = { path: string; text: Text };

/** What the standing rules read of a member. Dates are YYYY-MM-DD. */
export type StandingFacts = {
  name: string;
  status: MemberStatus;
  standing: PartyStanding;
  joinedOn: string | null;
  /** The current (or last) episode of lost contact; foundOn set when it ended. */
  lostContactOn: string | null;
  foundOn: string | null;
  suspendedOn: string | null;
  abroadKind: AbroadKind | null;
  abroadSince: string | null;
};

/** 条例第二十四条: lost contact for six months or more → suspension. */
export const LOST_CONTACT_MONTHS = 6;
/** 条例第二十四条: suspended two years and still out of contact → removed as lapsed. */
export const SUSPENDED_MONTHS_BEFORE_LAPSE = 24;
/** 条例第二十四条: studying abroad for more than five years without returning → suspension. */
export const STUDYING_ABROAD_MONTHS = 60;

/** Only members (预备党员 and 正式党员) have 党籍; people on the way in have none to decide on. */
export const hasStanding = (status: MemberStatus) => status === 'probationary' || status === 'full';

/** Out of contact now: an episode began and has not ended. */
export const outOfContact = (m: Pick<StandingFacts, 'lostContactOn' | 'foundOn'>) =>
  m.lostContactOn !== null && m.foundOn === null;

/** 条例第二十四条: suspension may be decided from six months after contact was lost. */
export const suspendableAfterLostOn = (lostOn: string) => addMonthsToDate(lostOn, LOST_CONTACT_MONTHS);
/** 条例第二十四条: removal as lapsed from two years after the suspension. */
export const lapsedAfterSuspendedOn = (suspendedOn: string) =>
  addMonthsToDate(suspendedOn, SUSPENDED_MONTHS_BEFORE_LAPSE);
/** 条例第二十四条: "超过5年" — from the day after five full years abroad. */
export const suspendableAfterStudyingSince = (since: string) =>
  addDays(addMonthsToDate(since, STUDYING_ABROAD_MONTHS), 1);

export type Due = {
  decision: StandingDecisionKind;
  rule: StandingDueRule;
  basisOn: string;
  dueSince: string;
};

/**
 * The decisions `m` is due for on `today` under 条例第二十四条 (the dues rule of 党章第九条 comes
 * from the arrears report: duesLapseDue). A member with a decision awaiting approval is listed
 * under that instead (standing-due.ts).
 */
export function dueDecisions(m: StandingFacts, today: string): Due[] {
  if (!hasStanding(m.status)) return [];
  const due: Due[] = [];
  if (m.standing === 'normal') {
    if (outOfContact(m)) {
      const since = suspendableAfterLostOn(m.lostContactOn!);
      if (since <= today)
        due.push({ decision: 'suspend', rule: 'lost_contact', basisOn: m.lostContactOn!, dueSince: since });
    }
    if (m.abroadKind === 'settled' && m.abroadSince && m.abroadSince <= today)
      due.push({
        decision: 'suspend',
        rule: 'settled_abroad',
        basisOn: m.abroadSince,
        dueSince: m.abroadSince,
      });
    if (m.abroadKind === 'studying' && m.abroadSince) {
      const since = suspendableAfterStudyingSince(m.abroadSince);
      if (since <= today)
        due.push({ decision: 'suspend', rule: 'studying_abroad', basisOn: m.abroadSince, dueSince: since });
    }
  }
  if (m.standing === 'suspended' && m.suspendedOn) {
    if (outOfContact(m)) {
      const since = lapsedAfterSuspendedOn(m.suspendedOn);
      if (since <= today)
        due.push({ decision: 'lapse', rule: 'suspended_lost', basisOn: m.suspendedOn, dueSince: since });
    } else if (m.foundOn && m.foundOn >= m.suspendedOn)
      due.push({ decision: 'restore', rule: 'found_again', basisOn: m.suspendedOn, dueSince: m.foundOn });
  }
  return due;
}

/**
 * 党章第九条: six months in a row without paying dues (the arrears report's flag, which already
 * leaves out those with a good reason recorded) — 自行脱党, for the branch meeting to decide.
 * `sinceMonth` is the first unpaid month; the sixth ends the month before `dueSince`.
 */
export function duesLapseDue(sinceMonth: string): Due {
  return {
    decision: 'lapse',
    rule: 'dues_unpaid',
    basisOn: `${sinceMonth}-01`,
    dueSince: `${addMonthsToMonth(sinceMonth, FLAG_AFTER_MONTHS)}-01`,
  };
}

/**
 * Which decisions need the committee above to approve them, taking effect on its approval
 * (党章第九条: 除名、自行脱党 "报上级党组织批准"; 第四十二条: 开除党籍; 停止、恢复党籍 by the committee's
 * approval in practice). 退党 is announced by the branch meeting and only filed above (备案), and a
 * death is a fact: both take effect at once.
 */
export function needsApproval(kind: StandingDecisionKind): boolean {
  return kind !== 'resign' && kind !== 'death';
}

/**
 * Where a decision stands: awaiting the committee above, in effect, or refused by it (不予批准). A
 * refused decision has no effect: the member's standing stays as it was, and whatever made the
 * decision due (条例第二十四条, 党章第九条) is due again for the branch to take up.
 */
export function decisionState(
  kind: StandingDecisionKind,
  d: { approvedOn: string | null; refusedOn: string | null },
): 'awaiting' | 'in_effect' | 'refused' {
  if (d.refusedOn) return 'refused';
  return needsApproval(kind) && !d.approvedOn ? 'awaiting' : 'in_effect';
}

/** The day a decision takes effect: the approval's, or the resolution's (退党, 逝世); null while awaiting. */
export function effectiveOn(
  kind: StandingDecisionKind,
  resolutionOn: string,
  approvedOn: string | null,
): string | null {
  return needsApproval(kind) ? approvedOn : resolutionOn;
}

/** What a decision makes of the member's standing once in effect. */
export const LEFT_HOW_OF: Partial<Record<StandingDecisionKind, keyof typeof LEFT_HOW_LABELS>> = {
  remove: 'removal',
  lapse: 'lapsed',
  expel: 'expulsion',
  resign: 'resignation',
  death: 'death',
};
export function standingAfter(kind: StandingDecisionKind): {
  standing: PartyStanding;
  leftHow: keyof typeof LEFT_HOW_LABELS | null;
} {
  if (kind === 'suspend') return { standing: 'suspended', leftHow: null };
  if (kind === 'restore') return { standing: 'normal', leftHow: null };
  return { standing: 'left', leftHow: LEFT_HOW_OF[kind]! };
}

/** The ground 条例第二十四条 gives for suspending `m` on `on`, or null when there is none yet. */
export function suspensionGround(m: StandingFacts, on: string): StandingDueRule | null {
  if (outOfContact(m) && suspendableAfterLostOn(m.lostContactOn!) <= on) return 'lost_contact';
  if (m.abroadKind === 'settled' && m.abroadSince && m.abroadSince <= on) return 'settled_abroad';
  if (m.abroadKind === 'studying' && m.abroadSince && suspendableAfterStudyingSince(m.abroadSince) <= on)
    return 'studying_abroad';
  return null;
}

/** The decisions that may be recorded for `m` now, dates aside (the buttons a page shows). */
export function decisionsAllowed(m: StandingFacts, awaiting: boolean): StandingDecisionKind[] {
  if (!hasStanding(m.status) || m.standing === 'left') return [];
  // a death is a fact: it is recorded even while another decision awaits approval
  if (awaiting) return ['death'];
  if (m.standing === 'suspended') return ['restore', 'lapse', 'remove', 'expel', 'resign', 'death'];
  const suspend = outOfContact(m) || m.abroadKind !== null ? (['suspend'] as const) : [];
  return [...suspend, 'lapse', 'remove', 'expel', 'resign', 'death'];
}

const DECISION = (k: StandingDecisionKind) => STANDING_DECISION_LABELS[k];

/**
 * Whether a decision may be recorded for `m`: it applies to the member's standing, rests on the
 * situation the regulation names, and its dates hold (not in the future; the approval not before
 * the resolution; nothing before the situation it rests on or before the last decision in effect).
 */
export function decisionProblems(
  m: StandingFacts,
  d: {
    kind: StandingDecisionKind;
    resolutionOn: string;
    approvedOn: string | null;
    approvedBy: string | null;
  },
  today: string,
  lastEffectiveOn: string | null,
): Problem[] {
  const p: Problem[] = [];
  const label = DECISION(d.kind);
  if (!hasStanding(m.status)) {
    p.push({
      path: 'kind',
      text: {
        zh: `${m.name}尚未被接收为预备党员，没有党籍，不能作出“${label.zh}”的决定`,
        en: 'not a member yet: there is no Party standing to decide on',
      },
    });
    return p;
  }
  if (d.kind === 'restore' && m.standing !== 'suspended')
    p.push({
      path: 'kind',
      text: { zh: `${m.name}未被停止党籍，无需恢复党籍`, en: 'the membership is not suspended' },
    });
  if (
    d.kind === 'restore' &&
    m.foundOn &&
    m.suspendedOn &&
    m.foundOn >= m.suspendedOn &&
    d.resolutionOn < m.foundOn
  )
    p.push({
      path: 'resolutionOn',
      text: {
        zh: `不能早于恢复联系之日（${m.foundOn}）`,
        en: `cannot be before contact was found again (${m.foundOn})`,
      },
    });
  if (d.kind === 'suspend') {
    if (m.standing === 'suspended')
      p.push({ path: 'kind', text: { zh: `${m.name}已被停止党籍`, en: 'already suspended' } });
    else if (!suspensionGround(m, d.resolutionOn)) p.push(noGround(m));
  }
  if (d.kind === 'lapse' && m.standing === 'suspended' && m.suspendedOn) {
    // 条例第二十四条: a suspended member is removed as lapsed only after two years out of contact
    const from = lapsedAfterSuspendedOn(m.suspendedOn);
    if (d.resolutionOn < from)
      p.push({
        path: 'resolutionOn',
        text: {
          zh: `停止党籍（${m.suspendedOn}）满2年后（${from}起）仍无法取得联系的，方可按自行脱党除名`,
          en: `a suspended member is removed as lapsed only from ${from}, two years after the suspension`,
        },
      });
  }
  // the dates
  if (d.resolutionOn > today)
    p.push({
      path: 'resolutionOn',
      text: { zh: `不能晚于今天（${today}）`, en: `cannot be after today (${today})` },
    });
  if (m.joinedOn && d.resolutionOn < m.joinedOn)
    p.push({
      path: 'resolutionOn',
      text: { zh: `不能早于入党日期（${m.joinedOn}）`, en: `cannot be before joining (${m.joinedOn})` },
    });
  if (m.standing === 'suspended' && m.suspendedOn && d.resolutionOn < m.suspendedOn)
    p.push({
      path: 'resolutionOn',
      text: {
        zh: `不能早于停止党籍之日（${m.suspendedOn}）`,
        en: `cannot be before the suspension (${m.suspendedOn})`,
      },
    });
  if (lastEffectiveOn && d.resolutionOn < lastEffectiveOn)
    p.push({
      path: 'resolutionOn',
      text: {
        zh: `不能早于上一项决定生效之日（${lastEffectiveOn}）`,
        en: `cannot be before the last decision took effect (${lastEffectiveOn})`,
      },
    });
  if (d.kind === 'death') {
    if (d.approvedOn)
      p.push({ path: 'approvedOn', text: { zh: '党员逝世无需上级批准', en: 'a death needs no approval' } });
  } else p.push(...approvalProblems(d.resolutionOn, d, today));
  return p;
}

/** The approval's own dates: given with the approving body, not in the future, not before the resolution. */
export function approvalProblems(
  resolutionOn: string,
  a: { approvedOn: string | null; approvedBy: string | null },
  today: string,
): Problem[] {
  const p: Problem[] = [];
  if (a.approvedOn && !a.approvedBy)
    p.push({ path: 'approvedBy', text: { zh: '请填写批准机关', en: 'name the approving body' } });
  if (!a.approvedOn && a.approvedBy)
    p.push({ path: 'approvedOn', text: { zh: '请填写批准日期', en: 'give the date of approval' } });
  if (a.approvedOn && a.approvedOn > today)
    p.push({
      path: 'approvedOn',
      text: { zh: `不能晚于今天（${today}）`, en: `cannot be after today (${today})` },
    });
  if (a.approvedOn && a.approvedOn < resolutionOn)
    p.push({
      path: 'approvedOn',
      text: {
        zh: `上级批准不能早于支部党员大会作出决定之日（${resolutionOn}）`,
        en: `the approval cannot come before the branch meeting (${resolutionOn})`,
      },
    });
  return p;
}

/**
 * The committee's refusal (不予批准) of a decision awaiting it: only such a decision can be refused
 * (one in effect is undone by a new decision, e.g. 恢复党籍), on a day not in the future and not
 * before the branch meeting it answers.
 */
export function refusalProblems(
  d: {
    kind: StandingDecisionKind;
    resolutionOn: string;
    approvedOn: string | null;
    refusedOn: string | null;
  },
  refusedOn: string,
  today: string,
): Problem[] {
  const p: Problem[] = [];
  if (!needsApproval(d.kind))
    p.push({
      path: 'refusedOn',
      text: {
        zh: `“${DECISION(d.kind).zh}”无需上级批准，也就无从不予批准`,
        en: 'this decision needs no approval, so it cannot be refused',
      },
    });
  if (refusedOn > today)
    p.push({
      path: 'refusedOn',
      text: { zh: `不能晚于今天（${today}）`, en: `cannot be after today (${today})` },
    });
  if (refusedOn < d.resolutionOn)
    p.push({
      path: 'refusedOn',
      text: {
        zh: `上级不予批准不能早于支部党员大会作出决定之日（${d.resolutionOn}）`,
        en: `the refusal cannot come before the branch meeting (${d.resolutionOn})`,
      },
    });
  return p;
}

function noGround(m: StandingFacts): Problem {
  if (outOfContact(m)) {
    const from = suspendableAfterLostOn(m.lostContactOn!);
    return {
      path: 'resolutionOn',
      text: {
        zh: `${m.name}于${m.lostContactOn}失去联系，满6个月（${from}起）方可停止党籍`,
        en: `out of contact since ${m.lostContactOn}: suspension only from ${from}`,
      },
    };
  }
  if (m.abroadKind === 'studying' && m.abroadSince) {
    const from = suspendableAfterStudyingSince(m.abroadSince);
    return {
      path: 'resolutionOn',
      text: {
        zh: `${m.name}自${m.abroadSince}出国（境）学习研究，超过5年（${from}起）仍未返回的方可停止党籍`,
        en: `studying abroad since ${m.abroadSince}: suspension only from ${from}`,
      },
    };
  }
  return {
    path: 'kind',
    text: {
      zh: '停止党籍须有《党员教育管理工作条例》第二十四条规定的情形：失去联系满6个月、出国（境）定居，或出国（境）学习研究超过5年；请先登记失联或出国（境）情况',
      en: 'suspension needs a ground of art. 24: out of contact for 6 months, settled abroad, or studying abroad for over 5 years; record it first',
    },
  };
}

/** Marking a member out of contact: not in the future, not before joining, not twice at once. */
export function lostContactProblems(m: StandingFacts, lostOn: string, today: string): Problem[] {
  const p: Problem[] = [];
  if (!hasStanding(m.status))
    p.push({
      path: 'lostOn',
      text: {
        zh: '失联登记只适用于党员（正式党员、预备党员）',
        en: 'only members are marked out of contact',
      },
    });
  if (outOfContact(m))
    p.push({
      path: 'lostOn',
      text: {
        zh: `${m.name}已登记为自${m.lostContactOn}失去联系，请先登记恢复联系`,
        en: `already out of contact since ${m.lostContactOn}`,
      },
    });
  if (lostOn > today)
    p.push({
      path: 'lostOn',
      text: { zh: `不能晚于今天（${today}）`, en: `cannot be after today (${today})` },
    });
  if (m.joinedOn && lostOn < m.joinedOn)
    p.push({
      path: 'lostOn',
      text: { zh: `不能早于入党日期（${m.joinedOn}）`, en: `cannot be before joining (${m.joinedOn})` },
    });
  if (!outOfContact(m) && m.foundOn && lostOn < m.foundOn)
    p.push({
      path: 'lostOn',
      text: {
        zh: `不能早于上次恢复联系的日期（${m.foundOn}）`,
        en: `cannot be before contact was last found again (${m.foundOn})`,
      },
    });
  return p;
}

/** Marking contact found again: only when out of contact, not before it was lost, not in the future. */
export function foundProblems(m: StandingFacts, foundOn: string, today: string): Problem[] {
  const p: Problem[] = [];
  if (!outOfContact(m)) {
    p.push({
      path: 'foundOn',
      text: { zh: `${m.name}未登记为失联`, en: 'the member is not marked out of contact' },
    });
    return p;
  }
  if (foundOn > today)
    p.push({
      path: 'foundOn',
      text: { zh: `不能晚于今天（${today}）`, en: `cannot be after today (${today})` },
    });
  if (foundOn < m.lostContactOn!)
    p.push({
      path: 'foundOn',
      text: {
        zh: `不能早于失联日期（${m.lostContactOn}）`,
        en: `cannot be before contact was lost (${m.lostContactOn})`,
      },
    });
  return p;
}

/** Recording a member abroad: a member, since a day not in the future. */
export function abroadProblems(m: StandingFacts, since: string | null, today: string): Problem[] {
  const p: Problem[] = [];
  if (!hasStanding(m.status))
    p.push({
      path: 'kind',
      text: { zh: '出国（境）登记只适用于党员（正式党员、预备党员）', en: 'only members are recorded here' },
    });
  if (since && since > today)
    p.push({
      path: 'since',
      text: { zh: `不能晚于今天（${today}）`, en: `cannot be after today (${today})` },
    });
  return p;
}
