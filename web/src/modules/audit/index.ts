import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

/** 审计日志: who did what, when, to which record. */
export const auditModule: WebModule = {
  name: 'audit',
  routes: [{ path: 'audit', page: lazy(() => import('./AuditPage.tsx')) }],
  menu: [
    {
      to: '/audit',
      label: 'nav.audit',
      action: 'audit.view',
      icon: () => import('@ant-design/icons/AuditOutlined'),
    },
  ],
  strings: strings({ nav: { audit: '审计日志' } }, { nav: { audit: 'Audit log' } }),
};
