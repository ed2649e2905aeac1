import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { EditPost, Post, WritePost } from '../../../../../contracts/openness/posts.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { diff } from '../../../platform/audit/service.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { opennessImages, posts } from '../schema.ts';
import { postAbilities } from './policy.ts';
import { presentPost } from './present.ts';
import { publishIn } from './publish-post.ts';
import { excerptOf, hasContent, statusOf } from './rules.ts';
import { attachmentsOf, coverOf, loadPost, orgRichText } from './store.ts';

/** The text as stored: sanitized, pictures only the org's own; an item must say something. */
async function cleanBody(tx: Tx, orgId: number, html: string): Promise<string> {
  const body = await orgRichText(tx, orgId, html, 'body');
  if (!hasContent(body)) throw fieldError('body', { zh: '正文不能为空', en: 'the text cannot be empty' });
  return body;
}

async function checkCover(tx: Tx, orgId: number, id: string | null | undefined): Promise<number | null> {
  if (!id) return null;
  const [img] = await tx
    .select({ id: opennessImages.id })
    .from(opennessImages)
    .where(and(eq(opennessImages.id, Number(id)), eq(opennessImages.orgId, orgId)));
  if (!img)
    throw fieldError('coverImageId', {
      zh: '封面须为本组织上传的图片',
      en: 'the cover must be a picture uploaded for this organization',
    });
  return img.id;
}

/** 写一篇工作动态、组织公告或党务公开内容: a draft, or published at once. */
export async function createPost(ctx: Ctx, input: z.infer<typeof WritePost>): Promise<Post> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const org = await findOrg(tx, Number(input.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'openness.manage', org.path);
    const body = await cleanBody(tx, org.id, input.body);
    const now = ctx.now();
    let [row] = await tx
      .insert(posts)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        title: input.title,
        body,
        excerpt: excerptOf(body),
        visibility: input.visibility,
        coverImageId: await checkCover(tx, org.id, input.coverImageId),
        authorId: actor.userId,
        authorName: actor.displayName,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'openness.post_created',
      targetType: 'post',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: { kind: row.kind, title: row.title, visibility: row.visibility },
    });
    if (input.publish) row = await publishIn(tx, ctx, row);
    return presentPost(row, org.name, await coverOf(tx, row.coverImageId), [], postAbilities(actor, row));
  });
}

/**
 * Edits an item, draft or published (a typo in a published notice is corrected in place; the
 * audit log keeps what it said). A withdrawn item is not edited.
 */
export async function editPost(ctx: Ctx, id: number, input: z.infer<typeof EditPost>): Promise<Post> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { p, orgName } = await loadPost(tx, id, { forUpdate: true });
    authorize(actor, 'openness.manage', p.orgPath);
    if (statusOf(p) === 'withdrawn')
      throw conflict('post_withdrawn', {
        zh: '已撤回的内容不能修改',
        en: 'a withdrawn item cannot be edited',
      });
    const body = input.body !== undefined ? await cleanBody(tx, p.orgId, input.body) : p.body;
    const next = {
      kind: input.kind ?? p.kind,
      title: input.title ?? p.title,
      body,
      excerpt: excerptOf(body),
      visibility: input.visibility ?? p.visibility,
      coverImageId:
        input.coverImageId === undefined ? p.coverImageId : await checkCover(tx, p.orgId, input.coverImageId),
    };
    if (p.kind !== next.kind && statusOf(p) === 'published')
      throw fieldError('kind', {
        zh: '已发布的内容不能改变类别（它已计入当月的统计）；请撤回后重新发布',
        en: 'a published item keeps its kind (it is counted in its month); withdraw it and write a new one',
      });
    const [row] = await tx
      .update(posts)
      .set({ ...next, updatedAt: ctx.now() })
      .where(eq(posts.id, id))
      .returning();
    const changes = diff(
      { kind: p.kind, title: p.title, body: p.body, visibility: p.visibility, coverImageId: p.coverImageId },
      {
        kind: row.kind,
        title: row.title,
        body: row.body,
        visibility: row.visibility,
        coverImageId: row.coverImageId,
      },
    );
    await recordAudit(tx, ctx, {
      action: 'openness.post_edited',
      targetType: 'post',
      targetId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      ...changes,
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
