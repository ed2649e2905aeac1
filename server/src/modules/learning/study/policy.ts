import type { Policy } from '../../../platform/access/index.ts';

export const studyPolicies: Policy[] = [
  {
    action: 'study.attend',
    // who may study (library/policy.ts course.study) earns study hours: a member, and a secretary
    // studying as the member they also are
    roles: ['member', 'secretary'],
    description:
      '学习计学时：播放和阅读时发送心跳，查看本人学时进度 / earn study hours: heartbeats while studying, my progress',
  },
];
