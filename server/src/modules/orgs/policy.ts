import type { Policy } from '../../platform/access/index.ts';

export const orgPolicies: Policy[] = [
  {
    action: 'org.view',
    roles: ['dept_admin', 'org_admin', 'secretary', 'station_manager'],
    description: '查看党组织树 / browse the org tree',
  },
  {
    action: 'org.manage',
    roles: ['dept_admin', 'org_admin'],
    description: '管理党组织 / create, edit, move, delete orgs',
  },
];
