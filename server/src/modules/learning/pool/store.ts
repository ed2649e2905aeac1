import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { bind, type Pii } from '../../../platform/pii/index.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { lectureRatings, lectures, teachers, trainingBasePhotos, trainingBases } from '../schema.ts';
import { maySeePool } from './policy.ts';
import { averageOf } from './rules.ts';

export type TeacherRow = typeof teachers.$inferSelect;
export type BaseRow = typeof trainingBases.$inferSelect;
export type PhotoRow = typeof trainingBasePhotos.$inferSelect;

export const TEACHER = { zh: '师资', en: 'Teacher' };
export const BASE = { zh: '教育基地', en: 'Training base' };
export const LECTURE = { zh: '授课记录', en: 'Lecture' };

const outside = {
  zh: '无权访问：该记录所属党组织不在您的管理范围内',
  en: 'Access denied: this record is outside your scope',
};

/**
 * The record, after checking the actor may act on it: `pool.manage` only over its keeper's subtree,
 * seeing (and revealing) also when it is shared from above (policy.ts). 404 when there is none.
 */
function checked<T extends { orgPath: string; shared: boolean }>(ctx: Ctx, row: T, action: string): T {
  const actor = actorOf(ctx);
  const ok =
    action === 'pool.manage'
      ? maySeePool(actor, action, { ...row, shared: false })
      : maySeePool(actor, action, row);
  if (!ok) throw forbidden(outside);
  return row;
}

export async function teacherFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const q = db.select().from(teachers).where(eq(teachers.id, id));
  const [t] = lock ? await q.for('update') : await q;
  if (!t) throw notFound(TEACHER);
  return checked(ctx, t, action);
}

export async function baseFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const q = db.select().from(trainingBases).where(eq(trainingBases.id, id));
  const [b] = lock ? await q.for('update') : await q;
  if (!b) throw notFound(BASE);
  return checked(ctx, b, action);
}

// personal data: ciphertext bound to its table, column and row, as members' phones are
export const teacherPhoneEnc = (pii: Pii, id: number, phone: string | null) =>
  phone ? pii.encrypt(phone, bind('teachers', 'phone', id)) : null;
export const teacherPhoneOf = (pii: Pii, t: Pick<TeacherRow, 'id' | 'phoneEnc'>) =>
  t.phoneEnc ? pii.decrypt(t.phoneEnc, bind('teachers', 'phone', t.id)) : null;
export const basePhoneEnc = (pii: Pii, id: number, phone: string | null) =>
  phone ? pii.encrypt(phone, bind('training_bases', 'contact_phone', id)) : null;
export const basePhoneOf = (pii: Pii, b: Pick<BaseRow, 'id' | 'contactPhoneEnc'>) =>
  b.contactPhoneEnc ? pii.decrypt(b.contactPhoneEnc, bind('training_bases', 'contact_phone', b.id)) : null;

/** The next id of a table's sequence: the ciphertext is bound to the row before it is written. */
export async function nextId(db: Queryable, table: 'teachers' | 'training_bases'): Promise<number> {
  const { rows } = await db.execute<{ id: string }>(
    sql`select nextval(pg_get_serial_sequence(${table}, 'id')) as id`,
  );
  return Number(rows[0].id);
}

export async function orgNamesOf(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unique));
  return new Map(rows.map((o) => [o.id, o.name]));
}

export type RatingFigures = { average: number | null; count: number };

/** Each teacher's ratings over all their lectures, and how many lectures they gave. */
export async function teacherFigures(db: Queryable, ids: readonly number[]) {
  const out = new Map<number, { rating: RatingFigures; lectures: number }>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      id: lectures.teacherId,
      lectures: sql<number>`count(distinct ${lectures.id})::int`,
      sum: sql<number>`coalesce(sum(${lectureRatings.stars}), 0)::int`,
      count: sql<number>`count(${lectureRatings.stars})::int`,
    })
    .from(lectures)
    .leftJoin(lectureRatings, eq(lectureRatings.lectureId, lectures.id))
    .where(inArray(lectures.teacherId, [...ids]))
    .groupBy(lectures.teacherId);
  for (const r of rows)
    out.set(r.id, { rating: { average: averageOf(r.sum, r.count), count: r.count }, lectures: r.lectures });
  return out;
}

export async function photosOf(db: Queryable, baseIds: readonly number[]): Promise<PhotoRow[]> {
  if (!baseIds.length) return [];
  return db
    .select()
    .from(trainingBasePhotos)
    .where(inArray(trainingBasePhotos.baseId, [...baseIds]))
    .orderBy(trainingBasePhotos.baseId, trainingBasePhotos.id);
}

export async function photoOf(db: Queryable, baseId: number, photoId: number): Promise<PhotoRow> {
  const [p] = await db
    .select()
    .from(trainingBasePhotos)
    .where(and(eq(trainingBasePhotos.id, photoId), eq(trainingBasePhotos.baseId, baseId)));
  if (!p) throw notFound({ zh: '照片', en: 'Photo' });
  return p;
}
