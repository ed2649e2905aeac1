import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// The console's side of the assessment module (server/src/modules/assessment/, contracts/assessment/):
// the monthly scores ranked and explained down to their records, and the department's scheme.

/** 考核: 考核排名 (the month's scores, drilled down the tree) and 考核方案 (what is scored, how much). */
export const assessmentModule: WebModule = {
  name: 'assessment',
  routes: [
    { path: 'assessment', page: lazy(() => import('./DashboardPage.tsx')) },
    { path: 'assessment/scheme', page: lazy(() => import('./SchemePage.tsx')) },
    { path: 'assessment/bulletins', page: lazy(() => import('./BulletinPage.tsx')) },
    { path: 'assessment/screen', page: lazy(() => import('./ScreenPage.tsx')) },
  ],
  menu: [
    {
      group: 'assessment',
      label: 'nav.assessmentGroup',
      icon: () => import('@ant-design/icons/TrophyOutlined'),
      items: [
        { to: '/assessment', label: 'nav.assessmentRankings', action: 'assessment.view' },
        { to: '/assessment/bulletins', label: 'nav.assessmentBulletins', action: 'assessment.view' },
        { to: '/assessment/screen', label: 'nav.assessmentScreen', action: 'assessment.view' },
        { to: '/assessment/scheme', label: 'nav.assessmentScheme', action: 'assessment.manage' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        assessmentGroup: '考核',
        assessmentRankings: '考核排名',
        assessmentScheme: '考核方案',
        assessmentBulletins: '考核通报',
        assessmentScreen: '大屏展示',
      },
    },
    {
      nav: {
        assessmentGroup: 'Assessment',
        assessmentRankings: 'Rankings',
        assessmentScheme: 'Scheme',
        assessmentBulletins: 'Bulletins',
        assessmentScreen: 'Wall display',
      },
    },
  ),
};
