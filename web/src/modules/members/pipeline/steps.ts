import { MEMBER_STATUSES, type PipelineItem } from '../../../../../contracts/members/enums.ts';
import type { PIPELINE_FILE_FIELDS } from '../../../../../contracts/members/pipeline.ts';
import type { MemberStatus } from '../../../../../contracts/members/record.ts';

export type FileField = (typeof PIPELINE_FILE_FIELDS)[number];

/**
 * The steps of the pipeline as the rule book has it (中国共产党发展党员工作细则): each step to a
 * status has prerequisites — dates, and the file's other items (`fields`) — and one decision
 * (the date the step is taken, recorded by the advance itself, not typed in).
 */
export const PIPELINE_STEPS: {
  to: MemberStatus;
  items: PipelineItem[];
  fields: FileField[];
  decision: PipelineItem;
}[] = [
  {
    to: 'activist',
    items: ['appliedOn', 'talkedOn', 'recommendedOn', 'activistOn'],
    fields: [],
    decision: 'activistOn',
  },
  {
    to: 'candidate',
    items: ['activistFiledOn', 'candidateOn'],
    fields: ['cultivationContactIds'],
    decision: 'candidateOn',
  },
  {
    to: 'probationary',
    items: [
      'candidateFiledOn',
      'politicalReviewOn',
      'trainingOn',
      'preReviewOn',
      'applicationFormOn',
      'admissionResolutionOn',
      'committeeTalkOn',
      'admissionApprovedOn',
    ],
    fields: ['sponsorIds', 'trainingHours'],
    decision: 'admissionApprovedOn',
  },
  {
    to: 'full',
    items: ['oathOn', 'conversionRequestOn', 'conversionResolutionOn', 'conversionApprovedOn'],
    fields: [],
    decision: 'conversionApprovedOn',
  },
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
