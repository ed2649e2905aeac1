import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import {
  paperQuestions,
  paperRules,
  type papers,
  type ExamDraw,
  questionCategories,
  questions,
} from '../schema.ts';
import { subtreeOf } from '../bank/store.ts';

export type PaperRow = typeof papers.$inferSelect;
export type RuleRow = typeof paperRules.$inferSelect;
export type PoolQuestion = typeof questions.$inferSelect;

/** The categories a rule draws from: its own, and those below it when it says so. */
export async function ruleCategoryIds(
  db: Queryable,
  rule: Pick<RuleRow, 'categoryId' | 'includeSubcategories'>,
) {
  if (!rule.includeSubcategories) return [rule.categoryId];
  const [root] = await db.select().from(questionCategories).where(eq(questionCategories.id, rule.categoryId));
  if (!root) return [];
  return (await subtreeOf(db, root)).map((c) => c.id);
}

/** The active questions a rule may draw (by id). */
export async function ruleCandidates(db: Queryable, rule: RuleRow): Promise<PoolQuestion[]> {
  const ids = await ruleCategoryIds(db, rule);
  if (!ids.length) return [];
  const where: SQL[] = [inArray(questions.categoryId, ids), eq(questions.status, 'active')];
  if (rule.type) where.push(eq(questions.type, rule.type));
  if (rule.difficulty) where.push(eq(questions.difficulty, rule.difficulty));
  return db
    .select()
    .from(questions)
    .where(and(...where))
    .orderBy(asc(questions.id));
}

/**
 * What an exam of this paper draws from, fixed when the exam is published: the questions (their
 * bodies are copied into exam_questions) and the draw (schema.ts ExamDraw). Null with the reason
 * when the paper cannot be sat: no questions, an archived question on a fixed paper, a rule with
 * fewer candidates than it asks for (counting those earlier rules take).
 */
export async function paperDraw(
  db: Queryable,
  paper: PaperRow,
): Promise<
  | { ok: true; draw: ExamDraw; questions: PoolQuestion[]; questionCount: number; totalPoints: number }
  | { ok: false; zh: string; en: string }
> {
  const points = (q: Pick<PoolQuestion, 'type'>) => paper.points[q.type as keyof PaperRow['points']] ?? 0;
  if (paper.kind === 'fixed') {
    const rows = await db
      .select({ q: questions })
      .from(paperQuestions)
      .innerJoin(questions, eq(questions.id, paperQuestions.questionId))
      .where(eq(paperQuestions.paperId, paper.id))
      .orderBy(asc(paperQuestions.position));
    const qs = rows.map((r) => r.q);
    if (!qs.length) return { ok: false, zh: '试卷还没有题目', en: 'the paper has no questions' };
    const archived = qs.find((q) => q.status !== 'active');
    if (archived)
      return {
        ok: false,
        zh: `试卷中的题目“${archived.name}”已停用`,
        en: `the question “${archived.name}” is archived`,
      };
    return {
      ok: true,
      draw: { kind: 'fixed', shuffleOptions: paper.shuffleOptions, ids: qs.map((q) => q.id) },
      questions: qs,
      questionCount: qs.length,
      totalPoints: round2(qs.reduce((s, q) => s + points(q), 0)),
    };
  }
  const rules = await db
    .select()
    .from(paperRules)
    .where(eq(paperRules.paperId, paper.id))
    .orderBy(asc(paperRules.position));
  if (!rules.length) return { ok: false, zh: '随机试卷还没有抽题规则', en: 'the paper has no rules' };
  const earlier = new Set<number>();
  let earlierCount = 0;
  const all = new Map<number, PoolQuestion>();
  const drawRules: { count: number; ids: number[] }[] = [];
  let total = 0;
  let count = 0;
  for (const [i, rule] of rules.entries()) {
    const candidates = await ruleCandidates(db, rule);
    // at worst the earlier rules took every question this rule shares with them (up to their counts)
    const shared = candidates.filter((q) => earlier.has(q.id)).length;
    const free = candidates.length - Math.min(shared, earlierCount);
    if (free < rule.count)
      return {
        ok: false,
        zh: `第 ${i + 1} 条抽题规则要抽 ${rule.count} 题，可抽的只有 ${free} 题`,
        en: `rule ${i + 1} draws ${rule.count} questions of ${free}`,
      };
    // the points of a rule's questions must be one figure for the paper's total to be known
    const worths = new Set(candidates.map(points));
    if (worths.size > 1)
      return {
        ok: false,
        zh: `第 ${i + 1} 条抽题规则包含分值不同的题型，请为规则指定题型`,
        en: `rule ${i + 1} mixes question types of different points; name a type`,
      };
    for (const q of candidates) {
      all.set(q.id, q);
      earlier.add(q.id);
    }
    earlierCount += rule.count;
    drawRules.push({ count: rule.count, ids: candidates.map((q) => q.id) });
    total += rule.count * points(candidates[0]);
    count += rule.count;
  }
  return {
    ok: true,
    draw: { kind: 'random', shuffleOptions: paper.shuffleOptions, rules: drawRules },
    questions: [...all.values()],
    questionCount: count,
    totalPoints: round2(total),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
