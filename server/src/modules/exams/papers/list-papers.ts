import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import {
  type Paper,
  type PaperListQuery,
  SlotView,
  type TypePoints,
} from '../../../../../contracts/exams/sittings.ts';
import type { Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { orgNamesOf } from '../bank/store.ts';
import { papers } from '../schema.ts';
import { viewOf } from '../scoring.ts';
import { type Drawable, type DrawSpec, drawSlots, newSeed } from './draw.ts';
import { paperDraw } from './pool.ts';
import { presentPaper, type RuleFigures } from './present.ts';
import {
  categoryNamesOf,
  PAPER,
  type PaperRow,
  paperFor,
  questionIdsOf,
  questionTypesOf,
  ruleCounts,
  rulesOf,
} from './store.ts';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** The papers presented: their questions or rules, with each rule's figures read now. */
async function present(ctx: Ctx, db: Queryable, rows: PaperRow[]): Promise<Paper[]> {
  const ids = rows.map((r) => r.id);
  // one after the other: `db` may be a transaction's one connection
  const names = await orgNamesOf(
    db,
    rows.map((r) => r.orgId),
  );
  const fixed = await questionIdsOf(db, ids);
  const types = await questionTypesOf(db, [...fixed.values()].flat());
  const rules = await rulesOf(db, ids);
  const allRules = [...rules.values()].flat();
  const categories = await categoryNamesOf(
    db,
    allRules.map((r) => r.categoryId),
  );
  const figures = new Map<number, RuleFigures[]>();
  for (const p of rows) {
    const points = p.points as TypePoints;
    const list: RuleFigures[] = [];
    for (const rule of rules.get(p.id) ?? []) {
      const counts = await ruleCounts(db, rule);
      const kinds = rule.type ? [rule.type] : [...counts.keys()];
      list.push({
        rule,
        categoryName: categories.get(rule.categoryId) ?? '',
        available: [...counts.values()].reduce((s, n) => s + n, 0),
        worth: Math.max(0, ...kinds.map((t) => points[t as keyof TypePoints] ?? 0)),
      });
    }
    figures.set(p.id, list);
  }
  return rows.map((p) =>
    presentPaper(ctx.actor, p, {
      orgName: names.get(p.orgId) ?? '',
      questionIds: fixed.get(p.id) ?? [],
      types,
      rules: figures.get(p.id) ?? [],
    }),
  );
}

/** 试卷: the papers of the caller's scope (or of one org's subtree), active first, the newest edit first. */
export async function listPapers(ctx: Ctx, q: z.infer<typeof PaperListQuery>): Promise<Page<Paper>> {
  const scope = await listScope(ctx, 'exam.view', q.orgId);
  const words = q.q?.trim();
  const where = and(
    scope.covers(papers.orgPath),
    words ? ilike(papers.title, `%${escapeLike(words)}%`) : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(papers)
        .where(where)
        .orderBy(asc(papers.status), desc(papers.updatedAt), desc(papers.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(papers).where(where),
  });
  return { ...page, items: await present(ctx, ctx.db, page.items) };
}

export async function readPaperIn(ctx: Ctx, db: Queryable, id: number): Promise<Paper> {
  const [row] = await db.select().from(papers).where(eq(papers.id, id));
  if (!row) throw notFound(PAPER);
  return (await present(ctx, db, [row]))[0];
}

export async function readPaper(ctx: Ctx, id: number): Promise<Paper> {
  await paperFor(ctx, ctx.db, id, 'exam.view');
  return readPaperIn(ctx, ctx.db, id);
}

export const PaperPreviewQuery = z.strictObject({
  seed: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
/** One sample of the paper as an examinee would get it from `seed`: the same seed, the same paper. */
export const PaperPreview = z.object({
  seed: z.number().int(),
  slots: z.array(SlotView),
  totalPoints: z.number(),
});
export type PaperPreview = z.infer<typeof PaperPreview>;

/**
 * 预览: one draw, as an attempt of an exam published now would make it (draw.ts drawSlots over
 * pool.ts paperDraw), without the key. 409 when the paper cannot be drawn now, with the reason.
 */
export async function previewPaper(ctx: Ctx, id: number, seed = newSeed()): Promise<PaperPreview> {
  const paper = await paperFor(ctx, ctx.db, id, 'exam.view');
  const pool = await paperDraw(ctx.db, paper);
  if (!pool.ok)
    throw conflict('paper_cannot_draw', {
      zh: `试卷不能抽题：${pool.zh}`,
      en: `the paper cannot be drawn: ${pool.en}`,
    });
  const byId = new Map(pool.questions.map((q) => [q.id, q]));
  const points = paper.points as TypePoints;
  const lite = (qid: number): Drawable => {
    const q = byId.get(qid)!;
    return {
      id: q.id,
      type: q.type,
      choiceCount: q.body.choices?.length ?? 0,
      points: points[q.type as keyof TypePoints] ?? 0,
    };
  };
  const d = pool.draw;
  const spec: DrawSpec =
    d.kind === 'fixed'
      ? { kind: 'fixed', shuffleOptions: d.shuffleOptions, questions: d.ids.map(lite) }
      : {
          kind: 'random',
          shuffleOptions: d.shuffleOptions,
          rules: d.rules.map((r) => ({ count: r.count, candidates: r.ids.map(lite) })),
        };
  const slots = drawSlots(seed, spec).map((s, i) => viewOf(byId.get(s.q)!.body, i, s.points, s.order));
  return { seed, slots, totalPoints: pool.totalPoints };
}
