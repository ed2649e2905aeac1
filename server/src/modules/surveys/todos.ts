import type { TodoDef } from '../../platform/module.ts';
import { myOpenCount } from './answer.ts';

/** The surveys module's to-dos (platform/workbench): surveys open that the member has yet to answer. */
export const surveyTodos: TodoDef[] = [
  {
    key: 'surveys.answer',
    label: { zh: '待填写的问卷', en: 'Surveys to answer' },
    audience: 'member',
    action: 'survey.answer',
    path: '/m/surveys',
    count: async (ctx) => (await myOpenCount(ctx)).count,
  },
];
