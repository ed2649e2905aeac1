import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Post, WithdrawPost } from '../../../../../contracts/openness/posts.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { posts } from '../schema.ts';
import { postAbilities } from './policy.ts';
import { presentPost } from './present.ts';
import { statusOf } from './rules.ts';
import { attachmentsOf, coverOf, loadPost } from './store.ts';

/**
 * 撤回: a published item leaves the page, with the reason. Its row stays — it was published in its
 * month, and the month's count does not change afterwards — and its admins still see it.
 */
export async function withdrawPost(ctx: Ctx, id: number, input: z.infer<typeof WithdrawPost>): Promise<Post> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { p, orgName } = await loadPost(tx, id, { forUpdate: true });
    authorize(actor, 'openness.manage', p.orgPath);
    if (statusOf(p) !== 'published')
      throw conflict('post_not_published', {
        zh: statusOf(p) === 'draft' ? '草稿尚未发布，无需撤回' : '该内容已撤回',
        en: statusOf(p) === 'draft' ? 'a draft is not published' : 'already withdrawn',
      });
    const now = ctx.now();
    const [row] = await tx
      .update(posts)
      .set({ withdrawnAt: now, withdrawnBy: actor.userId, withdrawReason: input.reason, updatedAt: now })
      .where(eq(posts.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'openness.post_withdrawn',
      targetType: 'post',
      targetId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      after: { title: row.title, reason: input.reason },
    });
    return presentPost(
      row,
      orgName,
      await coverOf(tx, row.coverImageId),
      await attachmentsOf(tx, id),
      postAbilities(actor, row),
    );
  });
}
