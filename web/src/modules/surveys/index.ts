import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the surveys module lives, mirroring server/src/modules/surveys/ and
// contracts/surveys/: the console's list, designer and results; the member's list and form; the
// public form behind the link and QR code.

/** 问卷调查: design, send and count surveys; the member's 问卷 tile; the public link. */
export const surveysModule: WebModule = {
  name: 'surveys',
  routes: [
    { path: 'surveys', page: lazy(() => import('./SurveysPage.tsx')) },
    { path: 'surveys/new', page: lazy(() => import('./SurveyBuilder.tsx')) },
    { path: 'surveys/:id', page: lazy(() => import('./SurveyBuilder.tsx')) },
    { path: 'surveys/:id/results', page: lazy(() => import('./ResultsPage.tsx')) },
  ],
  memberRoutes: [
    { path: 'surveys', page: lazy(() => import('./MySurveysPage.tsx')) },
    { path: 'surveys/:id', page: lazy(() => import('./AnswerPage.tsx')) },
  ],
  publicRoutes: [
    {
      path: 'surveys/:token',
      page: lazy(() => import('./AnswerPage.tsx').then((m) => ({ default: m.PublicSurveyPage }))),
    },
  ],
  memberTiles: [
    { to: '/m/surveys', label: 'nav.mySurveys', action: 'survey.answer', badge: '/my/surveys/open-count' },
  ],
  menu: [
    {
      group: 'surveys',
      label: 'nav.surveysGroup',
      icon: () => import('@ant-design/icons/SolutionOutlined'),
      items: [{ to: '/surveys', label: 'nav.surveys', action: 'survey.view' }],
    },
  ],
  strings: strings(
    { nav: { surveysGroup: '问卷调查', surveys: '问卷管理', mySurveys: '问卷' } },
    { nav: { surveysGroup: 'Surveys', surveys: 'Surveys', mySurveys: 'Surveys' } },
  ),
};
