import type { CreateMember, MemberStatus } from '../../../../../contracts/members/index.ts';
import type { FieldIssue, Text } from '../../../platform/http/errors.ts';
import type { DuesBasis } from '../../../../../contracts/members/index.ts';
import { DEFAULT_DUES_TERMS, type DuesTerms, duesStandard } from '../dues/rules.ts';
import { ETHNIC_GROUPS, isEthnicity } from '../../../../../contracts/members/codes.ts';
import { idProblemText, parseIdCard } from './id-card.ts';
import { addMonthsToDate, addMonthsToMonth } from '../../../platform/time.ts';

/** Party members proper (党员): probationary and full. Applicants, activists and candidates are on
 * the way in: no dues, no transfer letter, no study card. */
export const ADMITTED: readonly MemberStatus[] = ['probationary', 'full'];

export type MemberInput = Omit<CreateMember, 'orgId' | 'duesPaidUntil'>;
export type Problem = { path: string; text: Text };

/**
 * Everything that must hold of one record, whoever writes it (form, import, transfer-in):
 * returns every problem at once, each naming its field, so an import row lists all it has wrong.
 * `before`, for an edit: the record as stored, so a value saved before a rule existed (民族 "回")
 * is let stand until someone changes that field, instead of blocking every other edit.
 */
export function checkMember(m: MemberInput, today: string, before?: Partial<MemberInput> | null): Problem[] {
  const out: Problem[] = [];
  const id = parseIdCard(m.idNumber, new Date(`${today}T23:59:59Z`));
  if (!id.ok) out.push({ path: 'idNumber', text: idProblemText(id) });
  else {
    if (id.info.birthDate !== m.birthDate) {
      out.push({
        path: 'birthDate',
        text: {
          zh: `出生日期与身份证号不符（身份证号显示 ${id.info.birthDate}）`,
          en: `does not match the ID number (${id.info.birthDate})`,
        },
      });
    }
    if (id.info.gender !== m.gender) {
      out.push({ path: 'gender', text: { zh: '性别与身份证号不符', en: 'does not match the ID number' } });
    }
  }
  if (!isEthnicity(m.ethnicity) && m.ethnicity !== before?.ethnicity)
    out.push({
      path: 'ethnicity',
      text: {
        zh: `“${m.ethnicity}”不在 56 个民族名录（GB/T 3304）中，请从中选择`,
        en: `"${m.ethnicity}" is not one of the 56 ethnic groups (GB/T 3304)`,
      },
    });
  if (m.workStartedOn) {
    const p = workStartProblem(m.birthDate, m.workStartedOn, today);
    if (p) out.push({ path: 'workStartedOn', text: p });
  }
  if (m.birthDate > today)
    out.push({ path: 'birthDate', text: { zh: '出生日期不能晚于今天', en: 'cannot be in the future' } });
  const adult = addMonthsToDate(m.birthDate, 18 * 12);
  const admitted = ADMITTED.includes(m.status);
  if (admitted && !m.joinedOn)
    out.push({
      path: 'joinedOn',
      text: { zh: '预备党员和正式党员须填写入党日期', en: 'required for probationary and full members' },
    });
  if (!admitted && m.joinedOn)
    out.push({
      path: 'joinedOn',
      text: { zh: '尚未入党的人员不应有入党日期', en: 'only members have a join date' },
    });
  if (m.joinedOn) {
    if (m.joinedOn < adult)
      out.push({
        path: 'joinedOn',
        text: { zh: `入党日期早于年满 18 周岁之日（${adult}）`, en: `before the 18th birthday (${adult})` },
      });
    if (m.joinedOn > today)
      out.push({ path: 'joinedOn', text: { zh: '入党日期不能晚于今天', en: 'cannot be in the future' } });
  }
  if (m.status === 'full' && !m.fullOn)
    out.push({ path: 'fullOn', text: { zh: '正式党员须填写转正日期', en: 'required for full members' } });
  if (m.status !== 'full' && m.fullOn)
    out.push({ path: 'fullOn', text: { zh: '只有正式党员有转正日期', en: 'only full members have one' } });
  if (m.fullOn && m.joinedOn) {
    if (m.fullOn < m.joinedOn)
      out.push({ path: 'fullOn', text: { zh: '转正日期早于入党日期', en: 'before the join date' } });
    else if (m.fullOn < addMonthsToDate(m.joinedOn, 12)) {
      out.push({
        path: 'fullOn',
        text: { zh: '预备期为一年，转正日期须在入党一年之后', en: 'probation lasts one year' },
      });
    }
  }
  if (m.fullOn && m.fullOn > today)
    out.push({ path: 'fullOn', text: { zh: '转正日期不能晚于今天', en: 'cannot be in the future' } });
  if (m.mobile && !m.mobileLocation)
    out.push({
      path: 'mobileLocation',
      text: { zh: '流动党员须填写外出地点', en: 'required for mobile members' },
    });
  if ((m.duesCategory === 'salaried' || m.duesCategory === 'retired') && m.monthlyIncomeFen == null) {
    out.push({
      path: 'monthlyIncomeFen',
      text: { zh: '在职和离退休党员须填写月收入以计算党费', en: 'needed to compute the dues' },
    });
  }
  return out;
}

