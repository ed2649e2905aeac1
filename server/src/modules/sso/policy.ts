import type { Policy } from '../../platform/access/index.ts';

/** Who may register the sub-platforms (the tiles are any signed-in user's own: 'authenticated'). */
export const ssoPolicies: Policy[] = [
  {
    action: 'sso.manage',
    roles: ['dept_admin'],
    description:
      '子平台接入：登记、修改、停用子平台，重置其密钥 / register, edit and disable sub-platforms; reset their secrets',
  },
];
