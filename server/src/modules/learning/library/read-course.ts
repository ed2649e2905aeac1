import type { Course } from '../../../../../contracts/learning/library.ts';
import type { Ctx } from '../../../platform/context.ts';
import { presentCourse } from './present.ts';
import { courseFor, fileOf, namesOf } from './store.ts';

/** One course as its publisher's admins see it: drafts and withdrawn ones too. */
export async function readCourse(ctx: Ctx, id: number): Promise<Course> {
  const c = await courseFor(ctx, ctx.db, id);
  const [file, names] = await Promise.all([
    fileOf(ctx.db, c.fileId),
    namesOf(ctx.db, [c.orgId, c.scopeOrgId], c.categoryId ? [c.categoryId] : []),
  ]);
  return presentCourse(c, file, names, true);
}
