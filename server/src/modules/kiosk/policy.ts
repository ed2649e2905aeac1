import type { Policy } from '../../platform/access/index.ts';

/** Who may manage the kiosk terminals (scope: the terminal's org and its subtree). */
export const kioskPolicies: Policy[] = [
  {
    action: 'kiosk.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '登记触摸屏终端、发放注册码、查看在线状态并远程下发指令（本组织及下级） / register kiosk terminals, see them online and send them commands in my subtree',
  },
];
