import type { Policy } from '../../platform/access/index.ts';

export const memberPolicies: Policy[] = [
  {
    action: 'member.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '查看党员信息 / view member records',
  },
  {
    action: 'member.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '维护党员信息 / keep member records',
  },
  {
    action: 'member.reveal_pii',
    roles: ['dept_admin', 'org_admin'],
    description: '查看完整身份证号和手机号（每次留痕）/ see full ID and phone numbers (audited)',
  },
  {
    action: 'dues.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '党费收缴：登记缴纳、查看欠缴 / record dues payments, see arrears',
  },
  {
    action: 'member.self',
    roles: ['member'],
    description: '党员本人：查看本人信息、申请更正 / a member’s own record',
  },
];