/**
 * The day the Labour Law took effect (中华人民共和国劳动法, 1995-01-01): from then on no one may be
 * employed before the age of 16 (第十五条). Records of people who started work earlier are not
 * held to it.
 */
export const LABOUR_LAW_FROM = '1995-01-01';
export const MIN_WORKING_AGE = 16;

/** 参加工作日期: not in the future, after birth, and from 1995 on not before the 16th birthday (劳动法第十五条). */
export function workStartProblem(birthDate: string, workStartedOn: string, today: string): Text | null {
  if (workStartedOn > today) return { zh: '参加工作日期不能晚于今天', en: 'cannot be in the future' };
  if (workStartedOn <= birthDate)
    return { zh: '参加工作日期须在出生日期之后', en: 'must be after the birth date' };
  const sixteen = addMonthsToDate(birthDate, MIN_WORKING_AGE * 12);
  if (workStartedOn >= LABOUR_LAW_FROM && workStartedOn < sixteen)
    return {
      zh: `参加工作日期早于年满 16 周岁之日（${sixteen}），劳动法第十五条禁止招用未满十六周岁的未成年人`,
      en: `before the 16th birthday (${sixteen}): the Labour Law (art. 15) forbids employing anyone under 16`,
    };
  return null;
}

/**
 * 民族 as people type it in a spreadsheet: the full name ("回族"), the name without 族 ("回"), or
 * the GB 3304 code ("03", "HU"). Only an exact match counts, so "土" is 土族 and never 土家族.
 * `note` says what was changed; null when it is none of these.
 */
export function normalizeEthnicity(raw: string): { value: string; note: string | null } | null {
  const v = raw.replace(/\s+/g, '');
  if (isEthnicity(v)) return { value: v, note: null };
  const hit = ETHNIC_GROUPS.find(
    (g) => g.name.slice(0, -1) === v || g.code === v.padStart(2, '0') || g.abbr === v.toUpperCase(),
  );
  return hit ? { value: hit.name, note: `民族“${raw.trim()}”已按 GB/T 3304 规范为“${hit.name}”` } : null;
}

/** The record's dues standard, with the department's figures and the record's basis (dues/rules.ts). */
export function duesOf(
  m: Pick<MemberInput, 'duesCategory' | 'monthlyIncomeFen'>,
  terms: DuesTerms = DEFAULT_DUES_TERMS,
  basis: DuesBasis | null = null,
): number | null {
  if (!m.duesCategory) return null;
  if ((m.duesCategory === 'salaried' || m.duesCategory === 'retired') && m.monthlyIncomeFen == null)
    return null;
  return duesStandard(m.duesCategory, m.monthlyIncomeFen, terms, basis);
}

