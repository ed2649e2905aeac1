import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { FileUse } from '../../../platform/files/orphans.ts';
import { albumPhotos, opennessImages, postAttachments } from '../schema.ts';

/**
 * Pictures uploaded while writing a post or the page's introduction that nothing came to show: no
 * post has it as its cover, no post's text and no page's introduction shows it (posts/rules.ts
 * imageTokensIn: `/api/v1/public/images/<token>`). Only uploads made in [since, before): a text
 * that shows a picture was saved after the picture was uploaded, so only texts saved since `since`
 * are read — one pass over a month's saves, not over every post of a city. Their rows are deleted
 * here; platform/files/orphans.ts then removes their files. Housekeeping, as the import clean-up:
 * the upload itself was audited (openness.image_uploaded), nobody's record changes.
 */
export async function deleteUnsavedImages(db: Db, w: { since: Date; before: Date }): Promise<string[]> {
  const { rows } = await db.execute<{ file_key: string; thumb_key: string }>(sql`
    with shown as (
      select m[1] as token
        from posts p, regexp_matches(p.body, '/api/v1/public/images/([0-9a-f]{32})', 'g') m
       where p.updated_at >= ${w.since}
      union
      select m[1]
        from org_pages g, regexp_matches(g.introduction, '/api/v1/public/images/([0-9a-f]{32})', 'g') m
       where g.updated_at >= ${w.since}
    )
    delete from openness_images i
     where i.created_at >= ${w.since} and i.created_at < ${w.before}
       and not exists (select 1 from posts p where p.cover_image_id = i.id and p.updated_at >= ${w.since})
       and not exists (select 1 from shown s where s.token = i.token)
    returning i.file_key, i.thumb_key`);
  return rows.flatMap((r) => [r.file_key, r.thumb_key]);
}

/** The files of org pages (the manifest's `files`): pictures, album photos, posts' attachments. */
export const opennessFiles: FileUse[] = [
  {
    prefix: 'openness-images',
    keptIn: [opennessImages.fileKey, opennessImages.thumbKey, albumPhotos.fileKey, albumPhotos.thumbKey],
    unsaved: deleteUnsavedImages,
  },
  { prefix: 'openness-attachments', keptIn: [postAttachments.fileKey] },
];
