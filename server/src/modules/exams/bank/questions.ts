import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Page } from '../../../../../contracts/common.ts';
import type { Question, QuestionListQuery, WriteQuestion } from '../../../../../contracts/exams/bank.ts';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { questionCategories, questions } from '../schema.ts';
import { bankVisibleWhere } from './policy.ts';
import { presentQuestion } from './present.ts';
import { nameOf, questionFlaw } from './rules.ts';
import { type CategoryRow, categoryFor, type QuestionRow, questionFor, subtreeOf } from './store.ts';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

async function present(ctx: Ctx, db: Queryable, rows: QuestionRow[]): Promise<Question[]> {
  const ids = [...new Set(rows.map((q) => q.categoryId))];
  const cats = ids.length
    ? await db
        .select({ id: questionCategories.id, name: questionCategories.name })
        .from(questionCategories)
        .where(inArray(questionCategories.id, ids))
    : [];
  const names = new Map(cats.map((c) => [c.id, c.name]));
  return rows.map((q) => presentQuestion(ctx.actor, q, names.get(q.categoryId) ?? ''));
}

/**
 * 题目列表: the questions of the banks the caller sees, narrowed to a category and those below it,
 * a type, a difficulty, a tag or words of the name or stem; newest first.
 */
export async function listQuestions(ctx: Ctx, q: QuestionListQuery): Promise<Page<Question>> {
  const scope = await listScope(ctx, 'question.view', q.orgId);
  let inCategories: number[] | null = null;
  if (q.categoryId) {
    const c = await categoryFor(ctx, ctx.db, Number(q.categoryId), 'question.view');
    inCategories = (await subtreeOf(ctx.db, c)).map((k) => k.id);
  }
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    bankVisibleWhere(scope.paths, questions.orgPath),
    eq(questions.status, q.status),
    inCategories ? inArray(questions.categoryId, inCategories) : undefined,
    q.type ? eq(questions.type, q.type) : undefined,
    q.difficulty ? eq(questions.difficulty, q.difficulty) : undefined,
    q.tag ? sql`${questions.tags} @> array[${q.tag}]::text[]` : undefined,
    like
      ? or(sql`${questions.name} ilike ${like}`, sql`${questions.body}->>'stem' ilike ${like}`)
      : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(questions)
        .where(where)
        .orderBy(sql`${questions.id} desc`)
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(questions).where(where),
  });
  return { ...page, items: await present(ctx, ctx.db, page.items) };
}

export async function readQuestion(ctx: Ctx, id: number): Promise<Question> {
  const q = await questionFor(ctx, ctx.db, id, 'question.view');
  return (await present(ctx, ctx.db, [q]))[0];
}

/** The bank's rules (rules.ts) as a 400 naming the field, `question.choices` and the like. */
export function checkQuestion(body: QuestionBody) {
  const flaw = questionFlaw(body);
  if (flaw) throw fieldError(`question.${flaw.field}`, flaw.text);
}

/** The columns a question's body fills (the list filters on them). */
export const columnsOf = (body: QuestionBody) => ({
  type: body.type,
  name: nameOf(body),
  body: { ...body, name: body.name?.trim() || undefined },
  difficulty: body.difficulty,
  tags: [...new Set(body.tags)],
});

/** Inserts checked questions into a category (also the import's way in); no audit here. */
export async function insertQuestions(
  ctx: Ctx,
  tx: Queryable,
  items: { category: CategoryRow; body: QuestionBody }[],
) {
  if (!items.length) return [];
  const now = ctx.now();
  const by = actorOf(ctx).userId;
  const out: QuestionRow[] = [];
  // a few hundred rows a statement keeps the parameters far under PostgreSQL's limit
  for (let i = 0; i < items.length; i += 500)
    out.push(
      ...(await tx
        .insert(questions)
        .values(
          items.slice(i, i + 500).map(({ category, body }) => ({
            categoryId: category.id,
            orgId: category.orgId,
            orgPath: category.orgPath,
            ...columnsOf(body),
            createdBy: by,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning()),
    );
  return out;
}

/** 新增题目: in a category of a bank the caller keeps, after the bank's rules. */
export async function createQuestion(ctx: Ctx, input: WriteQuestion): Promise<Question> {
  checkQuestion(input.question);
  return inTransaction(ctx.db, async (tx) => {
    const category = await categoryOrField(ctx, tx, input.categoryId);
    const [q] = await insertQuestions(ctx, tx, [{ category, body: input.question }]);
    await recordAudit(tx, ctx, {
      action: 'question.created',
      targetType: 'question',
      targetId: q.id,
      orgId: q.orgId,
      orgPath: q.orgPath,
      after: { categoryId: q.categoryId, type: q.type, name: q.name },
    });
    return (await present(ctx, tx, [q]))[0];
  });
}

async function categoryOrField(ctx: Ctx, tx: Queryable, id: string) {
  return categoryFor(ctx, tx, Number(id), 'question.manage', true).catch((err) => {
    if (err?.status === 404) throw fieldError('categoryId', { zh: '没有这个分类', en: 'no such category' });
    throw err;
  });
}

/** 修改题目: its body, or its category (within the same org's bank). */
export async function editQuestion(ctx: Ctx, id: number, input: WriteQuestion): Promise<Question> {
  checkQuestion(input.question);
  return inTransaction(ctx.db, async (tx) => {
    const before = await questionFor(ctx, tx, id, 'question.manage', true);
    if (before.status === 'archived')
      throw conflict('question_archived', { zh: '题目已归档，不能修改', en: 'the question is archived' });
    let categoryId = before.categoryId;
    if (Number(input.categoryId) !== before.categoryId) {
      const c = await categoryOrField(ctx, tx, input.categoryId);
      if (c.orgId !== before.orgId)
        throw fieldError('categoryId', {
          zh: '题目只能移到同一题库的分类中',
          en: 'a question moves only within its bank',
        });
      categoryId = c.id;
    }
    const [q] = await tx
      .update(questions)
      .set({ categoryId, ...columnsOf(input.question), updatedAt: ctx.now() })
      .where(eq(questions.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'question.edited',
      targetType: 'question',
      targetId: id,
      orgId: q.orgId,
      orgPath: q.orgPath,
      before: { categoryId: before.categoryId, body: before.body },
      after: { categoryId: q.categoryId, body: q.body },
    });
    return (await present(ctx, tx, [q]))[0];
  });
}

/** 归档: out of the lists and of new papers; kept, since papers already drawn name it. */
export async function archiveQuestion(ctx: Ctx, id: number): Promise<Question> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await questionFor(ctx, tx, id, 'question.manage', true);
    if (before.status === 'archived') return (await present(ctx, tx, [before]))[0];
    const [q] = await tx
      .update(questions)
      .set({ status: 'archived', updatedAt: ctx.now() })
      .where(eq(questions.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'question.archived',
      targetType: 'question',
      targetId: id,
      orgId: q.orgId,
      orgPath: q.orgPath,
      before: { status: before.status },
      after: { status: q.status },
    });
    return (await present(ctx, tx, [q]))[0];
  });
}
