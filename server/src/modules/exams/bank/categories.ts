import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  EditQuestionCategory,
  QuestionCategoryList,
  QuestionCategoryQuery,
  WriteQuestionCategory,
} from '../../../../../contracts/exams/bank.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { questionCategories, questions } from '../schema.ts';
import { bankVisibleWhere } from './policy.ts';
import { presentCategory } from './present.ts';
import { type CategoryRow, categoryFor, orgNamesOf } from './store.ts';

/** 题库分类: the trees the caller sees (their subtree's banks and the department's), by org then name. */
export async function listCategories(
  ctx: Ctx,
  q: z.infer<typeof QuestionCategoryQuery>,
): Promise<QuestionCategoryList> {
  const scope = await listScope(ctx, 'question.view', q.orgId);
  const rows = await ctx.db
    .select()
    .from(questionCategories)
    .where(bankVisibleWhere(scope.paths, questionCategories.orgPath))
    .orderBy(questionCategories.orgPath, questionCategories.name, questionCategories.id)
    .limit(5000);
  return { items: await presentCategories(ctx, ctx.db, rows) };
}

async function presentCategories(ctx: Ctx, db: Queryable, rows: CategoryRow[]) {
  const names = await orgNamesOf(
    db,
    rows.map((c) => c.orgId),
  );
  const ids = rows.map((c) => c.id);
  const counts = ids.length
    ? await db
        .select({ id: questions.categoryId, n: sql<number>`count(*)::int` })
        .from(questions)
        .where(and(inArray(questions.categoryId, ids), eq(questions.status, 'active')))
        .groupBy(questions.categoryId)
    : [];
  const n = new Map(counts.map((c) => [c.id, c.n]));
  return rows.map((c) => presentCategory(ctx.actor, c, names.get(c.orgId) ?? '', n.get(c.id) ?? 0));
}

async function sameName(db: Queryable, orgId: number, parentId: number | null, name: string, except = 0) {
  const [c] = await db
    .select({ id: questionCategories.id })
    .from(questionCategories)
    .where(
      sql`${questionCategories.orgId} = ${orgId} and coalesce(${questionCategories.parentId}, 0) = ${parentId ?? 0}
          and ${questionCategories.name} = ${name} and ${questionCategories.id} <> ${except}`,
    );
  if (c)
    throw fieldError('name', {
      zh: `同一上级下已有名为“${name}”的分类`,
      en: `there is already a category "${name}" here`,
    });
}

/** 新建分类: under a category (of the same org's bank), or a top one of an org of one's scope. */
export async function createCategory(ctx: Ctx, input: WriteQuestionCategory) {
  const made = await inTransaction(ctx.db, async (tx) => {
    let orgId: number;
    let orgPath: string;
    const parentId = input.parentId ? Number(input.parentId) : null;
    if (parentId) {
      const p = await categoryFor(ctx, tx, parentId, 'question.manage', true).catch((err) => {
        if (err?.status === 404)
          throw fieldError('parentId', { zh: '没有这个上级分类', en: 'no such parent' });
        throw err;
      });
      orgId = p.orgId;
      orgPath = p.orgPath;
    } else {
      if (!input.orgId) throw fieldError('orgId', { zh: '请选择题库所属党组织', en: 'choose the org' });
      const org = await findOrg(tx, Number(input.orgId));
      if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'no such org' });
      authorize(actorOf(ctx), 'question.manage', org.path);
      orgId = org.id;
      orgPath = org.path;
    }
    await sameName(tx, orgId, parentId, input.name);
    const [c] = await tx
      .insert(questionCategories)
      .values({
        orgId,
        orgPath,
        parentId,
        name: input.name,
        createdBy: actorOf(ctx).userId,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'question.category_created',
      targetType: 'question_category',
      targetId: c.id,
      orgId,
      orgPath,
      after: { name: c.name, parentId },
    });
    return (await presentCategories(ctx, tx, [c]))[0];
  });
  return made;
}

export async function editCategory(ctx: Ctx, id: number, input: z.infer<typeof EditQuestionCategory>) {
  return inTransaction(ctx.db, async (tx) => {
    const c = await categoryFor(ctx, tx, id, 'question.manage', true);
    await sameName(tx, c.orgId, c.parentId, input.name, id);
    const [after] = await tx
      .update(questionCategories)
      .set({ name: input.name })
      .where(eq(questionCategories.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'question.category_renamed',
      targetType: 'question_category',
      targetId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      before: { name: c.name },
      after: { name: after.name },
    });
    return (await presentCategories(ctx, tx, [after]))[0];
  });
}

/** Only an empty category goes: no question (archived ones too: a paper may name them), no child. */
export async function removeCategory(ctx: Ctx, id: number) {
  await inTransaction(ctx.db, async (tx) => {
    const c = await categoryFor(ctx, tx, id, 'question.manage', true);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(questions)
      .where(eq(questions.categoryId, id));
    const [{ k }] = await tx
      .select({ k: sql<number>`count(*)::int` })
      .from(questionCategories)
      .where(eq(questionCategories.parentId, id));
    if (n > 0 || k > 0)
      throw conflict('category_in_use', {
        zh: `该分类下还有 ${n} 道题目、${k} 个子分类，不能删除`,
        en: `the category still holds ${n} questions and ${k} sub-categories`,
      });
    await tx.delete(questionCategories).where(eq(questionCategories.id, id));
    await recordAudit(tx, ctx, {
      action: 'question.category_removed',
      targetType: 'question_category',
      targetId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      before: { name: c.name, parentId: c.parentId },
    });
  });
  return { ok: true as const };
}

/**
 * The category at `path` ('党史/新民主主义革命时期', names joined by '/') below `base`, made where
 * missing (an import's $CATEGORY:). `made` counts the new ones. Inside the import's transaction.
 */
export async function categoryAt(
  ctx: Ctx,
  tx: Queryable,
  base: CategoryRow,
  path: string,
  made: { n: number },
): Promise<CategoryRow> {
  let at = base;
  for (const raw of path.split('/')) {
    const name = raw.trim().slice(0, 100);
    if (!name) continue;
    const [found] = await tx
      .select()
      .from(questionCategories)
      .where(
        and(
          eq(questionCategories.orgId, at.orgId),
          eq(questionCategories.parentId, at.id),
          eq(questionCategories.name, name),
        ),
      );
    if (found) {
      at = found;
      continue;
    }
    const [c] = await tx
      .insert(questionCategories)
      .values({
        orgId: at.orgId,
        orgPath: at.orgPath,
        parentId: at.id,
        name,
        createdBy: actorOf(ctx).userId,
        createdAt: ctx.now(),
      })
      .returning();
    made.n++;
    at = c;
  }
  return at;
}
