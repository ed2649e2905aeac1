import type { ModuleManifest } from '../../platform/module.ts';
import { correctionsTodo } from './corrections/todos.ts';
import { arrearsTodo } from './dues/todos.ts';
import { memberFigures } from './figures.ts';
import { pipelineTodo } from './pipeline/todos.ts';
import { transfersTodo } from './transfers/todos.ts';

/** The members module's to-dos and key figures on the workbench (platform/workbench). */
export const membersWorkbench: Pick<ModuleManifest, 'todos' | 'figures'> = {
  todos: [transfersTodo, correctionsTodo, pipelineTodo, arrearsTodo],
  figures: memberFigures,
};
