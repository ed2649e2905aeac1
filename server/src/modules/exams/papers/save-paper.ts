import { eq, inArray } from 'drizzle-orm';
import type { Paper, SavePaper, TypePoints } from '../../../../../contracts/exams/sittings.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg, type OrgRow } from '../../../platform/tree/index.ts';
import { paperQuestions, paperRules, papers, questionCategories, questions } from '../schema.ts';
import { readPaperIn } from './list-papers.ts';
import { paperDraw } from './pool.ts';
import { bankUsableBy, type PaperRow, paperFor, questionIdsOf, ruleCounts, rulesOf } from './store.ts';

/** Questions an examinee gets from one paper, at most (a random paper's rules added up, too). */
export const MAX_QUESTIONS = 200;

const TYPE_LABELS: Record<string, string> = {
  single: '单选题',
  multiple: '多选题',
  truefalse: '判断题',
  fill: '填空题',
  numeric: '数值题',
  short: '简答题',
};

/**
 * A fixed paper's questions: each named once, in a bank the paper's org may use (its subtree's
 * and the department's), and active — else 400 naming `questionIds.N`.
 */
async function checkQuestions(tx: Tx, org: OrgRow, ids: number[]) {
  if (!ids.length)
    throw fieldError('questionIds', { zh: '请为固定试卷选择题目', en: 'choose the paper’s questions' });
  const seen = new Set<number>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id))
      throw fieldError(`questionIds.${i}`, {
        zh: `题目（编号 ${id}）重复`,
        en: `question ${id} is named twice`,
      });
    seen.add(id);
  }
  const rows = await tx
    .select({ id: questions.id, name: questions.name, orgPath: questions.orgPath, status: questions.status })
    .from(questions)
    .where(inArray(questions.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [i, id] of ids.entries()) {
    const q = byId.get(id);
    // another town's question is "not there" for this paper: its existence is not the caller's business
    if (!q || !bankUsableBy(org.path, q.orgPath))
      throw fieldError(`questionIds.${i}`, {
        zh: `题目（编号 ${id}）不存在，或不在该党组织可用的题库中`,
        en: `no question ${id} in the banks this org may use`,
      });
    if (q.status !== 'active')
      throw fieldError(`questionIds.${i}`, {
        zh: `题目“${q.name}”已停用`,
        en: `the question “${q.name}” is archived`,
      });
  }
}

/**
 * A random paper's rules: each category in a bank the paper's org may use, enough active questions
 * for its count, one figure of points for what it draws (else the paper's total is not known) —
 * else 400 naming `rules.N.<field>` with the numbers.
 */
async function checkRules(tx: Tx, org: OrgRow, input: SavePaper) {
  if (!input.rules.length)
    throw fieldError('rules', { zh: '请为随机试卷添加抽题规则', en: 'add the paper’s rules' });
  const total = input.rules.reduce((s, r) => s + r.count, 0);
  if (total > MAX_QUESTIONS)
    throw fieldError('rules', {
      zh: `每份试卷最多 ${MAX_QUESTIONS} 题，规则合计要抽 ${total} 题`,
      en: `a paper has at most ${MAX_QUESTIONS} questions; the rules draw ${total}`,
    });
  const ids = [...new Set(input.rules.map((r) => Number(r.categoryId)))];
  const cats = await tx
    .select({ id: questionCategories.id, orgPath: questionCategories.orgPath })
    .from(questionCategories)
    .where(inArray(questionCategories.id, ids));
  const byId = new Map(cats.map((c) => [c.id, c]));
  const points = input.points as TypePoints;
  for (const [i, r] of input.rules.entries()) {
    const cat = byId.get(Number(r.categoryId));
    if (!cat || !bankUsableBy(org.path, cat.orgPath))
      throw fieldError(`rules.${i}.categoryId`, {
        zh: `题目分类（编号 ${r.categoryId}）不存在，或不在该党组织可用的题库中`,
        en: `no category ${r.categoryId} in the banks this org may use`,
      });
    const counts = await ruleCounts(tx, {
      categoryId: cat.id,
      includeSubcategories: r.includeSubcategories,
      type: r.type,
      difficulty: r.difficulty,
    });
    const available = [...counts.values()].reduce((s, n) => s + n, 0);
    if (available < r.count)
      throw fieldError(`rules.${i}.count`, {
        zh: `第 ${i + 1} 条规则要抽 ${r.count} 题，符合条件的题目只有 ${available} 题`,
        en: `rule ${i + 1} draws ${r.count} questions of ${available}`,
      });
    const worths = new Set([...counts.keys()].map((t) => points[t as keyof TypePoints] ?? 0));
    if (!r.type && worths.size > 1)
      throw fieldError(`rules.${i}.type`, {
        zh: `第 ${i + 1} 条规则包含分值不同的题型（${[...counts.keys()].map((t) => TYPE_LABELS[t] ?? t).join('、')}），请指定题型`,
        en: `rule ${i + 1} mixes types of different points; name a type`,
      });
  }
}

