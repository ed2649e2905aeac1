import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// The notice centre's web side (server: server/src/platform/notify): the member app's 我的通知
// (light: no antd), the console's 通知中心 and 发通知, the header's bell (NoticeBell.tsx) and
// NoticeReceipts.tsx, which other modules embed on an announcement or activity page.

/** 通知中心. */
export const notifyModule: WebModule = {
  name: 'notify',
  routes: [
    { path: 'notices', page: lazy(() => import('./NoticesPage.tsx')) },
    { path: 'notices/:id', page: lazy(() => import('./NoticeDetailPage.tsx')) },
  ],
  memberRoutes: [
    { path: 'notices', page: lazy(() => import('./MyNoticesPage.tsx')) },
    { path: 'notices/:id', page: lazy(() => import('./MyNoticePage.tsx')) },
  ],
  memberTiles: [{ to: '/m/notices', label: 'nav.myNotices', badge: '/notices/mine/unread-count' }],
  menu: [
    {
      to: '/notices',
      label: 'nav.notices',
      action: 'notice.view',
      icon: () => import('@ant-design/icons/NotificationOutlined'),
    },
  ],
  strings: strings(
    { nav: { notices: '通知中心', myNotices: '我的通知' } },
    { nav: { notices: 'Notice centre', myNotices: 'My notices' } },
  ),
};
