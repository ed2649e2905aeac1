import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Album,
  AlbumListQuery,
  CreateAlbum,
  EditAlbum,
} from '../../../../../contracts/openness/albums.ts';
import type { Queryable } from '../../../db/client.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { diff, recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { processImage } from '../images/process-image.ts';
import { readsMembersOnly } from '../page/policy.ts';
import { albumPhotos, albums } from '../schema.ts';
import { albumAbilities } from './policy.ts';
import { presentAlbum, presentAlbumSummary, presentPhoto } from './present.ts';
import { albumHasRoom, cleanCaption, MAX_ALBUM_PHOTOS } from './rules.ts';

const ALBUM = { zh: '相册', en: 'Album' };

async function loadAlbum(db: Queryable, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select({ a: albums, orgName: orgs.name, orgPath: orgs.path })
    .from(albums)
    .innerJoin(orgs, eq(orgs.id, albums.orgId))
    .where(eq(albums.id, id));
  const [row] = opts.forUpdate ? await q.for('update', { of: albums }) : await q;
  if (!row) throw notFound(ALBUM);
  return row;
}

const photosOf = (db: Queryable, albumId: number) =>
  db.select().from(albumPhotos).where(eq(albumPhotos.albumId, albumId)).orderBy(albumPhotos.id);

/** 新建相册. */
export async function createAlbum(ctx: Ctx, input: z.infer<typeof CreateAlbum>): Promise<Album> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const org = await findOrg(tx, Number(input.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'openness.manage', org.path);
    const now = ctx.now();
    const [row] = await tx
      .insert(albums)
      .values({
        orgId: org.id,
        title: input.title,
        description: input.description || null,
        visibility: input.visibility,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'openness.album_created',
      targetType: 'album',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: { title: row.title, visibility: row.visibility },
    });
    return presentAlbum(row, org.name, [], albumAbilities(actor, org.path));
  });
}

export async function editAlbum(ctx: Ctx, id: number, input: z.infer<typeof EditAlbum>): Promise<Album> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { a, orgName, orgPath } = await loadAlbum(tx, id, { forUpdate: true });
    authorize(actor, 'openness.manage', orgPath);
    const [row] = await tx
      .update(albums)
      .set({
        title: input.title ?? a.title,
        description: input.description === undefined ? a.description : input.description || null,
        visibility: input.visibility ?? a.visibility,
        updatedAt: ctx.now(),
      })
      .where(eq(albums.id, id))
      .returning();
    const pick = (r: typeof a) => ({ title: r.title, description: r.description, visibility: r.visibility });
    await recordAudit(tx, ctx, {
      action: 'openness.album_edited',
      targetType: 'album',
      targetId: id,
      orgId: a.orgId,
      orgPath,
      ...diff(pick(a), pick(row)),
    });
    return presentAlbum(row, orgName, await photosOf(tx, id), albumAbilities(actor, orgPath));
  });
}

/** The albums of the orgs the caller keeps (or of one org), latest first. */
export async function listAlbums(ctx: Ctx, q: z.infer<typeof AlbumListQuery>) {
  const actor = actorOf(ctx);
  const scope = await listScope(ctx, 'openness.manage', q.orgId);
  const where = scope.org ? eq(albums.orgId, scope.org.id) : scope.covers(orgs.path);
  const page = await paginate(q, {
    count: () =>
      ctx.db.select({ n: count() }).from(albums).innerJoin(orgs, eq(orgs.id, albums.orgId)).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select({
          a: albums,
          orgName: orgs.name,
          orgPath: orgs.path,
          photoCount: sql<number>`(select count(*)::int from album_photos ph where ph.album_id = ${albums.id})`,
          // the first photo is the cover: one look-up in the same statement, not one query an album
          cover: sql<{
            id: number;
            token: string;
            width: number;
            height: number;
          } | null>`(select json_build_object('id', ph.id, 'token', ph.token, 'width', ph.width, 'height', ph.height, 'caption', ph.caption)
              from album_photos ph where ph.album_id = ${albums.id} order by ph.id limit 1)`,
        })
        .from(albums)
        .innerJoin(orgs, eq(orgs.id, albums.orgId))
        .where(where)
        .orderBy(desc(albums.updatedAt), desc(albums.id))
        .limit(limit)
        .offset(offset),
  });
  return {
    ...page,
    items: page.items.map((r) => ({
      ...presentAlbumSummary(r.a, r.photoCount, r.cover),
      orgName: r.orgName,
      can: albumAbilities(actor, r.orgPath),
    })),
  };
}

