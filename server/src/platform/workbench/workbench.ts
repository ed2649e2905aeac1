import type { MemberWorkbench, Workbench, WorkbenchTodo } from '../../../../contracts/workbench.ts';
import { holds } from '../access/index.ts';
import { actorOf, type Ctx } from '../context.ts';
import type { FigureDef, TodoDef } from '../module.ts';

/** A module's to-do, with the module that contributes it. */
export type OwnedTodo = TodoDef & { module: string };
export type OwnedFigure = FigureDef & { module: string };

/** What the actor may be shown: the to-dos (or figures) whose action they hold somewhere. */
const held = <T extends { action: string }>(ctx: Ctx, defs: readonly T[]) => {
  const actor = actorOf(ctx);
  return defs.filter((d) => d.action === 'authenticated' || holds(actor, d.action));
};

async function counted(ctx: Ctx, defs: readonly OwnedTodo[]): Promise<WorkbenchTodo[]> {
  // in parallel: each is one index-backed count of its own module, over the actor's scope
  const counts = await Promise.all(defs.map((d) => d.count(ctx)));
  return defs.map((d, i) => {
    const c = counts[i];
    const n = typeof c === 'number' ? c : c.count;
    return {
      key: d.key,
      module: d.module,
      label: d.label,
      path: d.path,
      menu: d.menu ?? d.path.split('?')[0],
      count: n,
      ...(typeof c === 'object' && c.progress ? { progress: c.progress } : {}),
    };
  });
}

/**
 * 工作台: the admin's to-dos with something waiting (the largest count first; the modules' order
 * among equals) and the key figures of their subtree.
 */
export async function adminWorkbench(
  ctx: Ctx,
  todos: readonly OwnedTodo[],
  figures: readonly OwnedFigure[],
): Promise<Workbench> {
  const shown = held(
    ctx,
    todos.filter((t) => t.audience === 'admin'),
  );
  const shownFigures = held(ctx, figures);
  const [items, values] = await Promise.all([
    counted(ctx, shown),
    Promise.all(shownFigures.map((f) => f.value(ctx))),
  ]);
  return {
    todos: items
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => t.count > 0)
      .sort((a, b) => b.t.count - a.t.count || a.i - b.i)
      .map(({ t }) => t),
    figures: shownFigures.map((f, i) => ({
      key: f.key,
      label: f.label,
      value: values[i],
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.path ? { path: f.path } : {}),
    })),
  };
}

/** The member's own to-dos for /m, in the modules' order; those with nothing waiting too (count 0). */
export async function memberWorkbench(ctx: Ctx, todos: readonly OwnedTodo[]): Promise<MemberWorkbench> {
  return {
    todos: await counted(
      ctx,
      held(
        ctx,
        todos.filter((t) => t.audience === 'member'),
      ),
    ),
  };
}
