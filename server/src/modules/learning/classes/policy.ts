import type { Policy } from '../../../platform/access/index.ts';

export const classPolicies: Policy[] = [
  {
    action: 'class.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '查看网上班级及学员学习进度，导出进度表 / see online classes, their progress, export it',
  },
  {
    action: 'class.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '开设和修改网上班级（学员、课程计划、截止日期），提醒未完成的学员 / run online classes and remind the unfinished',
  },
];
