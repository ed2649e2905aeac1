import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  Lecture,
  PoolListQuery,
  SaveTeacher,
  Teacher,
  TeacherDetail,
} from '../../../../../contracts/learning/pool.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { lectureRatings, lectures, teachers } from '../schema.ts';
import { poolVisibleWhere } from './policy.ts';
import { presentTeacher } from './present.ts';
import { averageOf } from './rules.ts';
import {
  nextId,
  orgNamesOf,
  type TeacherRow,
  teacherFigures,
  teacherFor,
  teacherPhoneEnc,
  teacherPhoneOf,
} from './store.ts';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

async function present(ctx: Ctx, db: Queryable, rows: TeacherRow[]): Promise<Teacher[]> {
  const names = await orgNamesOf(
    db,
    rows.map((t) => t.orgId),
  );
  const figures = await teacherFigures(
    db,
    rows.map((t) => t.id),
  );
  return rows.map((t) => presentTeacher(ctx.actor, ctx.pii, t, names.get(t.orgId) ?? '', figures.get(t.id)));
}

/** 师资库: the teachers the caller may see (policy.ts), searched by name or topic, by name. */
export async function listTeachers(ctx: Ctx, q: z.infer<typeof PoolListQuery>): Promise<Page<Teacher>> {
  const scope = await listScope(ctx, 'pool.view', q.orgId);
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    poolVisibleWhere(scope.paths, teachers.orgPath, teachers.shared),
    like
      ? or(
          sql`${teachers.name} ilike ${like}`,
          sql`${teachers.unit} ilike ${like}`,
          sql`exists (select 1 from unnest(${teachers.topics}) t where t ilike ${like})`,
        )
      : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(teachers)
        .where(where)
        .orderBy(teachers.orgPath, teachers.name, teachers.id)
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(teachers).where(where),
  });
  return { ...page, items: await present(ctx, ctx.db, page.items) };
}

/**
 * A teacher's card with their lectures (those of orgs in the caller's scope, newest first), each
 * with its ratings and the comments raters wrote — without the raters' names.
 */
export async function readTeacher(ctx: Ctx, id: number): Promise<TeacherDetail> {
  const t = await teacherFor(ctx, ctx.db, id, 'pool.view');
  const [card] = await present(ctx, ctx.db, [t]);
  const scope = await listScope(ctx, 'pool.view');
  const rows = await ctx.db
    .select({ l: lectures, orgName: orgs.name })
    .from(lectures)
    .innerJoin(orgs, eq(orgs.id, lectures.orgId))
    .where(and(eq(lectures.teacherId, id), scope.covers(lectures.orgPath)))
    .orderBy(desc(lectures.lecturedOn), desc(lectures.id))
    .limit(200);
  const ids = rows.map((r) => r.l.id);
  const ratings = ids.length
    ? await ctx.db
        .select()
        .from(lectureRatings)
        .where(inArray(lectureRatings.lectureId, ids))
        .orderBy(desc(lectureRatings.ratedAt))
    : [];
  const list: Lecture[] = rows.map(({ l, orgName }) => {
    const mine = ratings.filter((r) => r.lectureId === l.id);
    return {
      id: String(l.id),
      teacherId: String(t.id),
      teacherName: t.name,
      orgId: String(l.orgId),
      orgName,
      lecturedOn: l.lecturedOn,
      topic: l.topic,
      attendeeCount: l.attendeeCount,
      rating: {
        average: averageOf(
          mine.reduce((s, r) => s + r.stars, 0),
          mine.length,
        ),
        count: mine.length,
      },
      comments: mine
        .filter((r) => r.comment)
        .map((r) => ({ stars: r.stars, comment: r.comment, ratedAt: r.ratedAt.toISOString() })),
    };
  });
  return { ...card, lectures: list };
}

const fields = (input: Pick<SaveTeacher, 'shared' | 'name' | 'unit' | 'title' | 'topics' | 'intro'>) => ({
  shared: input.shared,
  name: input.name,
  unit: input.unit,
  title: input.title,
  topics: input.topics,
  intro: input.intro,
});

async function keeperOf(ctx: Ctx, orgId: string) {
  const org = await findOrg(ctx.db, Number(orgId));
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'no such org' });
  authorize(actorOf(ctx), 'pool.manage', org.path, {
    zh: '无权在该党组织下维护师资库：不在您的管理范围内',
    en: 'You may not keep records for this org: it is outside your scope',
  });
  return org;
}

/** 新增师资: kept by an org of the caller's scope; the phone encrypted, bound to the new row. */
export async function createTeacher(ctx: Ctx, input: SaveTeacher): Promise<Teacher> {
  const org = await keeperOf(ctx, input.orgId);
  return inTransaction(ctx.db, async (tx) => {
    const id = await nextId(tx, 'teachers');
    const now = ctx.now();
    const [t] = await tx
      .insert(teachers)
      .values({
        id,
        orgId: org.id,
        orgPath: org.path,
        ...fields(input),
        phoneEnc: teacherPhoneEnc(ctx.pii, id, input.phone ?? null),
        createdBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'teacher.created',
      targetType: 'teacher',
      targetId: id,
      orgId: org.id,
      orgPath: org.path,
      // the phone is personal data: the log says only whether there is one
      after: { ...fields(input), phone: input.phone != null },
    });
    return (await present(ctx, tx, [t]))[0];
  });
}

/** 修改师资: the same fields; the keeping org may move within the caller's scope. */
export async function editTeacher(ctx: Ctx, id: number, input: SaveTeacher): Promise<Teacher> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await teacherFor(ctx, tx, id, 'pool.manage', true);
    const org = before.orgId === Number(input.orgId) ? null : await keeperOf(ctx, input.orgId);
    const [t] = await tx
      .update(teachers)
      .set({
        ...fields(input),
        ...(org ? { orgId: org.id, orgPath: org.path } : {}),
        ...(input.phone === undefined ? {} : { phoneEnc: teacherPhoneEnc(ctx.pii, id, input.phone) }),
        updatedAt: ctx.now(),
      })
      .where(eq(teachers.id, id))
      .returning();
    if (!t) throw notFound({ zh: '师资', en: 'Teacher' });
    const phoneChanged = input.phone !== undefined && teacherPhoneOf(ctx.pii, before) !== input.phone;
    await recordAudit(tx, ctx, {
      action: 'teacher.edited',
      targetType: 'teacher',
      targetId: id,
      orgId: t.orgId,
      orgPath: t.orgPath,
      before: { ...fields(before), orgId: before.orgId },
      after: { ...fields(input), orgId: t.orgId, phoneChanged },
    });
    return (await present(ctx, tx, [t]))[0];
  });
}

/** The full phone: its own permission over what one may see, and every look is written to the audit log. */
export async function revealTeacherPhone(ctx: Ctx, id: number) {
  const t = await teacherFor(ctx, ctx.db, id, 'pool.reveal_pii');
  await recordAudit(ctx.db, ctx, {
    action: 'teacher.pii_viewed',
    targetType: 'teacher',
    targetId: id,
    orgId: t.orgId,
    orgPath: t.orgPath,
  });
  return { phone: teacherPhoneOf(ctx.pii, t) };
}
