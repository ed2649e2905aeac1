import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { members } from '../schema.ts';
import { refuseLeft } from '../standing/guard.ts';
import { loadMember, recordHistory } from './store.ts';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** What the bytes are, by their signature, not by the name or type the browser claims. */
export function photoKind(body: Buffer): 'jpg' | 'png' | null {
  if (body.length > 3 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'jpg';
  if (
    body.length > 8 &&
    body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  return null;
}

/** A member's photo (证件照): JPEG or PNG up to 2 MB; the record's photo rate counts it. */
export async function setPhoto(ctx: Ctx, id: number, body: Buffer) {
  const kind = photoKind(body);
  if (!kind) {
    throw new AppError(
      400,
      'invalid_photo',
      { zh: 'photo：照片须为 JPG 或 PNG 图片', en: 'photo: must be a JPG or PNG image' },
      [{ path: 'photo', message: '照片须为 JPG 或 PNG 图片', messageEn: 'must be a JPG or PNG image' }],
    );
  }
  const { m, orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.manage', orgPath);
  refuseLeft(m);
  const store = fileStore(ctx.config);
  const { key } = await store.put(newFileKey('member-photos', kind, ctx.now()), body);
  await inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    await tx
      .update(members)
      .set({ photo: key, recordUpdatedAt: now, updatedAt: now })
      .where(eq(members.id, id));
    await recordHistory(tx, ctx, id, 'edit', { photo: [m.photo ? '已有照片' : null, '已上传新照片'] });
    await recordAudit(tx, ctx, {
      action: 'member.photo_set',
      targetType: 'member',
      targetId: id,
      orgId: m.orgId,
      orgPath,
    });
  });
}

/** The photo to show: the stored file, or for demo records a drawn placeholder with the surname. */
export async function getPhoto(ctx: Ctx, id: number): Promise<{ type: string; body: Readable | string }> {
  const { m, orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.view', orgPath);
  if (!m.photo) throw notFound({ zh: '照片', en: 'Photo' });
  if (m.photo === 'demo') {
    const surname = m.name.slice(0, 1).replace(/[<>&]/g, '');
    return {
      type: 'image/svg+xml',
      body: `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320" viewBox="0 0 240 320"><rect width="240" height="320" fill="#e8eef5"/><circle cx="120" cy="120" r="64" fill="#c9d6e3"/><rect x="40" y="200" width="160" height="120" rx="60" fill="#c9d6e3"/><text x="120" y="140" font-size="56" text-anchor="middle" fill="#5a6b7d" font-family="sans-serif">${surname}</text></svg>`,
    };
  }
  return {
    type: m.photo.endsWith('.png') ? 'image/png' : 'image/jpeg',
    body: await fileStore(ctx.config).get(m.photo),
  };
}