/**
 * One album with its photos: anyone reads a public one (`anyone`: the public route), the members
 * of the org's subtree and its admins a members-only one.
 */
export async function readAlbum(ctx: Ctx, id: number, anyone: boolean): Promise<Album> {
  const { a, orgName, orgPath } = await loadAlbum(ctx.db, id);
  if (a.visibility !== 'public') {
    if (anyone) throw notFound(ALBUM);
    if (!readsMembersOnly(ctx.actor, orgPath))
      throw forbidden({
        zh: '该相册仅对本组织党员公开',
        en: 'This album is for the organization’s members only',
      });
  }
  return presentAlbum(
    a,
    orgName,
    await photosOf(ctx.db, id),
    anyone ? { edit: false } : albumAbilities(ctx.actor, orgPath),
  );
}

/** 上传照片 to an album: checked, resized into the display size and a thumbnail, stripped of metadata. */
export async function addPhoto(ctx: Ctx, albumId: number, file: { body: Buffer; caption?: string }) {
  const actor = actorOf(ctx);
  const { orgPath } = await loadAlbum(ctx.db, albumId);
  authorize(actor, 'openness.manage', orgPath);
  const img = await processImage(ctx, file.body, 'photo');
  return inTransaction(ctx.db, async (tx) => {
    const { a } = await loadAlbum(tx, albumId, { forUpdate: true });
    const [{ n }] = await tx.select({ n: count() }).from(albumPhotos).where(eq(albumPhotos.albumId, albumId));
    if (!albumHasRoom(n))
      throw conflict('album_full', {
        zh: `一个相册最多 ${MAX_ALBUM_PHOTOS} 张照片，请新建一个相册`,
        en: `an album holds at most ${MAX_ALBUM_PHOTOS} photos; start another`,
      });
    const now = ctx.now();
    const [row] = await tx
      .insert(albumPhotos)
      .values({
        albumId,
        ...img,
        caption: cleanCaption(file.caption),
        uploadedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await tx.update(albums).set({ updatedAt: now }).where(eq(albums.id, albumId));
    await recordAudit(tx, ctx, {
      action: 'openness.photo_added',
      targetType: 'album',
      targetId: albumId,
      orgId: a.orgId,
      orgPath,
      after: { photoId: row.id, caption: row.caption },
    });
    return presentPhoto(row);
  });
}

/** Takes a photo out of an album (its files stay on disk until the store is cleaned; the row goes). */
export async function removePhoto(ctx: Ctx, albumId: number, photoId: number) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const { a, orgPath } = await loadAlbum(tx, albumId, { forUpdate: true });
    authorize(actor, 'openness.manage', orgPath);
    const [gone] = await tx
      .delete(albumPhotos)
      .where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.albumId, albumId)))
      .returning();
    if (!gone) throw notFound({ zh: '照片', en: 'Photo' });
    await tx.update(albums).set({ updatedAt: ctx.now() }).where(eq(albums.id, albumId));
    await recordAudit(tx, ctx, {
      action: 'openness.photo_removed',
      targetType: 'album',
      targetId: albumId,
      orgId: a.orgId,
      orgPath,
      before: { photoId: gone.id, caption: gone.caption },
    });
  });
  return { ok: true as const };
}
