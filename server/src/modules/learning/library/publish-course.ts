import { eq } from 'drizzle-orm';
import type { Course, CourseKind } from '../../../../../contracts/learning/library.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { courses } from '../schema.ts';
import { readCourse } from './read-course.ts';
import { readyToPublish } from './rules.ts';
import { courseFor } from './store.ts';

/** 发布: a draft that has its file (and duration) or its text becomes visible to its scope's members. */
export async function publishCourse(ctx: Ctx, id: number): Promise<Course> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await courseFor(ctx, tx, id, true);
    if (c.status !== 'draft')
      throw conflict('course_not_draft', { zh: '只有草稿可以发布', en: 'only a draft can be published' });
    const ready = readyToPublish({ ...c, kind: c.kind as CourseKind });
    if (!ready.ready)
      throw conflict('course_not_ready', {
        zh: `不能发布：${ready.missing.zh}`,
        en: `cannot publish: ${ready.missing.en}`,
      });
    await tx
      .update(courses)
      .set({ status: 'published', publishedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(courses.id, id));
    await recordAudit(tx, ctx, {
      action: 'course.published',
      targetType: 'course',
      targetId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      after: { title: c.title, scopeOrgId: c.scopeOrgId },
    });
  });
  return readCourse(ctx, id);
}

/**
 * 撤回: a published course leaves the members' library at once (its page and file answer 404), with
 * the reason kept. Study time already credited for it stays credited (study/ keeps its own rows).
 */
export async function withdrawCourse(ctx: Ctx, id: number, reason: string): Promise<Course> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await courseFor(ctx, tx, id, true);
    if (c.status !== 'published')
      throw conflict('course_not_published', {
        zh: '只有已发布的课件可以撤回',
        en: 'only a published course can be withdrawn',
      });
    await tx
      .update(courses)
      .set({ status: 'withdrawn', withdrawnAt: ctx.now(), withdrawReason: reason, updatedAt: ctx.now() })
      .where(eq(courses.id, id));
    await recordAudit(tx, ctx, {
      action: 'course.withdrawn',
      targetType: 'course',
      targetId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      before: { status: 'published' },
      after: { status: 'withdrawn', reason },
    });
  });
  return readCourse(ctx, id);
}
