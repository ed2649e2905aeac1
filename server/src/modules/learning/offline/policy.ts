import { type Actor, type Policy, policyFor } from '../../../platform/access/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { approvalRefusal, type OfflineState, recorderMay } from './rules.ts';

export const offlinePolicies: Policy[] = [
  {
    action: 'offline_study.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '查看线下学习登记及审批情况 / see offline study sessions and their approval',
  },
  {
    action: 'offline_study.record',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '登记线下学习（主题、日期、时长、参学党员、照片）并报上级审批 / record offline study and submit it to the superior',
  },
  {
    action: 'offline_study.approve',
    roles: ['dept_admin', 'org_admin'],
    description:
      '审批下级党组织的线下学习（通过或退回），通过后计入学时 / approve or return the offline study of orgs below',
  },
];

type Study = { orgPath: string; state: OfflineState; submittedBy: number | null };

/** The grants that count for an action, as the rules read them. */
const grantsOf = (actor: Actor, action: string) => {
  const roles = policyFor(action).roles;
  return actor.grants.filter((g) => roles.includes(g.role)).map((g) => ({ orgPath: g.orgPath }));
};

/** What the actor may do with one session: the web shows the buttons these allow. */
export function offlineAbilities(actor: Actor | null, s: Study) {
  if (!actor) return { edit: false, submit: false, remove: false, approve: false };
  const record = recorderMay(grantsOf(actor, 'offline_study.record'), s.orgPath);
  return {
    edit: record && (s.state === 'draft' || s.state === 'returned'),
    submit: record && (s.state === 'draft' || s.state === 'returned'),
    remove: record && s.state === 'draft',
    approve:
      s.state === 'submitted' &&
      approvalRefusal(grantsOf(actor, 'offline_study.approve'), actor.userId, s) === null,
  };
}

/** Refuses, in words, a decision offlineAbilities would not allow (the state check is the caller's). */
export function authorizeDecision(actor: Actor, s: Omit<Study, 'state'>) {
  const refusal = approvalRefusal(grantsOf(actor, 'offline_study.approve'), actor.userId, s);
  if (refusal === 'own_org')
    throw forbidden({
      zh: '线下学习须由上级党组织审批：不能审批本组织登记的线下学习',
      en: 'Offline study is approved by the superior org: you cannot approve your own org’s',
    });
  if (refusal === 'own_submission')
    throw forbidden({
      zh: '不能审批本人报送的线下学习',
      en: 'You cannot approve offline study you submitted yourself',
    });
  if (refusal === 'outside')
    throw forbidden({
      zh: '无权审批该线下学习：登记的党组织不在您的管理范围内',
      en: 'You may not decide this session: its org is outside your scope',
    });
}
