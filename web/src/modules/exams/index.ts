import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the exams module lives: one folder per sub-capability, mirroring
// server/src/modules/exams/ and contracts/exams/ — bank/, papers/, sittings/, grading/, practice/ —
// each with its pages, api.ts and i18n.

/** 在线考试: the question bank, papers, exams and their grading; the member's exams and practice. */
export const examsModule: WebModule = {
  name: 'exams',
  routes: [
    // bank/
    { path: 'question-bank', page: lazy(() => import('./bank/BankPage.tsx')) },
    // papers/
    { path: 'papers', page: lazy(() => import('./papers/PapersPage.tsx')) },
    // sittings/ (list, new exam) and grading/ (one exam: results, orgs, statistics, grading)
    { path: 'exams', page: lazy(() => import('./sittings/ExamsPage.tsx')) },
    { path: 'exams/:id', page: lazy(() => import('./grading/ExamPage.tsx')) },
  ],
  memberRoutes: [
    { path: 'exams', page: lazy(() => import('./sittings/MyExamsPage.tsx')) },
    { path: 'exams/attempts/:id', page: lazy(() => import('./sittings/SittingPage.tsx')) },
    { path: 'exams/results/:id', page: lazy(() => import('./sittings/ResultPage.tsx')) },
    { path: 'practice', page: lazy(() => import('./practice/PracticePage.tsx')) },
    { path: 'practice/wrong', page: lazy(() => import('./practice/WrongBookPage.tsx')) },
  ],
  memberTiles: [
    { to: '/m/exams', label: 'nav.myExams', action: 'exam.sit', badge: '/my/exams/open-count' },
    { to: '/m/practice', label: 'nav.practice', action: 'exam.sit' },
  ],
  menu: [
    {
      group: 'exams',
      label: 'nav.examsGroup',
      icon: () => import('@ant-design/icons/FormOutlined'),
      items: [
        { to: '/question-bank', label: 'nav.questionBank', action: 'question.view' },
        { to: '/papers', label: 'nav.papers', action: 'exam.view' },
        { to: '/exams', label: 'nav.exams', action: 'exam.view' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        examsGroup: '在线考试',
        questionBank: '题库',
        papers: '试卷',
        exams: '考试',
        myExams: '在线考试',
        practice: '练习和错题本',
      },
    },
    {
      nav: {
        examsGroup: 'Online exams',
        questionBank: 'Question bank',
        papers: 'Papers',
        exams: 'Exams',
        myExams: 'My exams',
        practice: 'Practice',
      },
    },
  ),
};
