import type { Policy } from '../access/index.ts';

/**
 * The admin console's home: every admin role has one (what it shows is what the actor's actions
 * cover). The member's own to-dos need no action ('authenticated').
 */
export const workbenchPolicies: Policy[] = [
  {
    action: 'workbench.view',
    roles: ['dept_admin', 'org_admin', 'secretary', 'station_manager'],
    description: '工作台：待办事项和本级关键数据 / the workbench: to-dos and key figures of one’s scope',
  },
];
