import type { Policy } from '../../platform/access/index.ts';

/** Who may do what with surveys (scope: the survey's org and its subtree). */
export const surveyPolicies: Policy[] = [
  {
    action: 'survey.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看问卷和调查结果（本组织及下级），下载分析报告和原始数据 / see surveys and their results in my subtree',
  },
  {
    action: 'survey.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '设计、发布、结束问卷，撰写分析意见 / design, publish and close surveys; write the report’s summary',
  },
  {
    action: 'survey.answer',
    roles: ['member', 'secretary'],
    description: '填写发给我的问卷 / answer the surveys sent to me',
  },
];
