import type { Policy } from '../../platform/access/index.ts';

/**
 * Who sees the assessment and who runs it. Scores are seen down the tree (a town's admin sees
 * the town's branches ranked); the scheme, the runs, closing a month and adjustments are the
 * department's (held at the tree's root).
 */
export const assessmentPolicies: Policy[] = [
  {
    action: 'assessment.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看本组织及下级的考核得分、排名与依据 / see the scores, rankings and their records in my subtree',
  },
  {
    action: 'assessment.manage',
    roles: ['dept_admin'],
    description:
      '制定考核方案、计算与关闭考核月份、手动加减分（组织部） / set the scheme, run and close months, adjust scores (the department)',
  },
];
