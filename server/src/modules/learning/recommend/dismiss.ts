import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findVisibleCourse } from '../library/visible.ts';
import { memberOf } from './store.ts';

/**
 * 不感兴趣: the member dismisses a recommended course; it is never offered to them again. Only a
 * course they may study (a course of another scope, a draft: 404, as if it did not exist).
 * Dismissing twice is the same as once.
 */
export async function dismissRecommendation(ctx: Ctx, courseId: number): Promise<{ ok: true }> {
  const me = await memberOf(ctx);
  const course = await findVisibleCourse(ctx.db, courseId, me.orgPath);
  if (!course) throw notFound({ zh: '课件', en: 'Course' });
  await inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute(sql`
      insert into course_dismissals (member_id, course_id, dismissed_at)
      values (${me.memberId}, ${course.id}, ${ctx.now().toISOString()}::timestamptz)
      on conflict do nothing returning course_id`);
    if (rows.length)
      await recordAudit(tx, ctx, {
        action: 'course.recommendation_dismissed',
        targetType: 'course',
        targetId: course.id,
        orgId: me.orgId,
        orgPath: me.orgPath,
        after: { member: me.memberId, title: course.title },
      });
  });
  return { ok: true };
}
