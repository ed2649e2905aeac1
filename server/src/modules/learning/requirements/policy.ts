import type { Policy } from '../../../platform/access/index.ts';

export const requirementPolicies: Policy[] = [
  {
    action: 'study.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看学时达标情况：本组织及下级组织的党员年度学时进度（按组织，不排名个人） / see the yearly study requirement, org by org',
  },
];
