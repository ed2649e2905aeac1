import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { questionCategories, questions } from '../schema.ts';
import { maySeeBank } from './policy.ts';

export type CategoryRow = typeof questionCategories.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;

export const CATEGORY = { zh: '题目分类', en: 'Question category' };
export const QUESTION = { zh: '题目', en: 'Question' };

const outside = {
  zh: '无权访问：该题库所属党组织不在您的管理范围内',
  en: 'Access denied: this bank is outside your scope',
};

/**
 * The record after checking the caller may act on it: to look, policy.ts maySeeBank (their subtree
 * and the department's bank); to change, `question.manage` over its org. 404 when there is none.
 */
export function checked<T extends { orgPath: string }>(
  ctx: Ctx,
  row: T,
  action: 'question.view' | 'question.manage',
): T {
  const actor = actorOf(ctx);
  if (action === 'question.view') {
    if (!maySeeBank(actor, row.orgPath)) throw forbidden(outside);
  } else authorize(actor, action, row.orgPath, outside);
  return row;
}

export async function categoryFor(
  ctx: Ctx,
  db: Queryable,
  id: number,
  action: 'question.view' | 'question.manage',
  lock = false,
): Promise<CategoryRow> {
  const q = db.select().from(questionCategories).where(eq(questionCategories.id, id));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound(CATEGORY);
  return checked(ctx, c, action);
}

export async function questionFor(
  ctx: Ctx,
  db: Queryable,
  id: number,
  action: 'question.view' | 'question.manage',
  lock = false,
): Promise<QuestionRow> {
  const q = db.select().from(questions).where(eq(questions.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(QUESTION);
  return checked(ctx, row, action);
}

/** A category and every category below it (the tree is small: one org's bank). */
export async function subtreeOf(db: Queryable, root: CategoryRow): Promise<CategoryRow[]> {
  const all = await db.select().from(questionCategories).where(eq(questionCategories.orgId, root.orgId));
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...all.filter((c) => c.parentId === out[i].id));
  return out;
}

/** The path of names from the top of its org's tree, joined by '/' (GIFT's $CATEGORY:). */
export function pathNames(all: readonly CategoryRow[], id: number): string {
  const byId = new Map(all.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let c = byId.get(id); c; c = c.parentId ? byId.get(c.parentId) : undefined) names.unshift(c.name);
  return names.join('/');
}

export async function orgNamesOf(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unique));
  return new Map(rows.map((o) => [o.id, o.name]));
}
