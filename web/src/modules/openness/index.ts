import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the openness module lives: one folder per sub-capability, mirroring
// server/src/modules/openness/ and contracts/openness/ — page/, posts/, albums/, messages/ — each
// with its pages, api.ts (hooks typed from contracts/openness/<same>.ts) and i18n.ts.

/** 党务公开: org pages, their posts and albums, and 留言. */
export const opennessModule: WebModule = {
  name: 'openness',
  routes: [
    // page/, posts/, albums/
    { path: 'org-page', page: lazy(() => import('./page/OrgPagePage.tsx')) },
    // messages/
    { path: 'messages', page: lazy(() => import('./messages/MessagesPage.tsx')) },
  ],
  memberRoutes: [
    // page/: my branch's page, its items and albums (members-only ones included)
    {
      path: 'branch',
      page: lazy(() => import('./page/ReaderPages.tsx').then((m) => ({ default: m.MyBranchPage }))),
    },
    {
      path: 'posts/:id',
      page: lazy(() => import('./page/ReaderPages.tsx').then((m) => ({ default: m.MemberPostPage }))),
    },
    {
      path: 'albums/:id',
      page: lazy(() => import('./page/ReaderPages.tsx').then((m) => ({ default: m.MemberAlbumPage }))),
    },
    // messages/
    { path: 'messages', page: lazy(() => import('./messages/MyMessagesPage.tsx')) },
  ],
  memberTiles: [
    { to: '/m/branch', label: 'nav.myBranch' },
    { to: '/m/messages', label: 'nav.myMessages' },
  ],
  publicRoutes: [
    // page/: the org page anyone may read
    {
      path: 'orgs/:orgId',
      page: lazy(() => import('./page/ReaderPages.tsx').then((m) => ({ default: m.PublicOrgPage }))),
    },
    {
      path: 'posts/:id',
      page: lazy(() => import('./page/ReaderPages.tsx').then((m) => ({ default: m.PublicPostPage }))),
    },
    {
      path: 'albums/:id',
      page: lazy(() => import('./page/ReaderPages.tsx').then((m) => ({ default: m.PublicAlbumPage }))),
    },
    // messages/
    { path: 'orgs/:orgId/message', page: lazy(() => import('./messages/PublicMessagePage.tsx')) },
  ],
  // the touch kiosk's hall: the terminal's own org page (its 党务公开 items and albums), no sign-in
  kioskHalls: [
    {
      key: 'openness',
      label: 'nav.kioskOpenness',
      hint: 'nav.kioskOpennessHint',
      to: '/p/orgs/{orgId}',
      signIn: false,
    },
  ],
  menu: [
    {
      group: 'openness',
      label: 'nav.opennessGroup',
      icon: () => import('@ant-design/icons/NotificationOutlined'),
      items: [
        { to: '/org-page', label: 'nav.orgPage', action: 'openness.manage' },
        { to: '/messages', label: 'nav.messages', action: 'message.answer' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        opennessGroup: '党务公开',
        orgPage: '组织主页',
        messages: '留言办理',
        myMessages: '留言',
        myBranch: '我的支部',
        kioskOpenness: '组织风采 · 党务公开',
        kioskOpennessHint: '本组织主页、党务公开和相册',
      },
    },
    {
      nav: {
        opennessGroup: 'Openness',
        orgPage: 'Org page',
        messages: 'Messages',
        myMessages: 'Messages',
        myBranch: 'My branch',
        kioskOpenness: 'Our organization',
        kioskOpennessHint: 'Org page, open Party affairs, albums',
      },
    },
  ),
};
