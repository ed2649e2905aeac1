import type { TodoDef } from '../../../platform/module.ts';
import { myProgressTile } from './my-progress.ts';

/** 学时进度: the class hours still to study this year (0 once the requirement is met), with the progress. */
export const studyProgressTodo: TodoDef = {
  key: 'learning.study.progress',
  label: { zh: '今年还差的学时', en: 'Study hours still to go this year' },
  audience: 'member',
  action: 'study.attend',
  path: '/m/study',
  count: async (ctx) => {
    const p = await myProgressTile(ctx);
    return { count: Math.max(0, Math.ceil(p.max - p.value)), progress: p };
  },
};
