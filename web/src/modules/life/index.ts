import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the life module lives: one folder per sub-capability, mirroring
// server/src/modules/life/ and contracts/life/ — activities/, thought-reports/ — each with its
// pages, api.ts (hooks typed from contracts/life/<same>.ts) and i18n.ts.

/** 组织生活: 三会一课 and Party days, and 思想汇报. */
export const lifeModule: WebModule = {
  name: 'life',
  routes: [
    // activities/
    { path: 'activities', page: lazy(() => import('./activities/ActivitiesPage.tsx')) },
    { path: 'activities/due', page: lazy(() => import('./activities/DuePage.tsx')) },
    { path: 'activities/:id', page: lazy(() => import('./activities/ActivityPage.tsx')) },
    { path: 'activities/:id/qr', page: lazy(() => import('./activities/QrScreenPage.tsx')) },
    { path: 'activities/:id/print', page: lazy(() => import('./activities/RecordPrintPage.tsx')) },
    // thought-reports/
    { path: 'thought-reports', page: lazy(() => import('./thought-reports/ThoughtReportsPage.tsx')) },
  ],
  memberRoutes: [
    // activities/
    { path: 'activities', page: lazy(() => import('./activities/MyActivitiesPage.tsx')) },
    { path: 'activities/:id/sign', page: lazy(() => import('./activities/SignPage.tsx')) },
    // thought-reports/
    { path: 'thought-reports', page: lazy(() => import('./thought-reports/MyThoughtReportsPage.tsx')) },
  ],
  // 思想汇报 is shown to every member: who need not report is told so on the page (stages are not roles)
  memberTiles: [
    { to: '/m/activities', label: 'nav.myActivities', action: 'activity.attend' },
    { to: '/m/thought-reports', label: 'nav.myThoughtReports', action: 'thought_report.write' },
  ],
  // the touch kiosk's hall: the member's activities to sign in to, after a study-card sign-in
  kioskHalls: [
    { key: 'life', label: 'nav.kioskLife', hint: 'nav.kioskLifeHint', to: '/m/activities', signIn: true },
  ],
  menu: [
    {
      group: 'life',
      label: 'nav.lifeGroup',
      icon: () => import('@ant-design/icons/CalendarOutlined'),
      items: [
        { to: '/activities', label: 'nav.activities', action: 'activity.view' },
        { to: '/activities/due', label: 'nav.activitiesDue', action: 'activity.view' },
        { to: '/thought-reports', label: 'nav.thoughtReports', action: 'thought_report.review' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        lifeGroup: '组织生活',
        activities: '三会一课与主题党日',
        activitiesDue: '应开展与逾期',
        myActivities: '组织生活',
        thoughtReports: '思想汇报',
        myThoughtReports: '思想汇报',
        kioskLife: '活动签到',
        kioskLifeHint: '三会一课、主题党日签到',
      },
    },
    {
      nav: {
        lifeGroup: 'Party life',
        activities: 'Meetings and Party days',
        activitiesDue: 'Due and overdue',
        myActivities: 'Party life',
        thoughtReports: 'Thought reports',
        myThoughtReports: 'Thought reports',
        kioskLife: 'Activity sign-in',
        kioskLifeHint: 'Sign in to meetings and Party days',
      },
    },
  ),
};
