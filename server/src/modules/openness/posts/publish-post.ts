import { eq } from 'drizzle-orm';
import type { Post } from '../../../../../contracts/openness/posts.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { noticeRecipients } from '../../members/index.ts';
import { posts } from '../schema.ts';
import { postAbilities } from './policy.ts';
import { presentPost } from './present.ts';
import { statusOf } from './rules.ts';
import { attachmentsOf, coverOf, loadPost } from './store.ts';

/** The notice kind an announcement sends (declared in the module's manifest). */
export const ANNOUNCEMENT_NOTICE = 'openness.announcement';

type PostRow = typeof posts.$inferSelect;

/**
 * Publishes a draft inside the caller's transaction. An announcement (组织公告) is sent as a notice
 * to the members of the org's subtree (issue 13: "publishing an announcement … sends in-app
 * notices to the intended members"), in the same transaction: if publishing fails, nobody was
 * told. Updates and 党务公开 items are read on the page, not pushed.
 */
export async function publishIn(tx: Tx, ctx: Ctx, p: PostRow): Promise<PostRow> {
  const now = ctx.now();
  const [row] = await tx
    .update(posts)
    .set({ publishedAt: now, updatedAt: now })
    .where(eq(posts.id, p.id))
    .returning();
  let notified: number | null = null;
  if (row.kind === 'announcement') {
    const sent = await sendNotice(tx, ctx, {
      kind: ANNOUNCEMENT_NOTICE,
      orgId: row.orgId,
      title: row.title,
      body: row.excerpt || undefined,
      link: `/m/posts/${row.id}`,
      source: { type: 'post', id: String(row.id) },
      recipients: await noticeRecipients(tx, { orgPath: row.orgPath }),
    });
    notified = sent.recipients;
  }
  await recordAudit(tx, ctx, {
    action: 'openness.post_published',
    targetType: 'post',
    targetId: row.id,
    orgId: row.orgId,
    orgPath: row.orgPath,
    after: {
      kind: row.kind,
      title: row.title,
      visibility: row.visibility,
      ...(notified != null ? { notified } : {}),
    },
  });
  return row;
}

/** 发布: a draft becomes visible to its readers (and an announcement notifies the members). */
export async function publishPost(ctx: Ctx, id: number): Promise<Post> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { p, orgName } = await loadPost(tx, id, { forUpdate: true });
    authorize(actor, 'openness.manage', p.orgPath);
    if (statusOf(p) !== 'draft')
      throw conflict('post_not_draft', {
        zh: statusOf(p) === 'published' ? '该内容已经发布' : '该内容已撤回，不能再发布；请另写一篇',
        en: statusOf(p) === 'published' ? 'already published' : 'withdrawn items cannot be published again',
      });
    const row = await publishIn(tx, ctx, p);
    return presentPost(
      row,
      orgName,
      await coverOf(tx, row.coverImageId),
      await attachmentsOf(tx, row.id),
      postAbilities(actor, row),
    );
  });
}
