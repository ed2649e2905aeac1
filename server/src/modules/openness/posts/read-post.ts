import type { Post } from '../../../../../contracts/openness/posts.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { readerOf } from '../page/policy.ts';
import { postAbilities } from './policy.ts';
import { presentPost } from './present.ts';
import { readableBy } from './rules.ts';
import { attachmentsOf, coverOf, loadPost, POST } from './store.ts';

/**
 * One item for a signed-in reader: its admins see it in any state; the members of its subtree a
 * published item, members-only or public. Someone else gets a 403 for a members-only item and a
 * 404 for a draft or a withdrawn one (what was never published, or was taken back, is not there).
 */
export async function readPost(ctx: Ctx, id: number): Promise<Post> {
  const { p, orgName } = await loadPost(ctx.db, id);
  const reader = readerOf(ctx.actor, p.orgPath);
  if (!readableBy(p, reader)) {
    if (readableBy(p, 'member'))
      throw forbidden({
        zh: '该内容仅对本组织党员公开',
        en: 'This item is for the organization’s members only',
      });
    throw notFound(POST);
  }
  return presentPost(
    p,
    orgName,
    await coverOf(ctx.db, p.coverImageId),
    await attachmentsOf(ctx.db, id),
    postAbilities(ctx.actor, p),
  );
}

/** One item for anyone, without login: published, public, not withdrawn; otherwise not found. */
export async function readPublicPost(ctx: Ctx, id: number): Promise<Post> {
  const { p, orgName } = await loadPost(ctx.db, id);
  if (!readableBy(p, 'anyone')) throw notFound(POST);
  // who wrote it is for its members to see; the public reads the org's name
  return presentPost(
    { ...p, authorName: orgName },
    orgName,
    await coverOf(ctx.db, p.coverImageId),
    await attachmentsOf(ctx.db, id),
    {
      edit: false,
      publish: false,
      withdraw: false,
    },
  );
}
