import type { Readable } from 'node:stream';
import { and, count, eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  PoolListQuery,
  SaveTrainingBase,
  TrainingBase,
} from '../../../../../contracts/learning/pool.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { trainingBasePhotos, trainingBases } from '../schema.ts';
import { poolVisibleWhere } from './policy.ts';
import { presentBase } from './present.ts';
import {
  type BaseRow,
  baseFor,
  basePhoneEnc,
  basePhoneOf,
  nextId,
  orgNamesOf,
  photoOf,
  photosOf,
} from './store.ts';

/** Nine photos a base: the gate, the exhibition hall, the classroom. */
export const MAX_BASE_PHOTOS = 9;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

async function present(ctx: Ctx, db: Queryable, rows: BaseRow[]): Promise<TrainingBase[]> {
  const names = await orgNamesOf(
    db,
    rows.map((b) => b.orgId),
  );
  const photos = await photosOf(
    db,
    rows.map((b) => b.id),
  );
  return rows.map((b) => presentBase(ctx.actor, ctx.pii, b, names.get(b.orgId) ?? '', photos));
}

/** 教育基地: those the caller may see (policy.ts), searched by name or theme. */
export async function listBases(ctx: Ctx, q: z.infer<typeof PoolListQuery>): Promise<Page<TrainingBase>> {
  const scope = await listScope(ctx, 'pool.view', q.orgId);
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    poolVisibleWhere(scope.paths, trainingBases.orgPath, trainingBases.shared),
    like
      ? or(
          sql`${trainingBases.name} ilike ${like}`,
          sql`${trainingBases.address} ilike ${like}`,
          sql`exists (select 1 from unnest(${trainingBases.themes}) t where t ilike ${like})`,
        )
      : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(trainingBases)
        .where(where)
        .orderBy(trainingBases.orgPath, trainingBases.name, trainingBases.id)
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(trainingBases).where(where),
  });
  return { ...page, items: await present(ctx, ctx.db, page.items) };
}

export async function readBase(ctx: Ctx, id: number): Promise<TrainingBase> {
  const b = await baseFor(ctx, ctx.db, id, 'pool.view');
  return (await present(ctx, ctx.db, [b]))[0];
}

const fields = (x: Omit<SaveTrainingBase, 'orgId' | 'contactPhone'>) => ({
  shared: x.shared,
  name: x.name,
  address: x.address,
  capacity: x.capacity,
  themes: x.themes,
  contactName: x.contactName,
  intro: x.intro,
});

async function keeperOf(ctx: Ctx, orgId: string) {
  const org = await findOrg(ctx.db, Number(orgId));
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'no such org' });
  authorize(actorOf(ctx), 'pool.manage', org.path, {
    zh: '无权在该党组织下维护教育基地：不在您的管理范围内',
    en: 'You may not keep records for this org: it is outside your scope',
  });
  return org;
}

export async function createBase(ctx: Ctx, input: SaveTrainingBase): Promise<TrainingBase> {
  const org = await keeperOf(ctx, input.orgId);
  return inTransaction(ctx.db, async (tx) => {
    const id = await nextId(tx, 'training_bases');
    const now = ctx.now();
    const [b] = await tx
      .insert(trainingBases)
      .values({
        id,
        orgId: org.id,
        orgPath: org.path,
        ...fields(input),
        contactPhoneEnc: basePhoneEnc(ctx.pii, id, input.contactPhone ?? null),
        createdBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training_base.created',
      targetType: 'training_base',
      targetId: id,
      orgId: org.id,
      orgPath: org.path,
      after: { ...fields(input), contactPhone: input.contactPhone != null },
    });
    return (await present(ctx, tx, [b]))[0];
  });
}

