// 工作台 (server/src/platform/workbench): the to-dos the modules contribute, counted over the
// actor's scope, and the key figures of their subtree; the member's own to-dos for /m.
import { z } from 'zod';

/** Both languages travel: the web shows the one it is in (the menu's badges switch with it). */
export const WorkbenchText = z.object({ zh: z.string(), en: z.string() });
export type WorkbenchText = z.infer<typeof WorkbenchText>;

/** One to-do with its count (only counts above 0 are sent to the admin's workbench). */
export const WorkbenchTodo = z.object({
  key: z.string(),
  /** The module that contributes it. */
  module: z.string(),
  label: WorkbenchText,
  /** Where it is done in the web app. */
  path: z.string(),
  /** The side-menu entry its count shows on (admin to-dos). */
  menu: z.string(),
  count: z.number().int(),
  /** The member's own progress (this year's study hours against the requirement). */
  progress: z.object({ value: z.number(), max: z.number() }).optional(),
});
export type WorkbenchTodo = z.infer<typeof WorkbenchTodo>;

/** A key figure of the actor's subtree. */
export const WorkbenchFigure = z.object({
  key: z.string(),
  label: WorkbenchText,
  value: z.number(),
  unit: WorkbenchText.optional(),
  path: z.string().optional(),
});
export type WorkbenchFigure = z.infer<typeof WorkbenchFigure>;

/** GET /api/v1/workbench: the admin's to-dos (counts above 0, largest first) and key figures. */
export const Workbench = z.object({ todos: z.array(WorkbenchTodo), figures: z.array(WorkbenchFigure) });
export type Workbench = z.infer<typeof Workbench>;

/** GET /api/v1/workbench/member: the member's own to-dos (those with nothing to do included, count 0). */
export const MemberWorkbench = z.object({ todos: z.array(WorkbenchTodo) });
export type MemberWorkbench = z.infer<typeof MemberWorkbench>;
