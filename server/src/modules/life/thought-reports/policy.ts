import { type Actor, authorize, can, type Policy } from '../../../platform/access/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';

export const thoughtReportPolicies: Policy[] = [
  {
    action: 'thought_report.write',
    roles: ['member'],
    description:
      '本人提交思想汇报、查看支部的审阅意见 / hand in one’s own thought reports and read the comments',
  },
  {
    action: 'thought_report.review',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '审阅思想汇报、查看未交和缺交、设置汇报频次 / review thought reports, see those due and missing, set the frequency',
  },
];

type Reviewable = { orgPath: string; reviewedAt: Date | null; writerUserId: number | null };

/**
 * What the actor may do with one report: whoever reviews for the writer's branch (or a committee
 * above it) reviews a pending report — never their own — and the writer replaces their own while
 * it is pending and its period still runs.
 */
export function reportAbilities(
  actor: Actor | null,
  r: Reviewable & { period: string },
  currentPeriod: string | null,
) {
  const own = !!actor && r.writerUserId === actor.userId;
  return {
    review: !!actor && !r.reviewedAt && !own && can(actor, 'thought_report.review', r.orgPath),
    replace: own && !r.reviewedAt && r.period === currentPeriod,
  };
}

/** Refuses, in words, a review reportAbilities would not allow (the pending check is the caller's). */
export function authorizeReview(actor: Actor, r: Omit<Reviewable, 'reviewedAt'>) {
  authorize(actor, 'thought_report.review', r.orgPath, {
    zh: '无权审阅该思想汇报：提交人所在党支部不在您的管理范围内',
    en: 'You may not review this report: the writer’s branch is outside your scope',
  });
  if (r.writerUserId === actor.userId)
    throw forbidden({ zh: '不能审阅本人的思想汇报', en: 'You cannot review your own thought report' });
}
