import type { Policy } from '../../platform/access/index.ts';

/** Who may do what with elections, appraisals and recommendations (scope: the election's org). */
export const electionPolicies: Policy[] = [
  {
    action: 'election.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看选举、民主评议和民主推荐（本组织及下级）：名册、投票进度、结果 / see elections, appraisals and recommendations of my subtree',
  },
  {
    action: 'election.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '组织选举：候选人预备人选、报上级审批、开始和结束投票、计票人录入纸质选票 / run elections: candidates, opening, closing, entering paper ballots as a teller',
  },
  {
    action: 'election.approve',
    roles: ['dept_admin', 'org_admin'],
    description:
      '上级党组织审批下级的候选人预备人选和选举结果 / as the superior org, approve a lower org’s candidate list and result',
  },
  {
    action: 'election.vote',
    roles: ['member', 'secretary'],
    description:
      '投票、民主评议、民主推荐；核对本人选票的查验码 / vote, appraise, recommend; check my tracking code',
  },
];
