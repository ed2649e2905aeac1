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
    // classes/
    { path: 'classes', page: lazy(() => import('./classes/ClassesPage.tsx')) },
    { path: 'classes/:id', page: lazy(() => import('./classes/ClassPage.tsx')) },
    // pool/
    { path: 'teachers', page: lazy(() => import('./pool/TeachersPage.tsx')) },
    { path: 'training-bases', page: lazy(() => import('./pool/BasesPage.tsx')) },
  ],
  memberRoutes: [
    // library/
    { path: 'learning', page: lazy(() => import('./library/LearningPage.tsx')) },
    { path: 'learning/:id', page: lazy(() => import('./library/CoursePage.tsx')) },
    // classes/
    { path: 'learning/classes', page: lazy(() => import('./classes/MyClassesPage.tsx')) },
    // pool/
    { path: 'learning/rate', page: lazy(() => import('./pool/RateLecturesPage.tsx')) },
    // requirements/
    { path: 'study', page: lazy(() => import('./requirements/MyStudyPage.tsx')) },
  ],
  // recommend/: a few recommended courses under the member home's tiles
  memberSections: [
    {
      key: 'learning-recommend',
      action: 'course.study',
      section: lazy(() => import('./recommend/RecommendSection.tsx')),
    },
  ],
  memberTiles: [
    { to: '/m/learning', label: 'nav.learning', action: 'course.study' },
    // this year's class hours against the member's own requirement: progress, never a ranking
    { to: '/m/study', label: 'nav.myStudy', action: 'study.attend', progress: '/study/progress/tile' },
    // the classes the member is in, each course of the plan one tap away
    { to: '/m/learning/classes', label: 'nav.myClasses', action: 'study.attend' },
    // lectures I attended, to rate within 30 days
    { to: '/m/learning/rate', label: 'nav.rateLectures', action: 'lecture.rate' },
  ],
  // the touch kiosk's hall: the member's study screens, after a study-card sign-in
  kioskHalls: [
    {
      key: 'learning',
      label: 'nav.kioskLearning',
      hint: 'nav.kioskLearningHint',
      to: '/m/learning',
      signIn: true,
    },
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
        { to: '/classes', label: 'nav.classes', action: 'class.view' },
        { to: '/teachers', label: 'nav.teachers', action: 'pool.view' },
        { to: '/training-bases', label: 'nav.trainingBases', action: 'pool.view' },
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
        classes: '网上班级',
        myClasses: '我的班级',
        teachers: '师资库',
        trainingBases: '教育基地',
        rateLectures: '评价授课',
        kioskLearning: '学习',
        kioskLearningHint: '刷学习卡，学课件、记学时',
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
        classes: 'Online classes',
        myClasses: 'My classes',
        teachers: 'Teacher pool',
        trainingBases: 'Training bases',
        rateLectures: 'Rate lectures',
        kioskLearning: 'Study',
        kioskLearningHint: 'Sign in with your study card',
      },
    },
  ),
};
