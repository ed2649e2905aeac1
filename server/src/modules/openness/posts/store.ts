import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { albumPhotos, albums, opennessImages, postAttachments, posts } from '../schema.ts';
import type { CoverRow } from './present.ts';
import { imageTokensIn, sanitizeRichText } from './rules.ts';

export const POST = { zh: '组织主页内容', en: 'Post' };

/** An item with its org's name (404 when there is none), locked for update inside a write. */
export async function loadPost(db: Queryable, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select({ p: posts, orgName: orgs.name })
    .from(posts)
    .innerJoin(orgs, eq(orgs.id, posts.orgId))
    .where(eq(posts.id, id));
  const [row] = opts.forUpdate ? await q.for('update', { of: posts }) : await q;
  if (!row) throw notFound(POST);
  return row;
}

export async function coverOf(db: Queryable, imageId: number | null): Promise<CoverRow> {
  if (imageId == null) return null;
  const [c] = await db
    .select({
      id: opennessImages.id,
      token: opennessImages.token,
      width: opennessImages.width,
      height: opennessImages.height,
    })
    .from(opennessImages)
    .where(eq(opennessImages.id, imageId));
  return c ?? null;
}

export async function attachmentsOf(db: Queryable, postId: number) {
  return db
    .select()
    .from(postAttachments)
    .where(eq(postAttachments.postId, postId))
    .orderBy(postAttachments.id);
}

/**
 * Which of `tokens` are the org's own pictures (uploaded for its items, or photos of its albums):
 * a post's text may show only those.
 */
export async function ownTokens(
  db: Queryable,
  orgId: number,
  tokens: readonly string[],
): Promise<Set<string>> {
  if (!tokens.length) return new Set();
  const images = await db
    .select({ token: opennessImages.token })
    .from(opennessImages)
    .where(and(eq(opennessImages.orgId, orgId), inArray(opennessImages.token, [...tokens])));
  const photos = await db
    .select({ token: albumPhotos.token })
    .from(albumPhotos)
    .innerJoin(albums, eq(albums.id, albumPhotos.albumId))
    .where(and(eq(albums.orgId, orgId), inArray(albumPhotos.token, [...tokens])));
  return new Set([...images, ...photos].map((r) => r.token));
}

/**
 * Rich text as an org keeps it (an item's text, the page's introduction): sanitized (rules.ts),
 * with pictures only the org's own. A picture of this platform that is another org's refuses the
 * whole text, naming `field`, rather than vanishing from it unexplained (it may be another town's:
 * its page is not this org's to show); pictures from elsewhere are dropped, as the sanitizer says.
 */
export async function orgRichText(
  db: Queryable,
  orgId: number,
  html: string,
  field: string,
): Promise<string> {
  const own = await ownTokens(db, orgId, imageTokensIn(html));
  const foreign = new Set<string>();
  const kept = sanitizeRichText(html, (t) => {
    if (!own.has(t)) foreign.add(t);
    return own.has(t);
  });
  if (foreign.size)
    throw fieldError(field, {
      zh: `有 ${foreign.size} 张图片不是本组织上传的，不能使用；请以本组织的名义重新上传后再插入`,
      en: `${foreign.size} picture(s) were not uploaded for this organization; upload them for it first`,
    });
  return kept;
}