async function checkInput(tx: Tx, org: OrgRow, input: SavePaper) {
  if (input.kind === 'fixed') {
    if (input.rules.length)
      throw fieldError('rules', { zh: '固定试卷不设抽题规则', en: 'a fixed paper has no rules' });
    await checkQuestions(tx, org, input.questionIds.map(Number));
  } else {
    if (input.questionIds.length)
      throw fieldError('questionIds', {
        zh: '随机试卷不指定题目，请设置抽题规则',
        en: 'a random paper names no questions',
      });
    await checkRules(tx, org, input);
  }
}

/** The paper's questions or rules replaced; then the draw an exam would make is tried (pool.ts). */
async function writeContent(tx: Tx, paper: PaperRow, input: SavePaper) {
  await tx.delete(paperQuestions).where(eq(paperQuestions.paperId, paper.id));
  await tx.delete(paperRules).where(eq(paperRules.paperId, paper.id));
  if (input.kind === 'fixed')
    await tx
      .insert(paperQuestions)
      .values(
        input.questionIds.map((q, i) => ({ paperId: paper.id, position: i + 1, questionId: Number(q) })),
      );
  else
    await tx.insert(paperRules).values(
      input.rules.map((r, i) => ({
        paperId: paper.id,
        position: i + 1,
        categoryId: Number(r.categoryId),
        includeSubcategories: r.includeSubcategories,
        type: r.type,
        difficulty: r.difficulty,
        count: r.count,
      })),
    );
  // the checks above name the field; this is the draw itself, e.g. rules sharing too few questions
  const pool = await paperDraw(tx, paper);
  if (!pool.ok)
    throw fieldError(input.kind === 'fixed' ? 'questionIds' : 'rules', { zh: pool.zh, en: pool.en });
}

async function orgFor(ctx: Ctx, tx: Tx, orgId: number) {
  const org = await findOrg(tx, orgId);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'exam.manage', org.path);
  return org;
}

/** What the audit log keeps of a paper. */
async function audited(tx: Tx, p: PaperRow) {
  const qs = (await questionIdsOf(tx, [p.id])).get(p.id) ?? [];
  const rules = (await rulesOf(tx, [p.id])).get(p.id) ?? [];
  return {
    orgId: p.orgId,
    title: p.title,
    kind: p.kind,
    points: p.points,
    shuffleOptions: p.shuffleOptions,
    status: p.status,
    questionIds: qs,
    rules: rules.map((r) => ({
      categoryId: r.categoryId,
      includeSubcategories: r.includeSubcategories,
      type: r.type,
      difficulty: r.difficulty,
      count: r.count,
    })),
  };
}

/** 组卷: a fixed or random paper of an org of the caller's scope, from banks that org may use. */
export async function createPaper(ctx: Ctx, input: SavePaper): Promise<Paper> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const org = await orgFor(ctx, tx, Number(input.orgId));
    await checkInput(tx, org, input);
    const now = ctx.now();
    const [p] = await tx
      .insert(papers)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        kind: input.kind,
        points: input.points,
        shuffleOptions: input.shuffleOptions,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeContent(tx, p, input);
    await recordAudit(tx, ctx, {
      action: 'paper.created',
      targetType: 'paper',
      targetId: p.id,
      orgId: org.id,
      orgPath: org.path,
      after: await audited(tx, p),
    });
    return readPaperIn(ctx, tx, p.id);
  });
}

/**
 * 修改试卷: everything replaced. Exams already published keep their own copy of the questions
 * (exam_questions) and their draw, so an edit changes only exams published after it.
 */
export async function editPaper(ctx: Ctx, id: number, input: SavePaper): Promise<Paper> {
  return inTransaction(ctx.db, async (tx) => {
    // locked: two edits at once apply one after the other, never a mix of both
    const before = await paperFor(ctx, tx, id, 'exam.manage', true);
    if (before.status !== 'active')
      throw conflict('paper_archived', { zh: '试卷已停用，不能修改', en: 'the paper is archived' });
    // moving the paper to another org needs exam.manage there too
    const org = await orgFor(ctx, tx, Number(input.orgId));
    await checkInput(tx, org, input);
    const was = await audited(tx, before);
    const [p] = await tx
      .update(papers)
      .set({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        kind: input.kind,
        points: input.points,
        shuffleOptions: input.shuffleOptions,
        updatedAt: ctx.now(),
      })
      .where(eq(papers.id, id))
      .returning();
    await writeContent(tx, p, input);
    await recordAudit(tx, ctx, {
      action: 'paper.edited',
      targetType: 'paper',
      targetId: id,
      orgId: org.id,
      orgPath: org.path,
      before: was,
      after: await audited(tx, p),
    });
    return readPaperIn(ctx, tx, id);
  });
}

/** 停用试卷: no new exam may use it; exams already published keep their copy. 409 when already archived. */
export async function archivePaper(ctx: Ctx, id: number): Promise<Paper> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await paperFor(ctx, tx, id, 'exam.manage', true);
    if (before.status !== 'active')
      throw conflict('paper_archived', { zh: '试卷已经停用', en: 'the paper is already archived' });
    const [p] = await tx
      .update(papers)
      .set({ status: 'archived', updatedAt: ctx.now() })
      .where(eq(papers.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'paper.archived',
      targetType: 'paper',
      targetId: id,
      orgId: p.orgId,
      orgPath: p.orgPath,
      before: { status: before.status },
      after: { status: p.status },
    });
    return readPaperIn(ctx, tx, id);
  });
}
