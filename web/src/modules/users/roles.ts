import type { Me, Role } from '../../../../contracts/index.ts';

export const ROLE_LIST: readonly Role[] = [
  'dept_admin',
  'org_admin',
  'secretary',
  'station_manager',
  'member',
];

export const ROLE_COLOR: Record<Role, string> = {
  dept_admin: 'red',
  org_admin: 'volcano',
  secretary: 'gold',
  station_manager: 'cyan',
  member: 'default',
};

/** Only the organization department hands out its own role; the server checks this too. */
export function grantableRoles(me: Me): readonly Role[] {
  const mayGrantDept =
    me.actions.includes('role.grant_dept_admin') || me.grants.some((g) => g.role === 'dept_admin');
  return ROLE_LIST.filter((r) => r !== 'dept_admin' || mayGrantDept);
}
