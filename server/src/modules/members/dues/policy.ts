import type { Policy } from '../../../platform/access/index.ts';

export const duesPolicies: Policy[] = [
  {
    action: 'dues.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '党费收缴：登记缴纳、查看欠缴 / record dues payments, see arrears',
  },
];
