import type { CreateMember, MemberStatus } from '../../../../../contracts/members/index.ts';
import type { FieldIssue, Text } from '../../../platform/http/errors.ts';
import { duesStandard } from '../dues/rules.ts';
import { ID_PROBLEM_TEXT, parseIdCard } from './id-card.ts';
import { addMonthsToDate } from '../../../platform/time.ts';

/** Party members proper (党员): probationary and full. Applicants, activists and candidates are on
 * the way in: no dues, no transfer letter, no study card. */
export const ADMITTED: readonly MemberStatus[] = ['probationary', 'full'];

export type MemberInput = Omit<CreateMember, 'orgId'>;
export type Problem = { path: string; text: Text };

/**
 * Everything that must hold of one record, whoever writes it (form, import, transfer-in):
 * returns every problem at once, each naming its field, so an import row lists all it has wrong.
 */
export function checkMember(m: MemberInput, today: string): Problem[] {
  const out: Problem[] = [];
  const id = parseIdCard(m.idNumber, new Date(`${today}T23:59:59Z`));
  if (!id.ok) out.push({ path: 'idNumber', text: ID_PROBLEM_TEXT[id.problem] });
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

export function duesOf(m: Pick<MemberInput, 'duesCategory' | 'monthlyIncomeFen'>): number | null {
  if (!m.duesCategory) return null;
  if ((m.duesCategory === 'salaried' || m.duesCategory === 'retired') && m.monthlyIncomeFen == null)
    return null;
  return duesStandard(m.duesCategory, m.monthlyIncomeFen);
}

export function toIssues(problems: Problem[]): FieldIssue[] & { messageEn?: string }[] {
  return problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en }));
}
