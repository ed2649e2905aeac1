import type { Readable } from 'node:stream';
import { and, count, eq } from 'drizzle-orm';
import type { OfflineStudy } from '../../../../../contracts/learning/offline.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { offlineStudyPhotos } from '../schema.ts';
import { studyView } from './list-studies.ts';
import { type OfflineState, refusedInState } from './rules.ts';
import { studyFor } from './store.ts';

/** Nine photos a session: the scene, the sign-in sheet; the superior looks at them before approving. */
export const MAX_PHOTOS = 9;
const PHOTO = { zh: '照片', en: 'Photo' };

/**
 * 上传照片: while the session can still be changed (a draft, or returned), since what the superior
 * approved is what it saw. The picture is checked from its bytes and re-encoded without its
 * metadata (platform/files/images.ts), written before the row.
 */
export async function addPhoto(ctx: Ctx, id: number, upload: { body: Buffer }): Promise<OfflineStudy> {
  const first = await studyFor(ctx, ctx.db, id, 'offline_study.record');
  const refused = refusedInState(first.state as OfflineState, 'edit');
  if (refused) throw conflict('offline_state', refused);
  const img = await storeImage(ctx.config, ctx.now(), 'offline-photos', upload.body, 'file');
  return inTransaction(ctx.db, async (tx) => {
    const s = await studyFor(ctx, tx, id, 'offline_study.record', true);
    const again = refusedInState(s.state as OfflineState, 'edit');
    if (again) throw conflict('offline_state', again);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(offlineStudyPhotos)
      .where(eq(offlineStudyPhotos.studyId, id));
    if (n >= MAX_PHOTOS)
      throw conflict('too_many_photos', {
        zh: `每次线下学习最多 ${MAX_PHOTOS} 张照片`,
        en: `at most ${MAX_PHOTOS} photos a session`,
      });
    const [p] = await tx
      .insert(offlineStudyPhotos)
      .values({ studyId: id, ...img, uploadedBy: actorOf(ctx).userId, createdAt: ctx.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'offline_study.photo_added',
      targetType: 'offline_study',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      after: { photoId: p.id, size: p.size },
    });
    return studyView(ctx, tx, s);
  });
}

export async function removePhoto(ctx: Ctx, id: number, photoId: number): Promise<OfflineStudy> {
  const done = await inTransaction(ctx.db, async (tx) => {
    const s = await studyFor(ctx, tx, id, 'offline_study.record', true);
    const refused = refusedInState(s.state as OfflineState, 'edit');
    if (refused) throw conflict('offline_state', refused);
    const [p] = await tx
      .delete(offlineStudyPhotos)
      .where(and(eq(offlineStudyPhotos.id, photoId), eq(offlineStudyPhotos.studyId, id)))
      .returning();
    if (!p) throw notFound(PHOTO);
    await recordAudit(tx, ctx, {
      action: 'offline_study.photo_removed',
      targetType: 'offline_study',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { photoId: p.id },
    });
    return { p, view: await studyView(ctx, tx, s) };
  });
  const store = fileStore(ctx.config);
  await store.remove(done.p.fileKey);
  await store.remove(done.p.thumbKey);
  return done.view;
}

/** A photo (or its thumbnail), for whoever may see the session — the superior deciding it too. */
export async function readPhoto(
  ctx: Ctx,
  id: number,
  photoId: number,
  size: 'thumb' | 'full' = 'full',
): Promise<Readable> {
  await studyFor(ctx, ctx.db, id, 'offline_study.view');
  const [p] = await ctx.db
    .select()
    .from(offlineStudyPhotos)
    .where(and(eq(offlineStudyPhotos.id, photoId), eq(offlineStudyPhotos.studyId, id)));
  if (!p) throw notFound(PHOTO);
  return fileStore(ctx.config).get(size === 'thumb' ? p.thumbKey : p.fileKey);
}
