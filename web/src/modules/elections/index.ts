import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// 选举与民主评议: mirrors server/src/modules/elections/ and contracts/elections/ — the console's list,
// one election (setup, roll, tellers, result), the big-screen count; the member's ballot and bulletin.

export const electionsModule: WebModule = {
  name: 'elections',
  routes: [
    { path: 'elections', page: lazy(() => import('./ElectionsPage.tsx')) },
    { path: 'elections/approvals', page: lazy(() => import('./ElectionsPage.tsx')) },
    { path: 'elections/:id', page: lazy(() => import('./ElectionPage.tsx')) },
    { path: 'elections/:id/screen', page: lazy(() => import('./CountScreenPage.tsx')) },
  ],
  memberRoutes: [
    { path: 'elections', page: lazy(() => import('./MyElectionsPage.tsx')) },
    { path: 'elections/:id', page: lazy(() => import('./BallotPage.tsx')) },
    { path: 'elections/:id/bulletin', page: lazy(() => import('./BulletinPage.tsx')) },
  ],
  memberTiles: [
    {
      to: '/m/elections',
      label: 'nav.myElections',
      action: 'election.vote',
      badge: '/my/elections/open-count',
    },
  ],
  menu: [
    {
      group: 'elections',
      label: 'nav.electionsGroup',
      icon: () => import('@ant-design/icons/AuditOutlined'),
      items: [
        { to: '/elections', label: 'nav.elections', action: 'election.view' },
        { to: '/elections/approvals', label: 'nav.electionApprovals', action: 'election.approve' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        electionsGroup: '选举评议',
        elections: '选举与民主评议',
        electionApprovals: '上级审批',
        myElections: '投票',
      },
    },
    {
      nav: {
        electionsGroup: 'Elections',
        elections: 'Elections and appraisal',
        electionApprovals: 'Approvals',
        myElections: 'Vote',
      },
    },
  ),
};
