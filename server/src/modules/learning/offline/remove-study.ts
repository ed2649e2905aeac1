import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { offlineStudies } from '../schema.ts';
import { type OfflineState, refusedInState } from './rules.ts';
import { photosOf, studyFor } from './store.ts';

/** 删除草稿: a draft never submitted goes, with its attendees and photos; anything submitted stays. */
export async function removeStudy(ctx: Ctx, id: number): Promise<{ ok: true }> {
  const photos = await inTransaction(ctx.db, async (tx) => {
    const s = await studyFor(ctx, tx, id, 'offline_study.record', true);
    const refused = refusedInState(s.state as OfflineState, 'remove');
    if (refused) throw conflict('offline_state', refused);
    const photos = await photosOf(tx, id);
    await tx.delete(offlineStudies).where(eq(offlineStudies.id, id));
    await recordAudit(tx, ctx, {
      action: 'offline_study.removed',
      targetType: 'offline_study',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { topic: s.topic, studiedOn: s.studiedOn, minutes: s.minutes, photos: photos.length },
    });
    return photos;
  });
  // the files go once the rows are gone for good
  const store = fileStore(ctx.config);
  for (const p of photos) {
    await store.remove(p.fileKey);
    await store.remove(p.thumbKey);
  }
  return { ok: true };
}
