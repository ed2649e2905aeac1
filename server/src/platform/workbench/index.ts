import type { ModuleManifest } from '../module.ts';
import { workbenchPolicies } from './policy.ts';
import { workbenchRoutes } from './routes.ts';

/**
 * 工作台: every admin's home. The modules contribute their to-dos (`todos` in the manifest: a
 * label, the action it needs, the screen it links to, a count over the actor's scope) and key
 * figures (`figures`); this piece counts the ones the actor's actions cover, in parallel, and
 * serves them to the admin's workbench and the member's home. It imports no module: app.ts hands
 * it the manifests.
 */
export function workbenchModule(modules: readonly ModuleManifest[]): ModuleManifest {
  const todos = modules.flatMap((m) => (m.todos ?? []).map((t) => ({ ...t, module: m.name })));
  const figures = modules.flatMap((m) => (m.figures ?? []).map((f) => ({ ...f, module: m.name })));
  const keys = new Set<string>();
  for (const t of todos) {
    if (keys.has(t.key)) throw new Error(`to-do ${t.key} declared twice`);
    keys.add(t.key);
  }
  return {
    name: 'workbench',
    policies: workbenchPolicies,
    routes: workbenchRoutes(todos, figures),
    matrix: async () => (await import('./matrix.ts')).workbenchMatrix,
  };
}
