import type { MemberStatus, PipelineItem } from '../../../../contracts/index.ts';

export {
  CORRECTABLE,
  DEGREES,
  EDUCATIONS,
  GENDERS,
  MEMBER_STATUSES,
  PIPELINE_ITEMS,
  POSITIONS,
} from '../../../../contracts/members.ts';

/** Tag colours per category; the category is always written out too, never told by colour alone. */
export const STATUS_COLOR: Record<MemberStatus, string> = {
  applicant: 'default',
  activist: 'blue',
  candidate: 'geekblue',
  probationary: 'orange',
  full: 'red',
};

export const DUES_CATEGORIES = ['salaried', 'retired', 'farmer', 'student', 'relief'] as const;

/**
 * The steps of the pipeline as the rule book has them: each step to a status has prerequisites
 * and one decision (the date the step is taken, recorded by the advance itself, not typed in).
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

export const ORDER: MemberStatus[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];
export const nextStatusOf = (s: MemberStatus): MemberStatus | null => ORDER[ORDER.indexOf(s) + 1] ?? null;

/** 'YYYY-MM' of today in Asia/Shanghai, where the dues calendar lives. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}
