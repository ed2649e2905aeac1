import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the learning module lives: one folder per sub-capability, mirroring
// server/src/modules/learning/ and contracts/learning/ — library/, study/, requirements/, classes/,
// offline/, stations/, pool/, recommend/ — each with its pages, api.ts and i18n.ts.

/** 学习教育: courses, study hours, the yearly requirement, classes, offline study, stations. */
export const learningModule: WebModule = {
  name: 'learning',
  routes: [
    // library/
    { path: 'courses', page: lazy(() => import('./library/CoursesPage.tsx')) },
    // requirements/
    { path: 'study', page: lazy(() => import('./requirements/StudyPage.tsx')) },
    // offline/ and stations/
    { path: 'offline-studies', page: lazy(() => import('./offline/OfflineStudiesPage.tsx')) },
    { path: 'stations', page: lazy(() => import('./stations/StationsPage.tsx')) },
    { path: 'stations/session', page: lazy(() => import('./stations/SessionPage.tsx')) },
    { path: 'stations/:id/session', page: lazy(() => import('./stations/SessionPage.tsx')) },
  ],
  memberRoutes: [
    // library/
    { path: 'learning', page: lazy(() => import('./library/LearningPage.tsx')) },
    { path: 'learning/:id', page: lazy(() => import('./library/CoursePage.tsx')) },
    // requirements/
    { path: 'study', page: lazy(() => import('./requirements/MyStudyPage.tsx')) },
  ],
  memberTiles: [
    { to: '/m/learning', label: 'nav.learning', action: 'course.study' },
    // this year's class hours against the member's own requirement: progress, never a ranking
    { to: '/m/study', label: 'nav.myStudy', action: 'study.attend', progress: '/study/progress/tile' },
  ],
  menu: [
    {
      group: 'learning',
      label: 'nav.learningGroup',
      icon: () => import('@ant-design/icons/ReadOutlined'),
      items: [
        { to: '/courses', label: 'nav.courses', action: 'course.manage' },
        { to: '/study', label: 'nav.study', action: 'study.view' },
        { to: '/offline-studies', label: 'nav.offlineStudies', action: 'offline_study.view' },
        { to: '/stations', label: 'nav.stations', action: 'station.view' },
        { to: '/stations/session', label: 'nav.stationSession', action: 'station.operate' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        learningGroup: '学习教育',
        courses: '课件库',
        learning: '学习',
        study: '学时达标',
        myStudy: '我的学时',
        offlineStudies: '线下学习',
        stations: '远程教育站点',
        stationSession: '登记集中学习',
      },
    },
    {
      nav: {
        learningGroup: 'Learning',
        courses: 'Course library',
        learning: 'Study',
        study: 'Study requirement',
        myStudy: 'My study hours',
        offlineStudies: 'Offline study',
        stations: 'Remote-education stations',
        stationSession: 'Enter a station session',
      },
    },
  ),
};