export async function editBase(ctx: Ctx, id: number, input: SaveTrainingBase): Promise<TrainingBase> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await baseFor(ctx, tx, id, 'pool.manage', true);
    const org = before.orgId === Number(input.orgId) ? null : await keeperOf(ctx, input.orgId);
    const [b] = await tx
      .update(trainingBases)
      .set({
        ...fields(input),
        ...(org ? { orgId: org.id, orgPath: org.path } : {}),
        ...(input.contactPhone === undefined
          ? {}
          : { contactPhoneEnc: basePhoneEnc(ctx.pii, id, input.contactPhone) }),
        updatedAt: ctx.now(),
      })
      .where(eq(trainingBases.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training_base.edited',
      targetType: 'training_base',
      targetId: id,
      orgId: b.orgId,
      orgPath: b.orgPath,
      before: { ...fields(before), orgId: before.orgId },
      after: {
        ...fields(input),
        orgId: b.orgId,
        contactPhoneChanged:
          input.contactPhone !== undefined && basePhoneOf(ctx.pii, before) !== input.contactPhone,
      },
    });
    return (await present(ctx, tx, [b]))[0];
  });
}

export async function revealBasePhone(ctx: Ctx, id: number) {
  const b = await baseFor(ctx, ctx.db, id, 'pool.reveal_pii');
  await recordAudit(ctx.db, ctx, {
    action: 'training_base.pii_viewed',
    targetType: 'training_base',
    targetId: id,
    orgId: b.orgId,
    orgPath: b.orgPath,
  });
  return { phone: basePhoneOf(ctx.pii, b) };
}

/**
 * 上传照片: checked from its bytes (a text file named .jpg is refused, naming `file`) and
 * re-encoded without its metadata (platform/files/images.ts), written before the row.
 */
export async function addBasePhoto(ctx: Ctx, id: number, upload: { body: Buffer }): Promise<TrainingBase> {
  await baseFor(ctx, ctx.db, id, 'pool.manage');
  const img = await storeImage(ctx.config, ctx.now(), 'base-photos', upload.body, 'file');
  return inTransaction(ctx.db, async (tx) => {
    const b = await baseFor(ctx, tx, id, 'pool.manage', true);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(trainingBasePhotos)
      .where(eq(trainingBasePhotos.baseId, id));
    if (n >= MAX_BASE_PHOTOS)
      throw conflict('too_many_photos', {
        zh: `每个教育基地最多 ${MAX_BASE_PHOTOS} 张照片`,
        en: `at most ${MAX_BASE_PHOTOS} photos a base`,
      });
    const [p] = await tx
      .insert(trainingBasePhotos)
      .values({ baseId: id, ...img, uploadedBy: actorOf(ctx).userId, createdAt: ctx.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training_base.photo_added',
      targetType: 'training_base',
      targetId: id,
      orgId: b.orgId,
      orgPath: b.orgPath,
      after: { photoId: p.id, size: p.size },
    });
    return (await present(ctx, tx, [b]))[0];
  });
}

export async function removeBasePhoto(ctx: Ctx, id: number, photoId: number): Promise<TrainingBase> {
  const done = await inTransaction(ctx.db, async (tx) => {
    const b = await baseFor(ctx, tx, id, 'pool.manage', true);
    const p = await photoOf(tx, id, photoId);
    await tx.delete(trainingBasePhotos).where(eq(trainingBasePhotos.id, p.id));
    await recordAudit(tx, ctx, {
      action: 'training_base.photo_removed',
      targetType: 'training_base',
      targetId: id,
      orgId: b.orgId,
      orgPath: b.orgPath,
      before: { photoId: p.id },
    });
    return { p, view: (await present(ctx, tx, [b]))[0] };
  });
  // the files go once no row names them
  const store = fileStore(ctx.config);
  await store.remove(done.p.fileKey);
  await store.remove(done.p.thumbKey);
  return done.view;
}

export async function readBasePhoto(
  ctx: Ctx,
  id: number,
  photoId: number,
  size: 'thumb' | 'full',
): Promise<Readable> {
  await baseFor(ctx, ctx.db, id, 'pool.view');
  const p = await photoOf(ctx.db, id, photoId);
  return fileStore(ctx.config).get(size === 'thumb' ? p.thumbKey : p.fileKey);
}
