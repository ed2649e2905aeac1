import type { Policy } from '../access/index.ts';

export const authPolicies: Policy[] = [
  { action: 'user.view', roles: ['dept_admin', 'org_admin'], description: '查看账号 / view accounts' },
  {
    action: 'user.manage',
    roles: ['dept_admin', 'org_admin'],
    description: '管理账号与角色授权 / manage accounts and role grants',
  },
  {
    action: 'role.grant_dept_admin',
    roles: ['dept_admin'],
    description: '授予组织部管理员角色 / grant the department-admin role',
  },
];
