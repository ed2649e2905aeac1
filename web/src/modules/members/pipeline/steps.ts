import { MEMBER_STATUSES, type PipelineItem } from '../../../../../contracts/members/enums.ts';
import type { MemberStatus } from '../../../../../contracts/members/record.ts';

/**
 * The steps of the pipeline as the rule book has them (中国共产党发展党员工作细则): each step to a
 * status has prerequisites and one decision (the date the step is taken, recorded by the advance
 * itself, not typed in).
 */
export const PIPELINE_STEPS: { to: MemberStatus; items: PipelineItem[]; decision: PipelineItem }[] = [
  { to: 'activist', items: ['appliedOn', 'talkedOn', 'activistOn'], decision: 'activistOn' },
  { to: 'candidate', items: ['candidateOn'], decision: 'candidateOn' },
  {
    to: 'probationary',
    items: ['politicalReviewOn', 'trainingOn', 'admissionResolutionOn', 'admissionApprovedOn'],
    decision: 'admissionApprovedOn',
  },
  { to: 'full', items: ['conversionResolutionOn', 'conversionApprovedOn'], decision: 'conversionApprovedOn' },
];

/** 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员; a full member has no next stage. */
export const nextStatusOf = (s: MemberStatus): MemberStatus | null =>
  MEMBER_STATUSES[MEMBER_STATUSES.indexOf(s) + 1] ?? null;

/** Where each step stands for someone at `current`: taken, the next one, or not yet reachable. */
export function stepState(current: MemberStatus, to: MemberStatus): 'done' | 'next' | 'notYet' {
  const at = MEMBER_STATUSES.indexOf(to);
  const now = MEMBER_STATUSES.indexOf(current);
  return at <= now ? 'done' : at === now + 1 ? 'next' : 'notYet';
}
