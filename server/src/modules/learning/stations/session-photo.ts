import { eq } from 'drizzle-orm';
import type { StationSession } from '../../../../../contracts/learning/stations.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { stationSessions } from '../schema.ts';
import { sessionFor, sessionView } from './list-sessions.ts';
import { authorizeOperate } from './policy.ts';
import { staffOf } from './store.ts';

/**
 * 现场照片: one photo of a session (the room, the screen), taken by the operator's phone; a new one
 * replaces it. Checked from its bytes and re-encoded without its metadata, written before the row.
 */
export async function setSessionPhoto(
  ctx: Ctx,
  id: number,
  upload: { body: Buffer },
): Promise<StationSession> {
  const x = await sessionFor(ctx, ctx.db, id, 'station.operate');
  const staff = await staffOf(ctx.db, [x.r.stationId]);
  authorizeOperate(
    actorOf(ctx),
    { orgPath: x.orgPath },
    staff.map((s) => s.userId),
  );
  if (x.r.withdrawnAt)
    throw conflict('session_withdrawn', {
      zh: '该集中学习记录已撤销，不能再上传照片',
      en: 'This session has been withdrawn',
    });
  const img = await storeImage(ctx.config, ctx.now(), 'station-photos', upload.body, 'file');
  const { view, old } = await inTransaction(ctx.db, async (tx) => {
    const [old] = await tx.select().from(stationSessions).where(eq(stationSessions.id, id)).for('update');
    await tx
      .update(stationSessions)
      .set({ photoKey: img.fileKey, photoThumbKey: img.thumbKey })
      .where(eq(stationSessions.id, id));
    await recordAudit(tx, ctx, {
      action: 'station.session_photo',
      targetType: 'station_session',
      targetId: id,
      orgId: x.orgId,
      orgPath: x.orgPath,
      after: { size: img.size, replaced: old.photoKey != null },
    });
    return { view: await sessionView(ctx, tx, id), old };
  });
  // the photo it replaced goes once the row names the new one
  if (old.photoKey) await fileStore(ctx.config).remove(old.photoKey);
  if (old.photoThumbKey) await fileStore(ctx.config).remove(old.photoThumbKey);
  return view;
}