export function toIssues(problems: Problem[]): FieldIssue[] & { messageEn?: string }[] {
  return problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en }));
}

/** A member who is a Party member proper: the five disciplinary sanctions apply to them only. */
const isAdmitted = (status: string) => ADMITTED.includes(status as MemberStatus);

/**
 * 奖惩. 党章第四十一条: the disciplinary sanctions on a Party member are five (警告、严重警告、撤销
 * 党内职务、留党察看、开除党籍), so a sanction is recorded only for a probationary or full member,
 * and not before they joined. Either kind: not in the future, not before birth.
 */
export function sanctionProblems(
  s: { kind: 'reward' | 'discipline'; on: string },
  m: { birthDate: string; joinedOn: string | null; status: string },
  today: string,
): Problem[] {
  const out: Problem[] = [];
  if (s.on > today)
    out.push({ path: 'on', text: { zh: '奖惩日期不能晚于今天', en: 'cannot be in the future' } });
  else if (s.on <= m.birthDate)
    out.push({ path: 'on', text: { zh: '奖惩日期须在出生日期之后', en: 'must be after the birth date' } });
  if (s.kind === 'discipline') {
    if (!isAdmitted(m.status))
      out.push({
        path: 'kind',
        text: {
          zh: '党纪处分只适用于党员（预备党员、正式党员）（党章第四十一条）',
          en: 'Party discipline applies to Party members only (Constitution, art. 42)',
        },
      });
    else if (m.joinedOn && s.on < m.joinedOn)
      out.push({
        path: 'on',
        text: {
          zh: `党纪处分日期早于入党日期（${m.joinedOn}）`,
          en: `before the member joined (${m.joinedOn})`,
        },
      });
  }
  return out;
}

/** The five sanctions of 党章第四十一条, offered when a discipline is recorded. */
export const DISCIPLINE_TITLES = ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'] as const;

/** 出国（境）: back not before leaving, neither in the future of a return, nor before birth. */
export function tripProblems(
  t: { leftOn: string; returnedOn: string | null },
  m: { birthDate: string },
  today: string,
): Problem[] {
  const out: Problem[] = [];
  if (t.leftOn <= m.birthDate)
    out.push({
      path: 'leftOn',
      text: { zh: '出境日期须在出生日期之后', en: 'must be after the birth date' },
    });
  if (t.returnedOn && t.returnedOn < t.leftOn)
    out.push({ path: 'returnedOn', text: { zh: '回国（境）日期早于出境日期', en: 'before the departure' } });
  if (t.returnedOn && t.returnedOn > today)
    out.push({
      path: 'returnedOn',
      text: { zh: '回国（境）日期不能晚于今天', en: 'cannot be in the future' },
    });
  return out;
}

/**
 * "党费已交至" given when a member arrives (created, imported): dues are owed by Party members
 * (probationary and full) from the month they joined (《关于中国共产党党费收缴、使用和管理的规定》
 * 2008: 党员应按月交纳党费), and may be paid ahead by a year at most (dues/rules.ts MAX_MONTHS_AHEAD).
 */
export function paidUntilProblem(
  paidUntil: string,
  m: { status: string; joinedOn: string | null },
  today: string,
  monthsAhead: number,
): Text | null {
  if (!isAdmitted(m.status))
    return { zh: '尚未入党的人员不交纳党费，请不填', en: 'only Party members pay dues: leave it empty' };
  if (m.joinedOn && paidUntil < m.joinedOn.slice(0, 7))
    return {
      zh: `早于入党月份（${m.joinedOn.slice(0, 7)}），请核对`,
      en: `before the month of joining (${m.joinedOn.slice(0, 7)})`,
    };
  const latest = addMonthsToMonth(today.slice(0, 7), monthsAhead);
  if (paidUntil > latest)
    return {
      zh: `党费最多预交 ${monthsAhead} 个月（至 ${latest}）`,
      en: `dues may be paid at most ${monthsAhead} months ahead (${latest})`,
    };
  return null;
}
