import type { OfflineState } from '../../../../../contracts/learning/offline.ts';
import type { Text } from '../../../platform/http/errors.ts';

export type { OfflineState };

/**
 * 线下学习 "组织认定 + 网络登记", pure. Concentrated study counts towards the yearly requirement
 * (《中国共产党党员教育管理工作条例》（2019）: 党员每年集中学习培训时间一般不少于32学时) whether it
 * was online or offline; offline study counts once the org has registered it online and the org
 * above has recognised it (组织认定), as the provinces' study-hour registration rules put it: the
 * branch registers the session, the superior Party organization checks and approves it, and only
 * then are the hours credited. The branch never recognises its own study.
 */

type Grant = { orgPath: string };

/** Does one of the recording grants cover the org (its own or one above it)? */
export function recorderMay(grants: readonly Grant[], orgPath: string): boolean {
  return grants.some((g) => orgPath.startsWith(g.orgPath));
}

export type ApprovalRefusal = 'outside' | 'own_org' | 'own_submission';

/**
 * Who approves: an admin whose grant is on an org strictly above the session's org (the superior
 * org or one above it). Not the org's own admins — a grant on the org itself is the org
 * recognising itself — and not whoever submitted it, whatever their grant (a town admin entering a
 * branch's paper sheet does not then approve their own entry). Null: may approve.
 */
export function approvalRefusal(
  grants: readonly Grant[],
  userId: number,
  s: { orgPath: string; submittedBy: number | null },
): ApprovalRefusal | null {
  const covering = grants.filter((g) => s.orgPath.startsWith(g.orgPath));
  if (!covering.length) return 'outside';
  if (!covering.some((g) => g.orgPath !== s.orgPath)) return 'own_org';
  if (s.submittedBy === userId) return 'own_submission';
  return null;
}

/**
 * The org asked to approve: of the org's ancestors (top first) those whose admins may approve, the
 * nearest — a branch's general branch when it has an admin, else the town, else the district.
 * Null for the top of the tree (nobody above it).
 */
export function approverOrgOf<T extends { hasApprovers: boolean }>(
  ancestorsTopFirst: readonly T[],
): T | null {
  for (let i = ancestorsTopFirst.length - 1; i >= 0; i--)
    if (ancestorsTopFirst[i].hasApprovers) return ancestorsTopFirst[i];
  return null;
}

export type OfflineAct = 'edit' | 'submit' | 'remove' | 'approve' | 'return';

/**
 * What each act needs of the session's state: the branch edits and submits a draft or a returned
 * one (a returned session is fixed and submitted again), removes only a draft (one submitted has a
 * history the superior has read); the superior decides a submitted one, once. Null: allowed; else
 * why not, for the 409.
 */
export function refusedInState(state: OfflineState, act: OfflineAct): Text | null {
  switch (act) {
    case 'edit':
    case 'submit':
      if (state === 'draft' || state === 'returned') return null;
      return state === 'approved'
        ? { zh: '该线下学习已审批通过，不能再修改或报送', en: 'This session has been approved already' }
        : { zh: '该线下学习已报送，正等待上级审批', en: 'This session is waiting for approval' };
    case 'remove':
      return state === 'draft'
        ? null
        : { zh: '只能删除未报送的草稿', en: 'Only a draft that was never submitted can be removed' };
    case 'approve':
    case 'return':
      if (state === 'submitted') return null;
      if (state === 'approved')
        return { zh: '该线下学习已审批通过，不能再次审批', en: 'This session has been approved already' };
      if (state === 'returned')
        return {
          zh: '该线下学习已退回，等待重新报送',
          en: 'This session was returned and waits to be resubmitted',
        };
      return { zh: '该线下学习尚未报送', en: 'This session has not been submitted' };
  }
}

/** Kinds of org that record offline study: any but a Party group (党小组 is not an org that 认定). */
export const RECORDING_KINDS = ['committee', 'working_committee', 'general_branch', 'branch'] as const;

/**
 * The day studied: not in the future, and this year or last — approved hours count towards the
 * year they were studied in, and last year's requirement is still being closed early in the new
 * year; anything older belongs to a year already reckoned.
 */
export function studiedOnProblem(day: string, today: string): Text | null {
  if (day > today) return { zh: '学习日期不能晚于今天', en: 'the day studied cannot be in the future' };
  if (Number(day.slice(0, 4)) < Number(today.slice(0, 4)) - 1)
    return {
      zh: `只能登记${Number(today.slice(0, 4)) - 1}年以来的线下学习`,
      en: `only study since ${Number(today.slice(0, 4)) - 1} can be recorded`,
    };
  return null;
}
