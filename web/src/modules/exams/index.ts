import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the exams module lives: one folder per sub-capability, mirroring
// server/src/modules/exams/ and contracts/exams/ — bank/ first — each with its pages, api.ts and i18n.

/** 在线考试: the question bank (题库) with import and export. */
export const examsModule: WebModule = {
  name: 'exams',
  routes: [
    // bank/
    { path: 'question-bank', page: lazy(() => import('./bank/BankPage.tsx')) },
  ],
  menu: [
    {
      group: 'exams',
      label: 'nav.examsGroup',
      icon: () => import('@ant-design/icons/FormOutlined'),
      items: [{ to: '/question-bank', label: 'nav.questionBank', action: 'question.view' }],
    },
  ],
  strings: strings(
    { nav: { examsGroup: '在线考试', questionBank: '题库' } },
    { nav: { examsGroup: 'Online exams', questionBank: 'Question bank' } },
  ),
};
