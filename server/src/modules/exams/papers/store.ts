import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { rootPathOf } from '../bank/policy.ts';
import { paperQuestions, paperRules, papers, questionCategories, questions } from '../schema.ts';
import { type PaperRow, type RuleRow, ruleCategoryIds } from './pool.ts';

export type { PaperRow, RuleRow };

export const PAPER = { zh: '试卷', en: 'Paper' };

const outside = {
  zh: '无权访问该试卷：组卷的党组织不在您的管理范围内',
  en: 'Access denied: this paper is outside your scope',
};

/** The paper, after checking the caller holds `action` over its org (403 outside their subtree). */
export async function paperFor(
  ctx: Ctx,
  db: Queryable,
  id: number,
  action: 'exam.view' | 'exam.manage',
  lock = false,
): Promise<PaperRow> {
  const q = db.select().from(papers).where(eq(papers.id, id));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw notFound(PAPER);
  authorize(actorOf(ctx), action, p.orgPath, outside);
  return p;
}

/**
 * May a paper of the org at `paperOrgPath` take questions of the bank kept at `bankOrgPath`? The
 * bank's rule (bank/policy.ts maySeeBank), seen from the paper's org: its own subtree's banks and
 * the department's, which every town draws its papers from.
 */
export function bankUsableBy(paperOrgPath: string, bankOrgPath: string): boolean {
  return bankOrgPath.startsWith(paperOrgPath) || bankOrgPath === rootPathOf(paperOrgPath);
}

/** A fixed paper's question ids, in order, by paper. */
export async function questionIdsOf(
  db: Queryable,
  paperIds: readonly number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!paperIds.length) return out;
  const rows = await db
    .select()
    .from(paperQuestions)
    .where(inArray(paperQuestions.paperId, [...paperIds]))
    .orderBy(asc(paperQuestions.paperId), asc(paperQuestions.position));
  for (const r of rows) out.set(r.paperId, [...(out.get(r.paperId) ?? []), r.questionId]);
  return out;
}

/** A random paper's rules, in order, by paper. */
export async function rulesOf(db: Queryable, paperIds: readonly number[]): Promise<Map<number, RuleRow[]>> {
  const out = new Map<number, RuleRow[]>();
  if (!paperIds.length) return out;
  const rows = await db
    .select()
    .from(paperRules)
    .where(inArray(paperRules.paperId, [...paperIds]))
    .orderBy(asc(paperRules.paperId), asc(paperRules.position));
  for (const r of rows) out.set(r.paperId, [...(out.get(r.paperId) ?? []), r]);
  return out;
}

/** Category names by id. */
export async function categoryNamesOf(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: questionCategories.id, name: questionCategories.name })
    .from(questionCategories)
    .where(inArray(questionCategories.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * What a rule may draw now, counted by type (no bodies read: the list shows every paper's rules):
 * the same filter as pool.ts ruleCandidates.
 */
export async function ruleCounts(
  db: Queryable,
  rule: Pick<RuleRow, 'categoryId' | 'includeSubcategories' | 'type' | 'difficulty'>,
): Promise<Map<string, number>> {
  const ids = await ruleCategoryIds(db, rule);
  if (!ids.length) return new Map();
  const where: SQL[] = [inArray(questions.categoryId, ids), eq(questions.status, 'active')];
  if (rule.type) where.push(eq(questions.type, rule.type));
  if (rule.difficulty) where.push(eq(questions.difficulty, rule.difficulty));
  const rows = await db
    .select({ type: questions.type, n: sql<number>`count(*)::int` })
    .from(questions)
    .where(and(...where))
    .groupBy(questions.type);
  return new Map(rows.map((r) => [r.type, Number(r.n)]));
}

/** The types of the fixed papers' questions, by question id. */
export async function questionTypesOf(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: questions.id, type: questions.type })
    .from(questions)
    .where(inArray(questions.id, unique));
  return new Map(rows.map((r) => [r.id, r.type]));
}
