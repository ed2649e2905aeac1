import type { TodoDef } from '../../platform/module.ts';
import { myOpenCount } from './sittings/my-exams.ts';

/** The exams module's to-dos (platform/workbench): exams open that the member has yet to take. */
export const examTodos: TodoDef[] = [
  {
    key: 'exams.sit',
    label: { zh: '待参加的考试', en: 'Exams open to take' },
    audience: 'member',
    action: 'exam.sit',
    path: '/m/exams',
    count: async (ctx) => (await myOpenCount(ctx)).count,
  },
];
