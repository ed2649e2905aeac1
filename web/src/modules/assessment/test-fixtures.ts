import type { Me } from '../../../../contracts/auth.ts';

/** The department's admin holding `actions`, as /auth/me gives them: the web tests of the assessment. */
export const me = (actions: string[]): Me => ({
  id: '1',
  username: 'dept',
  displayName: '组织部',
  orgId: '1',
  orgName: '某区委',
  mustChangePassword: false,
  grants: [{ id: '1', role: 'dept_admin', orgId: '1', orgName: '某区委' }],
  actions,
  idleMinutes: 30,
  viaCard: false,
});
