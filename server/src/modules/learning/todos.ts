import type { ModuleManifest } from '../../platform/module.ts';
import { learningFigures } from './figures.ts';
import { offlineApproveTodo } from './offline/todos.ts';
import { studyProgressTodo } from './requirements/todos.ts';

/** The learning module's to-dos and key figures (platform/workbench). */
export const learningWorkbench: Pick<ModuleManifest, 'todos' | 'figures'> = {
  todos: [offlineApproveTodo, studyProgressTodo],
  figures: learningFigures,
};
