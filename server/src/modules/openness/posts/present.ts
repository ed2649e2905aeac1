import type { Attachment, Post, PostSummary } from '../../../../../contracts/openness/posts.ts';
import type { PostKind, Visibility } from '../../../../../contracts/openness/posts.ts';
import { presentPicture } from '../images/present.ts';
import type { postAttachments, posts } from '../schema.ts';
import type { postAbilities } from './policy.ts';
import { readableBy, statusOf } from './rules.ts';

type PostRow = typeof posts.$inferSelect;
export type CoverRow = { id: number; token: string; width: number; height: number } | null;

/** An item in a list: no body, no author's account id; the cover as a picture. */
export function presentPostSummary(p: PostRow, orgName: string, cover: CoverRow): PostSummary {
  return {
    id: String(p.id),
    orgId: String(p.orgId),
    orgName,
    kind: p.kind as PostKind,
    title: p.title,
    excerpt: p.excerpt,
    visibility: p.visibility as Visibility,
    status: statusOf(p),
    cover: cover ? presentPicture(cover) : null,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    authorName: p.authorName,
  };
}

/**
 * Where an attachment is downloaded: the public route while anyone may read the item, the
 * signed-in one otherwise (members-only items, and drafts their admins look at).
 */
export function presentAttachment(
  a: typeof postAttachments.$inferSelect,
  p: { id: number; visibility: string; publishedAt: Date | null; withdrawnAt: Date | null },
): Attachment {
  return {
    id: String(a.id),
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    url: readableBy(p, 'anyone')
      ? `/api/v1/public/posts/${p.id}/attachments/${a.id}`
      : `/api/v1/posts/${p.id}/attachments/${a.id}`,
  };
}

export function presentPost(
  p: PostRow,
  orgName: string,
  cover: CoverRow,
  attachments: (typeof postAttachments.$inferSelect)[],
  can: ReturnType<typeof postAbilities>,
): Post {
  return {
    ...presentPostSummary(p, orgName, cover),
    body: p.body,
    attachments: attachments.map((a) => presentAttachment(a, p)),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    withdrawReason: p.withdrawReason,
    can,
  };
}
